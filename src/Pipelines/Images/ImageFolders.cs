using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Reads a folder of images into an <see cref="IDataView"/> of file paths and class names, ready
/// for ML.NET's <c>ml.Transforms.LoadImages(…, imageFolder: null, "ImagePath")</c>.
/// </summary>
/// <remarks>
/// <para>
/// Layout (as in ML.NET's image-classification samples): one sub-folder per class, named after the
/// class, holding that class's images (sub-folders below a class folder count towards it):
/// <c>DIR/cats/001.png</c>, <c>DIR/dogs/a.jpg</c>, …. For prediction (<c>requireLabels: false</c>)
/// image files directly in <c>DIR</c> are read too, with an empty label (and when every image is
/// such a loose file, there is no <c>Label</c> column at all).
/// </para>
/// <para>
/// Output columns: <c>ImagePath</c> (text, the absolute path) and <c>Label</c> (text, the class
/// folder's name; empty for loose files). Rows are sorted by path (ordinal), so the order does not
/// depend on the file system. Files are listed when <see cref="Load"/> is called; their contents
/// are read later, by the pipeline. Image files are those ML.NET's <c>MLImage</c> (SkiaSharp)
/// decodes, by extension, case-insensitively: <see cref="Extensions"/>. Other files and names
/// starting with a dot are ignored.
/// </para>
/// </remarks>
public static class ImageFolders
{
    /// <summary>The column of absolute image paths.</summary>
    public const string ImagePathColumn = "ImagePath";

    /// <summary>The column of class names (sub-folder names).</summary>
    public const string LabelColumn = "Label";

    /// <summary>The file extensions read as images: .png .jpg .jpeg .bmp .gif .webp.</summary>
    internal static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Loads the image paths and class names of a folder.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="directory">The folder: one sub-folder per class, or (for prediction) images directly in it.</param>
    /// <param name="requireLabels">
    /// True for training and evaluation: every image must be in a class sub-folder. False for
    /// prediction: images directly in the folder are accepted too (empty <c>Label</c>).
    /// </param>
    /// <param name="minimumClasses">The fewest classes accepted (2 for training). Default 0: any.</param>
    /// <returns>An in-memory data view (shuffleable) of <c>ImagePath</c> and <c>Label</c> (only <c>ImagePath</c> when no image is in a class folder).</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The folder holds no images; with <paramref name="requireLabels"/>, a class folder holds no
    /// images (named), images lie outside the class folders, or there are fewer classes than
    /// <paramref name="minimumClasses"/>. Messages name the folder.
    /// </exception>
    /// <example><code>
    /// var data = ImageFolders.Load(ml, "photos", requireLabels: true);   // photos/cats/*.jpg, photos/dogs/*.jpg
    /// var model = ImageModels.Train(ml, data, null, new ImageTrainingSettings { Width = 32, Height = 32 });
    /// </code></example>
    public static IDataView Load(MLContext ml, string directory, bool requireLabels, int minimumClasses = 0)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var rows = List(directory, requireLabels, minimumClasses);
        if (rows.All(r => r.Label.Length == 0)) // only loose files: there is nothing to say about classes
            return ml.Data.LoadFromEnumerable(rows.Select(r => new PathRow { ImagePath = r.Path }).ToList());
        return ml.Data.LoadFromEnumerable(rows.Select(r => new ImageRow { ImagePath = r.Path, Label = r.Label }).ToList());
    }

    /// <summary>
    /// Lists the images of a folder as <see cref="Load"/> reads them (same rules and errors),
    /// without an ML.NET context: (absolute path, class name) pairs sorted by path.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="requireLabels">See <see cref="Load"/>.</param>
    /// <param name="minimumClasses">See <see cref="Load"/>.</param>
    public static IReadOnlyList<(string Path, string Label)> List(string directory, bool requireLabels, int minimumClasses = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException(File.Exists(root)
                ? $"Image folder '{root}' is a file; give a folder with one sub-folder of images per class."
                : $"Image folder '{root}' does not exist.");

        var rows = new List<(string Path, string Label)>();
        var loose = ImagesIn(root, SearchOption.TopDirectoryOnly);
        var emptyClasses = new List<string>();
        int classes = 0;
        foreach (string folder in Visible(Directory.EnumerateDirectories(root)))
        {
            string label = Path.GetFileName(folder);
            var images = ImagesIn(folder, SearchOption.AllDirectories);
            if (images.Count == 0) { emptyClasses.Add(label); continue; }
            classes++;
            rows.AddRange(images.Select(path => (path, label)));
        }

        string kinds = string.Join(" ", Extensions);
        if (requireLabels)
        {
            if (loose.Count > 0)
                throw new InvalidDataException($"Image folder '{root}' has {loose.Count} image file(s) directly in it (e.g. '{Path.GetFileName(loose[0])}'); "
                    + "for training and evaluation put every image in a sub-folder named after its class.");
            if (emptyClasses.Count > 0)
                throw new InvalidDataException($"Class folder '{emptyClasses[0]}' in '{root}' has no images ({kinds})"
                    + (emptyClasses.Count > 1 ? $"; nor have: {string.Join(", ", emptyClasses.Skip(1))}." : "."));
            if (classes == 0)
                throw new InvalidDataException($"Image folder '{root}' has no class sub-folders with images ({kinds}); "
                    + "expected one sub-folder per class, e.g. DIR/cats/1.png, DIR/dogs/1.png.");
        }
        rows.AddRange(loose.Select(path => (path, "")));
        if (rows.Count == 0)
            throw new InvalidDataException($"Image folder '{root}' has no images ({kinds}), neither directly in it nor in class sub-folders.");
        if (classes < minimumClasses)
            throw new InvalidDataException($"Image folder '{root}' has {classes} class sub-folder(s) with images"
                + (classes > 0 ? $" ({string.Join(", ", rows.Select(r => r.Label).Where(l => l.Length > 0).Distinct())})" : "")
                + $"; training needs at least {minimumClasses}: one sub-folder per class.");

        rows.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return rows;
    }

    /// <summary>Whether <paramref name="path"/> has one of the <see cref="Extensions"/>.</summary>
    internal static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static List<string> ImagesIn(string folder, SearchOption option) =>
        [.. Visible(Directory.EnumerateFiles(folder, "*", option))
            .Where(path => IsImageFile(path) && !HiddenBelow(folder, path))
            .OrderBy(path => path, StringComparer.Ordinal)];

    private static IEnumerable<string> Visible(IEnumerable<string> paths) =>
        paths.Where(p => !Path.GetFileName(p).StartsWith('.')).OrderBy(p => p, StringComparer.Ordinal);

    // A file inside a hidden folder below the class folder (e.g. .thumbnails/) is not an image of the class.
    private static bool HiddenBelow(string folder, string path) =>
        Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }
}
