using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A bedGraph file (chromosome, start, end, value; tab- or space-separated; optional
/// <c>track</c>, <c>browser</c> and <c>#</c> lines; plain or gzip) loaded into memory as sorted
/// interval arrays per chromosome. Records may come in any order but must not overlap. A
/// chromosome's length is its largest end unless chromosome sizes are given.
/// </summary>
public sealed class BedGraphTrack : ICoverageTrack
{
    private readonly Dictionary<string, Intervals> _intervals;
    private readonly bool _missingAsZero;

    private BedGraphTrack(string source, Dictionary<string, Intervals> intervals, TrackChromosome[] chromosomes, bool missingAsZero)
    {
        Source = source;
        _intervals = intervals;
        Chromosomes = chromosomes;
        _missingAsZero = missingAsZero;
    }

    /// <summary>Loads a bedGraph file.</summary>
    /// <param name="path">The file (gzip-compressed or plain).</param>
    /// <param name="options">How to open it (what a missing chromosome means); null for the defaults.</param>
    /// <param name="chromosomeSizes">Chromosome lengths (for example from a .chrom.sizes file); null to take each chromosome's largest end. Chromosomes listed here but absent from the file read as zeros.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A line is malformed, two records overlap or a record passes its chromosome's given size; the message names the file and line.</exception>
    /// <exception cref="FormatException">The file is gzip-compressed but corrupt or cut short (file and line named).</exception>
    public static BedGraphTrack Open(string path, CoverageTrackOptions? options = null, IReadOnlyDictionary<string, long>? chromosomeSizes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"bedGraph '{path}' does not exist.", path);
        var records = new Dictionary<string, List<(long Start, long End, float Value, long Line)>>(StringComparer.Ordinal);
        var order = new List<string>();
        // The project's line reader: gzip by signature, and a truncated gzip file is refused (GZipStream alone accepts it).
        using (var reader = LineReader.Open(path, path))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                long lineNumber = reader.LineNumber;
                var text = line.AsSpan().Trim();
                if (text.IsEmpty || text[0] == '#' || text.StartsWith("track", StringComparison.Ordinal) || text.StartsWith("browser", StringComparison.Ordinal))
                    continue;
                var (chromosome, start, end, value) = Parse(path, lineNumber, text.ToString());
                if (!records.TryGetValue(chromosome, out var list))
                {
                    records[chromosome] = list = [];
                    order.Add(chromosome);
                }
                if (chromosomeSizes is not null && chromosomeSizes.TryGetValue(chromosome, out long size) && end > size)
                    throw new InvalidDataException($"bedGraph '{path}' line {lineNumber}: {chromosome}:{start}-{end} passes the chromosome's end ({size}).");
                list.Add((start, end, value, lineNumber));
            }
        }
        var intervals = new Dictionary<string, Intervals>(StringComparer.Ordinal);
        var chromosomes = new List<TrackChromosome>();
        foreach (string chromosome in order)
        {
            var list = records[chromosome];
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (int i = 1; i < list.Count; i++)
                if (list[i].Start < list[i - 1].End)
                    throw new InvalidDataException($"bedGraph '{path}' line {list[i].Line}: {chromosome}:{list[i].Start}-{list[i].End} overlaps line {list[i - 1].Line} ({chromosome}:{list[i - 1].Start}-{list[i - 1].End}); bedGraph records must not overlap.");
            intervals[chromosome] = new Intervals(list.Select(r => r.Start).ToArray(), list.Select(r => r.End).ToArray(), list.Select(r => r.Value).ToArray());
            long length = chromosomeSizes is not null && chromosomeSizes.TryGetValue(chromosome, out long size) ? size : list[^1].End;
            chromosomes.Add(new TrackChromosome(chromosome, length));
        }
        if (chromosomeSizes is not null)
            foreach (var (name, size) in chromosomeSizes.OrderBy(c => c.Key, StringComparer.Ordinal))
                if (!intervals.ContainsKey(name))
                {
                    intervals[name] = new Intervals([], [], []);
                    chromosomes.Add(new TrackChromosome(name, size));
                }
        return new BedGraphTrack(path, intervals, [.. chromosomes], options?.MissingAsZero ?? false);
    }

    /// <inheritdoc/>
    public string Source { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TrackChromosome> Chromosomes { get; }

    /// <inheritdoc/>
    public void Read(string chromosome, long start, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        destination.Clear();
        if (!_intervals.TryGetValue(chromosome, out var intervals))
        {
            if (_missingAsZero) return;
            throw new KeyNotFoundException($"Coverage track '{Source}' has no chromosome '{chromosome}' (its chromosomes: {string.Join(", ", Chromosomes.Take(10).Select(c => c.Name))}{(Chromosomes.Count > 10 ? ", …" : "")}); use --missing-as-zero to read it as zeros.");
        }
        long end = start + destination.Length;
        // The first interval that ends after the region's start: intervals are sorted, disjoint and
        // non-empty, so their ends increase strictly.
        int i = Array.BinarySearch(intervals.Ends, start + 1);
        if (i < 0) i = ~i;
        for (; i < intervals.Starts.Length && intervals.Starts[i] < end; i++)
        {
            long from = Math.Max(intervals.Starts[i], start), to = Math.Min(intervals.Ends[i], end);
            if (to > from) destination.Slice((int)(from - start), (int)(to - from)).Fill(intervals.Values[i]);
        }
    }

    /// <summary>Nothing to release: the file was read at open.</summary>
    public void Dispose() { }

    private static (string Chromosome, long Start, long End, float Value) Parse(string path, long lineNumber, string line)
    {
        string[] fields = line.Split((char[]?)['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4)
            throw new InvalidDataException($"bedGraph '{path}' line {lineNumber}: expected 4 fields (chromosome, start, end, value), found {fields.Length}: '{line}'.");
        if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long end))
            throw new InvalidDataException($"bedGraph '{path}' line {lineNumber}: start '{fields[1]}' and end '{fields[2]}' must be non-negative integers.");
        if (end <= start)
            throw new InvalidDataException($"bedGraph '{path}' line {lineNumber}: the end {end} is not after the start {start}.");
        if (!float.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw new InvalidDataException($"bedGraph '{path}' line {lineNumber}: the value '{fields[3]}' is not a number.");
        return (fields[0], start, end, value);
    }

    private sealed record Intervals(long[] Starts, long[] Ends, float[] Values);
}
