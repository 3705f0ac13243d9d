namespace Cnn.MLNet.Pipelines.Tests.Images;

/// <summary>Simulated shape images (bars, crosses, rings) written as class folders in a temporary directory, deleted on dispose.</summary>
internal sealed class ImageFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-image-folders-" + Guid.NewGuid().ToString("N"));

    public ImageFolder() => Directory.CreateDirectory(Root);

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes <paramref name="perClass"/> images per class into <c>Root/name/&lt;class&gt;/</c>; returns that folder.</summary>
    public string Shapes(string name, int perClass, int seed, int size = 28) =>
        Write(name, perClass, new ShapeImageOptions { Width = size, Height = size, Seed = seed });

    public string Write(string name, int perClass, ShapeImageOptions options)
    {
        string folder = PathOf(name);
        ShapeImageSimulator.WriteFolders(folder, perClass, options);
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
