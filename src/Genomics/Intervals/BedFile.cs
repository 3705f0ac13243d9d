using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads BED files (optionally gzip-compressed): one interval per line, columns separated by tabs
/// (a line without any tab is split on runs of spaces instead), at least three columns
/// <c>chrom</c>, <c>chromStart</c>, <c>chromEnd</c> with 0-based, end-exclusive, non-negative integer
/// coordinates; zero-length intervals (<c>start == end</c>) are allowed. Blank lines and lines
/// starting with <c>#</c>, <c>track</c> or <c>browser</c> are skipped; Windows line ends (CRLF) and
/// gzip or bgzip compression are read. Errors are <see cref="FormatException"/>s naming the file and line.
/// </summary>
/// <remarks>
/// Any number of columns from 3 up is read, so BED3 to BED12, ENCODE narrowPeak (BED6+4) and
/// broadPeak (BED6+3) all read. Only columns 1–3 are checked here: columns 4+ are often labels
/// (<see cref="IntervalSequenceOptions.LabelColumn"/>) and real files carry float scores, so the
/// standard meaning of a column is checked where it is used (<see cref="BedInterval.ParseStrand"/>,
/// <see cref="BedInterval.ParseSummit"/>, <see cref="BedInterval.ParseBlocks"/>).
/// </remarks>
public static class BedFile
{
    private static readonly char[] Spaces = [' '];

    /// <summary>Reads every interval of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<BedInterval> Read(string path) => Enumerate(path).ToList();

    /// <summary>
    /// Reads every interval of <paramref name="path"/> and checks that its chromosome is one of
    /// <paramref name="genome"/>'s. Intervals reaching past a chromosome's end are accepted (windows
    /// over them are padded with <c>N</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed or names a chromosome the genome lacks.</exception>
    public static IReadOnlyList<BedInterval> Read(string path, Genome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var intervals = new List<BedInterval>();
        foreach (var interval in Enumerate(path))
        {
            if (!genome.Contains(interval.Chromosome))
            {
                throw SequenceFileErrors.Content(path, interval.LineNumber, null,
                    $"the chromosome '{interval.Chromosome}' is not in the genome '{genome.Path}' (its chromosomes: {genome.ListSomeNames()}; names are case-sensitive).{genome.NamingHint(interval.Chromosome)}");
            }
            intervals.Add(interval);
        }
        return intervals;
    }

    /// <summary>Reads the intervals of <paramref name="path"/> one by one, lazily; the file is open while enumerating.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown when enumeration starts).</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static IEnumerable<BedInterval> Enumerate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"BED file '{path}' was not found.", path);
        return EnumerateExisting(path, fullPath);
    }

    private static IEnumerable<BedInterval> EnumerateExisting(string path, string fullPath)
    {
        using var lines = LineReader.Open(path, fullPath);
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            if (IsSkipped(line))
                continue;
            yield return Parse(line, path, lines.LineNumber);
        }
    }

    private static bool IsSkipped(string line)
    {
        var content = line.AsSpan().TrimStart();
        return content.IsEmpty || content[0] == '#' || IsKeywordLine(content, "track") || IsKeywordLine(content, "browser");
    }

    private static bool IsKeywordLine(ReadOnlySpan<char> content, string keyword) =>
        content.StartsWith(keyword, StringComparison.Ordinal)
        && (content.Length == keyword.Length || char.IsWhiteSpace(content[keyword.Length]));

    private static BedInterval Parse(string line, string path, long lineNumber)
    {
        string trimmed = line.TrimEnd('\r', '\n');
        string[] columns = trimmed.Contains('\t')
            ? trimmed.Split('\t')
            : trimmed.Split(Spaces, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < columns.Length; i++)
            columns[i] = columns[i].Trim();
        if (columns.Length < 3)
        {
            throw SequenceFileErrors.Content(path, lineNumber, null,
                $"a BED line needs at least 3 tab-separated columns (chrom, start, end) but {SequenceFileErrors.Quote(trimmed)} has {columns.Length}.");
        }
        if (columns[0].Length == 0)
            throw SequenceFileErrors.Content(path, lineNumber, null, "the chromosome (column 1) is empty.");
        long start = Coordinate(columns[1], "start", 2, path, lineNumber);
        long end = Coordinate(columns[2], "end", 3, path, lineNumber);
        if (start > end)
            throw SequenceFileErrors.Content(path, lineNumber, null, $"the start {start} is after the end {end}.");
        return new BedInterval(columns[0], start, end, columns, lineNumber) { SourcePath = path };
    }

    private static long Coordinate(string text, string role, int column, string path, long lineNumber)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            return value;
        string problem = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed) && signed < 0
            ? "is negative; BED coordinates are 0-based and non-negative."
            : "is not a non-negative integer.";
        throw SequenceFileErrors.Content(path, lineNumber, null, $"the {role} (column {column}) {SequenceFileErrors.Quote(text)} {problem}");
    }
}
