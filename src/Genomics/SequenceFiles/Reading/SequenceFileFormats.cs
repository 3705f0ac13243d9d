namespace Cnn.MLNet.Genomics;

/// <summary>Decides a file's <see cref="SequenceFileFormat"/> from its extension.</summary>
internal static class SequenceFileFormats
{
    private static readonly (string Extension, SequenceFileFormat Format)[] Known =
    [
        (".tsv", SequenceFileFormat.Tsv),
        (".txt", SequenceFileFormat.Tsv),
        (".csv", SequenceFileFormat.Csv),
        (".fa", SequenceFileFormat.Fasta),
        (".fasta", SequenceFileFormat.Fasta),
        (".fna", SequenceFileFormat.Fasta),
        (".ffn", SequenceFileFormat.Fasta),
    ];

    /// <summary>
    /// The format to read <paramref name="path"/> with: <paramref name="requested"/> unless it is
    /// <see cref="SequenceFileFormat.Auto"/>, else the one its extension (case-insensitive, a
    /// trailing <c>.gz</c> ignored) names.
    /// </summary>
    /// <exception cref="ArgumentException">Auto was requested and the extension is not a known one.</exception>
    public static SequenceFileFormat Resolve(string path, SequenceFileFormat requested)
    {
        if (requested != SequenceFileFormat.Auto)
            return requested;
        string name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            name = name[..^3];
        string extension = System.IO.Path.GetExtension(name);
        foreach (var (known, format) in Known)
        {
            if (string.Equals(extension, known, StringComparison.OrdinalIgnoreCase))
                return format;
        }
        throw new ArgumentException(
            $"Cannot tell the format of '{path}' from its extension ({(extension.Length == 0 ? "it has none" : $"'{extension}'")}). Known extensions, optionally followed by .gz: "
            + $"{string.Join(", ", Known.Select(k => k.Extension))}. "
            + "Set SequenceFileOptions.Format to Tsv, Csv or Fasta to read it anyway.",
            nameof(path));
    }
}
