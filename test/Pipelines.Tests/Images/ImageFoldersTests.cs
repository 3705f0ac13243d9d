using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Images;

public sealed class ImageFoldersTests : IDisposable
{
    private readonly ImageFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Touch(params string[] parts)
    {
        string path = _folder.PathOf(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]); // listing never opens the files
        return path;
    }

    [Fact]
    public void Class_folders_give_sorted_absolute_paths_labelled_by_folder_name()
    {
        Touch("data", "dogs", "b.JPG");
        Touch("data", "dogs", "a.png");
        Touch("data", "cats", "z.webp");
        Touch("data", "cats", "more", "y.bmp");          // below a class folder: still that class
        Touch("data", "cats", "notes.txt");              // not an image: ignored
        Touch("data", "cats", ".hidden.png");            // hidden: ignored
        Touch("data", "cats", ".thumbnails", "t.png");   // in a hidden folder: ignored
        Touch("data", ".git", "x.png");                  // hidden folder: not a class

        var ml = new MLContext(seed: 1);
        var data = ImageFolders.Load(ml, _folder.PathOf("data"), requireLabels: true);

        Assert.Equal(["ImagePath", "Label"], data.Schema.Select(c => c.Name));
        var paths = data.GetColumn<string>("ImagePath").ToArray();
        var labels = data.GetColumn<string>("Label").ToArray();
        Assert.Equal(
        [
            _folder.PathOf("data", "cats", "more", "y.bmp"), _folder.PathOf("data", "cats", "z.webp"),
            _folder.PathOf("data", "dogs", "a.png"), _folder.PathOf("data", "dogs", "b.JPG"),
        ], paths);
        Assert.Equal(["cats", "cats", "dogs", "dogs"], labels);
        Assert.All(paths, p => Assert.True(Path.IsPathFullyQualified(p)));
        Assert.Equal(paths, ImageFolders.List(_folder.PathOf("data"), requireLabels: true).Select(r => r.Path)); // List and Load agree
    }

    [Fact]
    public void Prediction_accepts_images_directly_in_the_folder_with_empty_labels()
    {
        Touch("loose", "2.jpeg");
        Touch("loose", "1.gif");
        Touch("loose", "cats", "c.png");

        var rows = ImageFolders.List(_folder.PathOf("loose"), requireLabels: false);

        Assert.Equal([("1.gif", ""), ("2.jpeg", ""), ("c.png", "cats")], rows.Select(r => (Path.GetFileName(r.Path), r.Label)));
        var ml = new MLContext(seed: 1);
        Assert.Equal(["ImagePath", "Label"], ImageFolders.Load(ml, _folder.PathOf("loose"), requireLabels: false).Schema.Select(c => c.Name));
        Directory.Delete(_folder.PathOf("loose", "cats"), recursive: true);
        Assert.Equal(["ImagePath"], ImageFolders.Load(ml, _folder.PathOf("loose"), requireLabels: false).Schema.Select(c => c.Name)); // no classes at all
        var error = Assert.Throws<InvalidDataException>(() => ImageFolders.List(_folder.PathOf("loose"), requireLabels: true));
        Assert.Contains("2 image file(s) directly in it", error.Message);
        Assert.Contains("1.gif", error.Message);
    }

    [Fact]
    public void Missing_folder_and_a_file_instead_of_a_folder_are_named()
    {
        string missing = _folder.PathOf("nowhere");
        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolders.List(missing, requireLabels: true));
        Assert.Contains($"'{missing}' does not exist", error.Message);

        string file = Touch("file.png");
        error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolders.List(file, requireLabels: false));
        Assert.Contains($"'{file}' is a file", error.Message);
    }

    [Fact]
    public void A_folder_without_images_is_rejected_naming_it()
    {
        Directory.CreateDirectory(_folder.PathOf("empty"));
        Touch("empty", "readme.txt");

        var labelled = Assert.Throws<InvalidDataException>(() => ImageFolders.List(_folder.PathOf("empty"), requireLabels: true));
        Assert.Contains($"'{_folder.PathOf("empty")}' has no class sub-folders with images (.png .jpg .jpeg .bmp .gif .webp)", labelled.Message);
        var unlabelled = Assert.Throws<InvalidDataException>(() => ImageFolders.List(_folder.PathOf("empty"), requireLabels: false));
        Assert.Contains("has no images", unlabelled.Message);
    }

    [Fact]
    public void A_class_folder_without_images_is_named()
    {
        Touch("data", "cats", "a.png");
        Touch("data", "dogs", "notes.txt");
        Directory.CreateDirectory(_folder.PathOf("data", "birds"));

        var error = Assert.Throws<InvalidDataException>(() => ImageFolders.List(_folder.PathOf("data"), requireLabels: true));

        Assert.Contains($"Class folder 'birds' in '{_folder.PathOf("data")}' has no images", error.Message);
        Assert.Contains("nor have: dogs", error.Message);
        Assert.Single(ImageFolders.List(_folder.PathOf("data"), requireLabels: false)); // prediction skips them
    }

    [Fact]
    public void Training_needs_at_least_two_classes()
    {
        Touch("one", "cats", "a.png");

        var error = Assert.Throws<InvalidDataException>(() => ImageFolders.List(_folder.PathOf("one"), requireLabels: true, minimumClasses: 2));

        Assert.Contains($"'{_folder.PathOf("one")}' has 1 class sub-folder(s) with images (cats); training needs at least 2", error.Message);
        Assert.Single(ImageFolders.List(_folder.PathOf("one"), requireLabels: true)); // evaluation on one class is fine
    }
}
