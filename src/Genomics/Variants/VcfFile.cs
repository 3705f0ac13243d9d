using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads VCF files (4.0 to 4.3; optionally gzip- or BGZF-compressed; <c>\n</c> or <c>\r\n</c> line
/// ends): <c>##</c> meta lines are skipped (the <c>##fileformat</c> line is optional), the
/// <c>#CHROM</c> header line must come before the first record, and each data line needs the eight
/// fixed tab-separated columns. POS must be a positive integer, REF and each non-symbolic ALT one or
/// more of A, C, G, T, N (either case). Symbolic ALTs are returned as written
/// (<see cref="VcfAlleles.IsSymbolic"/>). Errors are <see cref="FormatException"/>s naming the file and line.
/// </summary>
public static class VcfFile
{
    private const int FixedColumns = 8;

    /// <summary>Reads every record of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<VcfRecord> Read(string path) => Enumerate(path).ToList();

    /// <summary>Reads the records of <paramref name="path"/> one by one, lazily; the file is open while enumerating.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown when enumeration starts).</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static IEnumerable<VcfRecord> Enumerate(string path) => Enumerate(path, header: null);

    /// <summary>As <see cref="Enumerate(string)"/>, adding the meta and <c>#CHROM</c> lines to <paramref name="header"/> as they are read (all of them before the first record is returned).</summary>
    internal static IEnumerable<VcfRecord> Enumerate(string path, List<string>? header)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"VCF file '{path}' was not found.", path);
        return EnumerateExisting(path, fullPath, header);
    }

    private static IEnumerable<VcfRecord> EnumerateExisting(string path, string fullPath, List<string>? header)
    {
        using var lines = LineReader.Open(path, fullPath);
        bool sawHeader = false;
        long index = 0;
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.AsSpan().Trim().IsEmpty)
                continue;
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                if (sawHeader)
                    throw SequenceFileErrors.Content(path, lines.LineNumber, null, "a ## meta line comes after the #CHROM header line; meta lines must all come before it.");
                header?.Add(line);
                continue;
            }
            if (line[0] == '#')
            {
                if (!line.StartsWith("#CHROM", StringComparison.Ordinal))
                    throw SequenceFileErrors.Content(path, lines.LineNumber, null, $"{SequenceFileErrors.Quote(line)} is neither a ## meta line nor the #CHROM header line.");
                if (sawHeader)
                    throw SequenceFileErrors.Content(path, lines.LineNumber, null, "a second #CHROM header line.");
                sawHeader = true;
                header?.Add(line);
                continue;
            }
            if (!sawHeader)
                throw SequenceFileErrors.Content(path, lines.LineNumber, null, "a data line comes before the #CHROM header line; is this a VCF file?");
            yield return Parse(line, path, lines.LineNumber, index++);
        }
        if (!sawHeader)
            throw SequenceFileErrors.Content(path, Math.Max(1, lines.LineNumber), null, "the file has no #CHROM header line; is this a VCF file?");
    }

    private static VcfRecord Parse(string line, string path, long lineNumber, long index)
    {
        string[] columns = line.Split('\t');
        if (columns.Length < FixedColumns)
        {
            throw SequenceFileErrors.Content(path, lineNumber, null,
                $"a VCF record needs at least {FixedColumns} tab-separated columns (CHROM POS ID REF ALT QUAL FILTER INFO) but {SequenceFileErrors.Quote(line)} has {columns.Length}.");
        }
        string chromosome = columns[0];
        if (chromosome.Length == 0)
            throw SequenceFileErrors.Content(path, lineNumber, "CHROM", "the chromosome is empty.");
        if (!long.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out long position) || position < 1)
            throw SequenceFileErrors.Content(path, lineNumber, "POS", $"{SequenceFileErrors.Quote(columns[1])} is not a positive integer; VCF positions are 1-based.");
        string reference = columns[3];
        if (!VcfAlleles.IsBases(reference))
            throw SequenceFileErrors.Content(path, lineNumber, "REF", $"{SequenceFileErrors.Quote(reference)} is not made of the bases A, C, G, T, N.");
        string[] alts = columns[4].Split(',');
        foreach (string alt in alts)
        {
            if (alt.Length == 0)
                throw SequenceFileErrors.Content(path, lineNumber, "ALT", $"{SequenceFileErrors.Quote(columns[4])} has an empty allele.");
            if (!VcfAlleles.IsSymbolic(alt) && !VcfAlleles.IsBases(alt))
                throw SequenceFileErrors.Content(path, lineNumber, "ALT", $"the allele {SequenceFileErrors.Quote(alt)} is neither made of the bases A, C, G, T, N nor symbolic (<…>, *, a breakend, or .).");
        }
        return new VcfRecord(chromosome, position, columns[2], reference, alts, lineNumber, index) { Line = line };
    }
}
