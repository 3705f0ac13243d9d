using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>Reads and writes samtools <c>.fai</c> files (tab-separated: name, length, offset, line bases, line width).</summary>
internal static class FaiIndex
{
    /// <summary>Reads the index at <paramref name="path"/>, checking each line; errors name the file and line.</summary>
    /// <exception cref="FormatException">A line is malformed or a name repeats.</exception>
    public static List<FaiEntry> Read(string path)
    {
        var entries = new List<FaiEntry>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            string[] fields = line.Split('\t');
            // Six fields is samtools' FASTQ index (quality offset); a genome is FASTA.
            if (fields.Length != 5)
                throw Bad(path, number, $"expected 5 tab-separated fields (name, length, offset, line bases, line width), found {fields.Length}");
            long Field(int i, string what, long min)
            {
                if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min)
                    throw Bad(path, number, $"the {what} '{fields[i]}' is not a whole number of at least {min}");
                return value;
            }
            var entry = new FaiEntry(fields[0], Field(1, "length", 0), Field(2, "offset", 0), Field(3, "line bases", 1), Field(4, "line width", 1), number);
            if (entry.Name.Length == 0) throw Bad(path, number, "the sequence name is empty");
            if (entry.LineWidth <= entry.LineBases && entry.Length > entry.LineBases)
                throw Bad(path, number, $"the line width {entry.LineWidth} leaves no room for a line end after {entry.LineBases} bases");
            if (!seen.TryAdd(entry.Name, number))
                throw Bad(path, number, $"the sequence '{entry.Name}' repeats (first at line {seen[entry.Name]})");
            entries.Add(entry);
        }
        if (entries.Count == 0) throw Bad(path, number, "the index lists no sequences");
        return entries;
    }

    /// <summary>Writes the entries as samtools does (one line each, <c>\n</c> ends).</summary>
    public static void Write(string path, IEnumerable<FaiEntry> entries)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\n";
        foreach (var entry in entries) writer.WriteLine(entry.ToLine());
    }

    /// <summary>An error about line <paramref name="line"/> of the index.</summary>
    public static FormatException Bad(string path, long line, string what) =>
        new($"{path} line {line}: {what}. Rebuild the index with --build-index (after deleting it) or 'samtools faidx'.");
}
