using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Predicts coverage tracks along a genome with a profile or binned-track model: each region is tiled
/// with output windows that abut (stride = the model's output length, the first at the region's start),
/// each input window centred on its output window and padded with <c>N</c> past a chromosome end, and
/// the windows are scored in order and written base by base.
/// </summary>
/// <remarks>
/// Values are expected counts per base: the <c>Profile</c> column of a profile-and-count model, or for
/// a binned model each bin's <c>Score</c> spread evenly over its bases (divided by the bin size), so
/// that a bin's bases sum to its predicted count either way. That assumes the model was trained on
/// summed bins (<c>TrackBinning.Sum</c>, the default and what <c>cnn-mlnet train</c> builds); a model
/// trained on mean bins predicts a per-base mean already, and its spread values are BinSize times too
/// small (the model file does not record the binning). The last window of a region may reach
/// past the region's end; only the region's bases are written. Bases outside the regions stay 0.
/// Memory: one float array per predicted chromosome per track, 4 bytes × chromosome length × tracks
/// (about 2 GB for human chr1, 249 Mb, and two tracks), plus the windows being scored.
/// </remarks>
public static class ProfileTrackPredictor
{
    /// <summary>
    /// Predicts the model's tracks over <paramref name="regions"/> (BED-style, 0-based, end-exclusive;
    /// clipped to their chromosome) or, when null, over every chromosome of the genome whole.
    /// </summary>
    /// <returns>One track per model track, in the model's order, named by <see cref="ProfileModelShape.TrackNames"/>; each covers the chromosomes that have regions, whole.</returns>
    /// <exception cref="ArgumentException">The model is not a profile or binned-track model, or a region's chromosome is not in the genome or its start is after its end.</exception>
    public static IReadOnlyList<InMemoryCoverageTrack> Predict(MLContext ml, ITransformer model, Genome genome, IReadOnlyList<(string Chromosome, long Start, long End)>? regions)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(genome);
        var shape = ProfileModelShape.Of(model);
        var plan = Plan(genome, regions);
        var values = plan.Select(c => Enumerable.Range(0, shape.Tracks).Select(_ => new float[genome.LengthOf(c.Key)]).ToArray()).ToArray();
        for (int c = 0; c < plan.Count; c++) PredictChromosome(ml, model, genome, shape, plan[c].Key, plan[c].Value, values[c]);
        return shape.TrackNames.Select((name, t) => new InMemoryCoverageTrack(name,
            plan.Select((c, k) => new KeyValuePair<string, float[]>(c.Key, values[k][t])).ToArray())).ToArray();
    }

    /// <summary>
    /// Predicts as <see cref="Predict"/> does and writes one bigWig per track, <c>{prefix}.{name}.bw</c>
    /// with the names of <see cref="ProfileModelShape.TrackNames"/> (<c>prefix.plus.bw</c>, <c>prefix.minus.bw</c>
    /// for a stranded pair; <c>prefix.track0.bw</c>, … otherwise). Zero runs are left out of the files.
    /// </summary>
    /// <returns>The paths written, in track order.</returns>
    /// <exception cref="ArgumentException">As <see cref="Predict"/>.</exception>
    public static IReadOnlyList<string> WriteBigWigs(MLContext ml, ITransformer model, Genome genome, IReadOnlyList<(string Chromosome, long Start, long End)>? regions, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var tracks = Predict(ml, model, genome, regions);
        var paths = new List<string>();
        foreach (var track in tracks)
        {
            string path = $"{prefix}.{track.Source}.bw";
            BigWigWriter.WriteTrack(path, track);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The regions by chromosome, in first-seen order (the genome's order for the whole genome), clipped to the chromosome.</summary>
    private static List<KeyValuePair<string, List<(long Start, long End)>>> Plan(Genome genome, IReadOnlyList<(string Chromosome, long Start, long End)>? regions)
    {
        regions ??= genome.Chromosomes.Select(c => (c, 0L, (long)genome.LengthOf(c))).ToArray();
        var plan = new List<KeyValuePair<string, List<(long, long)>>>();
        var byName = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
        foreach (var (chromosome, start, end) in regions)
        {
            if (!genome.Contains(chromosome))
                throw new ArgumentException($"The region {chromosome}:{start}-{end} is on a chromosome the genome '{genome.Path}' lacks.", nameof(regions));
            if (start > end) throw new ArgumentException($"The region {chromosome}:{start}-{end} starts after it ends.", nameof(regions));
            if (!byName.TryGetValue(chromosome, out var list))
            {
                byName[chromosome] = list = [];
                plan.Add(new(chromosome, list));
            }
            long length = genome.LengthOf(chromosome);
            if (Math.Max(start, 0) < Math.Min(end, length)) list.Add((Math.Max(start, 0), Math.Min(end, length)));
        }
        return plan;
    }

    private static void PredictChromosome(MLContext ml, ITransformer model, Genome genome, ProfileModelShape shape, string chromosome,
        List<(long Start, long End)> regions, float[][] tracks)
    {
        // Each window: where its output starts and where the region it belongs to ends.
        var windows = regions.SelectMany(r => Tiles(r.Start, r.End, shape.OutputLength).Select(start => (Start: start, r.End))).ToArray();
        if (windows.Length == 0) return;
        var definition = SchemaDefinition.Create(typeof(WindowRow));
        definition[0].ColumnName = shape.SequenceColumn;
        // Lazy: ML.NET pulls the windows' bases from the genome as the scorer reads them.
        var rows = windows.Select(w => new WindowRow { Sequence = genome.Slice(chromosome, w.Start - shape.Flank, shape.InputLength) });
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, definition));
        string column = shape.Head == TrackHeadKind.ProfileAndCount ? ProfileOutputColumns.Profile : ProfileOutputColumns.Score;
        using var cursor = scored.GetRowCursor([scored.Schema[column]]);
        var get = cursor.GetGetter<VBuffer<float>>(scored.Schema[column]);
        VBuffer<float> buffer = default;
        float spread = 1f / shape.BinSize;
        int i = 0, positions = shape.Positions;
        while (cursor.MoveNext())
        {
            get(ref buffer);
            // The scoring columns are dense: read them in place rather than copying every window.
            ReadOnlySpan<float> values = buffer.IsDense ? buffer.GetValues() : buffer.DenseValues().ToArray();
            var (start, end) = windows[i++];
            for (int t = 0; t < shape.Tracks; t++)
                for (int p = 0; p < positions; p++)
                {
                    float value = values[t * positions + p] * spread;
                    long from = start + (long)p * shape.BinSize, to = Math.Min(from + shape.BinSize, end);
                    for (long b = from; b < to; b++) tracks[t][b] = value;
                }
        }
    }

    private static IEnumerable<long> Tiles(long start, long end, int stride)
    {
        for (long at = start; at < end; at += stride) yield return at;
    }

    /// <summary>One window's bases, the column renamed to the model's sequence column.</summary>
    private sealed class WindowRow
    {
        public string Sequence { get; set; } = "";
    }
}
