namespace Cnn.MLNet.Interpretation;

/// <summary>Argument checks shared by the plot writers.</summary>
internal static class PlotChecks
{
    public static void Size(int width, int height)
    {
        if (width < 50 || width > 20_000) throw new ArgumentOutOfRangeException(nameof(width), width, "The image width must be 50 to 20,000 pixels.");
        if (height < 50 || height > 20_000) throw new ArgumentOutOfRangeException(nameof(height), height, "The image height must be 50 to 20,000 pixels.");
    }

    /// <summary>Creates the folder of <paramref name="path"/> when missing and returns the full path.</summary>
    public static string Output(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return full;
    }
}
