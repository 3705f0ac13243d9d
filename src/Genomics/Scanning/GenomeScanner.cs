using System.Diagnostics;
using System.Globalization;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Scores sliding windows over whole chromosomes with a fitted sequence model and writes the scores
/// as a bedGraph track. The windows are a lazy view read from the <see cref="Genome"/> as they are
/// needed; for the usual model (one-hot encoder, then CNN) they are encoded straight from the
/// genome's bytes by the model's own encoder and scored by its CNN, otherwise they go as text
/// through the model's whole <c>Transform</c> (<see cref="GenomeScanRoute"/>); either way the
/// scores are the model's (reverse-complement averaging included), the CNN scores in batches of
/// its <c>ScoringBatchSize</c>, and the bedGraph is written as scores arrive. Window and bin
/// placement: see <see cref="GenomeScanWindows"/>. Value: see <see cref="GenomeScanOptions.Target"/>
/// — the probability for binary models, the score for regression, the chosen output for multi-task
/// and multiclass models.
/// </summary>
public static class GenomeScanner
{
    /// <summary>
    /// Scans <paramref name="genome"/> and writes the bedGraph to <paramref name="bedGraphPath"/>
    /// atomically (a temporary file renamed into place when complete, so a failure leaves no partial
    /// file and keeps an existing one).
    /// </summary>
    /// <param name="ml">The context the model was loaded or trained with.</param>
    /// <param name="model">A fitted sequence pipeline: a one-hot DNA/RNA encoder of a text column, then a CNN.</param>
    /// <param name="genome">The genome to scan.</param>
    /// <param name="options">Stride, chromosomes or region, target, track name.</param>
    /// <param name="bedGraphPath">The bedGraph file to write (replaced if it exists).</param>
    /// <returns>Windows per chromosome, elapsed time and throughput.</returns>
    /// <exception cref="ArgumentException">
    /// The model is not a sequence model (no CNN, image input, input not a one-hot DNA/RNA encoding of
    /// text), the stride is below 1, a chromosome is unknown or named twice, the region is given with
    /// chromosomes, does not start at a multiple of the stride or starts past its chromosome's end, or
    /// the target is not one of the model's outputs. The message names the offending value.
    /// </exception>
    public static GenomeScanSummary Scan(MLContext ml, ITransformer model, Genome genome, GenomeScanOptions options, string bedGraphPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bedGraphPath);
        var plan = Prepare(ml, model, genome, options);
        GenomeScanSummary? summary = null;
        AtomicFile.Write(bedGraphPath, stream =>
        {
            using var writer = BedGraphWriter.Open(stream);
            summary = Run(genome, options, plan, writer);
        });
        return summary!;
    }

    /// <summary>Scans <paramref name="genome"/>, streaming the bedGraph to <paramref name="bedGraph"/> (left open, flushed).</summary>
    /// <inheritdoc cref="Scan(MLContext, ITransformer, Genome, GenomeScanOptions, string)"/>
    public static GenomeScanSummary Scan(MLContext ml, ITransformer model, Genome genome, GenomeScanOptions options, TextWriter bedGraph)
    {
        ArgumentNullException.ThrowIfNull(bedGraph);
        return Run(genome, options, Prepare(ml, model, genome, options), bedGraph);
    }

    /// <summary>The stride a scan uses: <see cref="GenomeScanOptions.Stride"/>, or half the window length (at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The stride is below 1.</exception>
    internal static int ResolveStride(GenomeScanOptions options, int windowLength)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Stride is int stride && stride < 1)
            throw new ArgumentOutOfRangeException(nameof(options), stride, $"The stride must be at least 1 base, not {stride}.");
        return options.Stride ?? Math.Max(1, windowLength / 2);
    }

    /// <summary>
    /// <see cref="Scan(MLContext, ITransformer, Genome, GenomeScanOptions, TextWriter)"/> through the
    /// text route whatever the model, so tests can hold the direct route to the text route's output.
    /// </summary>
    internal static GenomeScanSummary ScanAsText(MLContext ml, ITransformer model, Genome genome, GenomeScanOptions options, TextWriter bedGraph)
    {
        ArgumentNullException.ThrowIfNull(bedGraph);
        return Run(genome, options, Prepare(ml, model, genome, options, GenomeScanRoute.Text), bedGraph);
    }

    private sealed record Plan(GenomeScanModel Model, GenomeScanRoute Route, int Stride, IReadOnlyList<GenomeScanChromosome> Chromosomes);

    private static Plan Prepare(MLContext ml, ITransformer model, Genome genome, GenomeScanOptions options,
        Func<ITransformer, GenomeScanModel, GenomeScanRoute>? route = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(options);
        var scanModel = GenomeScanModel.Of(model, options.Target);
        int stride = ResolveStride(options, scanModel.Length);
        if (options.Region is { } region)
            return new Plan(scanModel, (route ?? GenomeScanRoute.For)(model, scanModel), stride, [RegionPlan(genome, region, scanModel.Length, stride, options)]);
        var names = options.Chromosomes is { Count: > 0 } chosen ? chosen : genome.Chromosomes;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chromosomes = new List<GenomeScanChromosome>();
        foreach (string name in names)
        {
            CheckKnown(genome, name);
            if (!seen.Add(name))
                throw new ArgumentException($"The chromosome '{name}' is named twice; name each chromosome to scan once.", nameof(options));
            int length = genome.LengthOf(name);
            chromosomes.Add(new GenomeScanChromosome(name, length, GenomeScanWindows.Count(length, scanModel.Length, stride)));
        }
        return new Plan(scanModel, (route ?? GenomeScanRoute.For)(model, scanModel), stride, chromosomes);
    }

    private static void CheckKnown(Genome genome, string name)
    {
        if (!genome.Contains(name))
            throw new ArgumentException($"The genome '{genome.Path}' has no chromosome '{name}' (its chromosomes: {genome.ListSomeNames()}; names are case-sensitive).{genome.NamingHint(name)}", "options");
    }

    /// <summary>
    /// The whole scan's windows of the region's chromosome that start in <c>[Start, End)</c>: indices
    /// <c>Start / stride</c> up to (not including) <c>⌈End / stride⌉</c>, clipped to the chromosome's windows.
    /// </summary>
    private static GenomeScanChromosome RegionPlan(Genome genome, GenomeScanRegion region, int windowLength, int stride, GenomeScanOptions options)
    {
        if (options.Chromosomes is { Count: > 0 })
            throw new ArgumentException($"A region ({region}) and a list of chromosomes ({string.Join(',', options.Chromosomes)}) were both given; give one.", nameof(options));
        CheckKnown(genome, region.Chromosome);
        int length = genome.LengthOf(region.Chromosome);
        if (region.Start < 0 || region.End <= region.Start)
            throw new ArgumentException($"The region {region} is empty or negative; it needs 0 ≤ START < END.", nameof(options));
        if (region.Start % stride != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The region {region} starts at {region.Start}, which is not a multiple of the stride {stride}: windows start at multiples of the stride, so a region must start at one."), nameof(options));
        if (region.Start >= length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The region {region} starts at or past the end of '{region.Chromosome}', which has {length} bases."), nameof(options));
        long all = GenomeScanWindows.Count(length, windowLength, stride);
        long first = Math.Min(region.Start / stride, all);
        long end = Math.Min((Math.Min(region.End, length) + stride - 1) / stride, all);
        return new GenomeScanChromosome(region.Chromosome, length, Math.Max(0, end - first)) { FirstWindow = first };
    }

    private static GenomeScanSummary Run(Genome genome, GenomeScanOptions options, Plan plan, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var m = plan.Model;
        var windows = new ScanWindowDataView(genome, plan.Chromosomes, m.Length, plan.Stride, plan.Route.Window);
        var scored = plan.Route.Scorer.Transform(windows);
        string description = options.TrackDescription
            ?? string.Create(CultureInfo.InvariantCulture, $"{TaskNames.Of(m.Task)} {m.ValueDescription} of {m.Length}-bp windows, stride {plan.Stride}, value at the window centre");
        var bedGraph = new BedGraphWriter(output, options.TrackName, description);

        var start = scored.Schema[ScanWindowDataView.StartColumn];
        var value = scored.Schema[m.ValueColumn];
        // The text route may hold stages that drop or reorder rows, so each window's start is
        // checked. On the direct route the CNN alone scores the scanner's own view, which keeps
        // the windows in order; reading Start there would only run a second cursor over the
        // windows beside the scoring one.
        bool checkOrder = !plan.Route.Direct;
        using var cursor = scored.GetRowCursor(checkOrder ? [start, value] : [value]);
        var readStart = checkOrder ? cursor.GetGetter<long>(start) : null;
        var readValue = m.ValueReader(cursor, scored.Schema);
        long windowStart = 0;
        foreach (var chromosome in plan.Chromosomes)
        {
            for (long k = chromosome.FirstWindow; k < chromosome.FirstWindow + chromosome.Windows; k++)
            {
                if (!cursor.MoveNext())
                    throw new InvalidOperationException($"The scored windows ended early, at window {k} of '{chromosome.Chromosome}'.");
                readStart?.Invoke(ref windowStart);
                if (readStart != null && windowStart != GenomeScanWindows.Start(k, plan.Stride))
                    throw new InvalidOperationException($"The scored windows came out of order: expected start {GenomeScanWindows.Start(k, plan.Stride)} on '{chromosome.Chromosome}', got {windowStart}.");
                var (binStart, binEnd) = GenomeScanWindows.Bin(k, chromosome.Length, m.Length, plan.Stride);
                bedGraph.Write(chromosome.Chromosome, binStart, binEnd, readValue());
            }
            options.Progress?.Report(chromosome);
        }
        output.Flush();
        clock.Stop();
        return new GenomeScanSummary(plan.Chromosomes, m.Length, plan.Stride, m.ValueDescription, clock.Elapsed);
    }
}
