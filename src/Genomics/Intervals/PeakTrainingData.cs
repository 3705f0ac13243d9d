using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A binary training set from peaks: every BED interval's window is a positive, and as many
/// negatives come from <see cref="NegativeKind.Shuffle"/> (dinucleotide-shuffled positives, which
/// keep the positive's chromosome and coordinates so a chromosome split keeps each pair together)
/// or <see cref="NegativeKind.GcMatched"/> (genome windows away from the peaks with matched GC
/// content). Columns: <c>Sequence</c>, <c>Label</c> (Boolean), <c>Chromosome</c>, <c>Start</c>,
/// <c>End</c>. The rows are held in memory (two windows per peak) so training can shuffle them fully;
/// the genome itself is only read.
/// </summary>
public static class PeakTrainingData
{
    /// <summary>Builds the rows and a report of where they came from.</summary>
    /// <exception cref="FormatException">A BED line is bad (file and line named).</exception>
    /// <exception cref="InvalidOperationException">The genome cannot supply enough GC-matched background.</exception>
    public static (IDataView Data, PeakDataReport Report) Build(MLContext ml, Genome genome, string bedPath, int length, NegativeKind negatives, int seed) =>
        Build(ml, genome, new PeakTrainingOptions { BedPath = bedPath, Length = length, Negatives = negatives, Seed = seed });

    /// <summary>
    /// Builds the rows and a report of where they came from, with windows placed by
    /// <see cref="PeakTrainingOptions.Anchor"/> and every window that shares a base with
    /// <see cref="PeakTrainingOptions.Exclude"/> (a blacklist) left out: peaks whose window overlaps are
    /// dropped and counted (their shuffled negatives go with them), and GC-matched background never overlaps.
    /// </summary>
    /// <exception cref="FormatException">A BED line is bad, or the summit anchor meets a peak without a valid summit (file and line named).</exception>
    /// <exception cref="InvalidOperationException">The genome cannot supply enough GC-matched background.</exception>
    public static (IDataView Data, PeakDataReport Report) Build(MLContext ml, Genome genome, PeakTrainingOptions training)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(training);
        var (bedPath, length, negatives, seed, exclude, anchor) = (training.BedPath, training.Length, training.Negatives, training.Seed, training.Exclude, training.Anchor);
        var options = new IntervalSequenceOptions { BedPath = bedPath, Length = length, Anchor = anchor, LabelSource = IntervalLabelSource.Constant, LabelKind = SequenceLabelKind.Boolean, Exclude = exclude };
        var report = IntervalSequences.Describe(genome, options);
        var positives = ml.Data.CreateEnumerable<Row>(IntervalSequences.Load(ml, genome, options), reuseRowObject: false)
            .ToList();
        if (positives.Count == 0)
        {
            throw new InvalidDataException(report.ExcludedRows > 0
                ? $"Every interval of the BED file '{bedPath}' ({report.ExcludedRows}) overlaps an excluded region, so no peak is left."
                : $"The BED file '{bedPath}' has no intervals.");
        }

        List<Row> background;
        GcMatchReport? gc = null;
        if (negatives == NegativeKind.Shuffle)
        {
            var random = new Random(seed);
            background = positives.Select(p => new Row { Sequence = DinucleotideShuffle.Shuffle(p.Sequence, random), Label = false, Chromosome = p.Chromosome, Start = p.Start, End = p.End }).ToList();
        }
        else
        {
            // Peaks reaching past a chromosome end are clipped to it (their windows are padded, not dropped).
            // Excluded peaks are left out of the GC distribution like their windows are left out of the positives.
            // With the summit anchor the GC to match is the summit window's: each peak stands in as its summit base.
            var peaks = BedFile.Read(bedPath, genome)
                .Where(i => exclude is null || !Excluded(exclude, genome, i, length, anchor))
                .Select(i => anchor == WindowAnchor.Summit && i.ParseSummit() is { } summit ? i with { Start = i.Start + summit, End = i.Start + summit + 1 } : i)
                .Select(i => (i.Chromosome, Start: Math.Max(0, i.Start), End: Math.Min(genome.LengthOf(i.Chromosome), i.End)))
                .Where(i => i.End > i.Start).ToList();
            var sample = GcMatchedBackground.Sample(genome, peaks, length, positives.Count, seed, new GcMatchedOptions { Exclude = exclude });
            gc = sample.Report;
            background = sample.Intervals.Select(i => new Row { Sequence = genome.Slice(i.Chromosome, i.Start, length), Label = false, Chromosome = i.Chromosome, Start = i.Start, End = i.End }).ToList();
        }
        var data = ml.Data.LoadFromEnumerable(positives.Concat(background).ToList());
        return (data, new PeakDataReport(positives.Count, background.Count, report.PaddedRows, negatives, gc)
        {
            Excluding = exclude is not null,
            ExcludedPositives = report.ExcludedRows,
            ExcludedRegionsNotInGenome = report.ExcludedRegionsNotInGenome,
        });
    }

    private static bool Excluded(ExcludedRegions exclude, Genome genome, BedInterval peak, int length, WindowAnchor anchor)
    {
        long start = IntervalWindows.WindowStart(peak, length, anchor);
        return exclude.Overlaps(genome, peak.Chromosome, start, start + length);
    }

    /// <summary>One window (public for ML.NET's row mapping).</summary>
    public sealed class Row
    {
        /// <summary>The bases.</summary>
        public string Sequence { get; set; } = "";
        /// <summary>True for a peak.</summary>
        public bool Label { get; set; }
        /// <summary>The chromosome.</summary>
        public string Chromosome { get; set; } = "";
        /// <summary>0-based window start (may be negative: padded).</summary>
        public long Start { get; set; }
        /// <summary>End-exclusive window end.</summary>
        public long End { get; set; }
    }
}

/// <summary>What a peak dataset holds.</summary>
/// <param name="Positives">Peak windows.</param>
/// <param name="Negatives">Background windows.</param>
/// <param name="PaddedPositives">Peak windows that ran past a chromosome end (padded with N, kept).</param>
/// <param name="Kind">How the negatives were made.</param>
/// <param name="Gc">The GC match (for <see cref="NegativeKind.GcMatched"/>), else null.</param>
public sealed record PeakDataReport(long Positives, long Negatives, long PaddedPositives, NegativeKind Kind, GcMatchReport? Gc)
{
    /// <summary>Peaks left out because their window overlaps the excluded regions (not in <see cref="Positives"/>); 0 without them.</summary>
    public long ExcludedPositives { get; init; }

    /// <summary>Excluded regions on chromosomes the genome lacks, ignored; 0 without excluded regions.</summary>
    public int ExcludedRegionsNotInGenome { get; init; }

    /// <summary>Whether excluded regions were given (so <see cref="ToString"/> reports them).</summary>
    internal bool Excluding { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Positives:N0} peak windows ({PaddedPositives:N0} padded past a chromosome end), {Negatives:N0} negatives ("
        + (Kind == NegativeKind.Shuffle ? "dinucleotide-shuffled peaks" : $"GC-matched background; mean GC {Gc!.BackgroundMeanGc:F3} vs peaks {Gc.PositiveMeanGc:F3}") + ")."
        + (Excluding
            ? $" Excluded regions: {ExcludedPositives:N0} peak windows dropped"
              + (Gc is null ? "" : $", {Gc.ExcludedDraws:N0} background draws rejected")
              + $", {ExcludedRegionsNotInGenome:N0} regions on chromosomes the genome lacks ignored."
            : "");
}
