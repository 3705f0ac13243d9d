using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Interpretation;

/// <summary>The contribution tracks of a set of sequences and of their dinucleotide shuffles (the null motif discovery thresholds against).</summary>
/// <param name="Tracks">One track per input row, in row order, named by its 0-based row.</param>
/// <param name="NullTracks">One track per input row: the same model's contributions on a dinucleotide shuffle of the row.</param>
/// <param name="LargestSummationError">The largest relative summation-to-delta error over both sets (see <see cref="AttributionOptions.SummationErrorColumnName"/>).</param>
public sealed record ContributionTrackSet(IReadOnlyList<ContributionTrack> Tracks, IReadOnlyList<ContributionTrack> NullTracks, double LargestSummationError);

/// <summary>
/// Hypothetical DeepLIFT/DeepSHAP contributions of a fitted DNA/RNA model as <see cref="ContributionTrack"/>s
/// for <see cref="MotifDiscovery.Discover"/>: per row of an encoded data view, the one-hot sequence
/// and the hypothetical contributions of its four bases, and the same for one dinucleotide shuffle
/// of each row (seeded), whose contributions show what the model makes of sequence that keeps the
/// composition but not the motifs. Positions that are not one base (N, gaps) get no base in the track.
/// </summary>
public static class ContributionTracks
{
    /// <summary>Rows attributed per batch.</summary>
    private const int BatchRows = 64;

    /// <summary>The tracks of <paramref name="encoded"/>'s rows and of their shuffles, by one network.</summary>
    /// <param name="model">The fitted CNN of a one-hot DNA/RNA model of order 1.</param>
    /// <param name="encoded">Rows with the model's encoded feature column (the stages before the CNN applied).</param>
    /// <param name="options">DeepLIFT's references, seed and target; Method, Shape and Hypothetical are set here. Default: 20 dinucleotide-shuffled references.</param>
    /// <exception cref="ArgumentException">The model's input is not one-hot DNA/RNA of order 1, or the feature column is missing.</exception>
    public static ContributionTrackSet Compute(CnnPredictionTransformer model, IDataView encoded, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compute([model.Model], model.FeatureColumnName, encoded, options);
    }

    /// <summary>The tracks by an ensemble: each member's contributions, averaged (fold-averaged attributions).</summary>
    /// <param name="ensemble">The ensemble; its members must read one encoded input.</param>
    /// <param name="encoded">Rows with the members' encoded feature column.</param>
    /// <param name="options">As for the single-model form.</param>
    /// <exception cref="ArgumentException">The members read different inputs, or the input is not one-hot DNA/RNA of order 1.</exception>
    public static ContributionTrackSet ComputeFoldAveraged(CnnEnsemble ensemble, IDataView encoded, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var networks = ensemble.MemberNetworks;
        return Compute(networks.Select(n => n.Model).ToArray(), networks[0].FeatureColumnName, encoded, options);
    }

    private static ContributionTrackSet Compute(IReadOnlyList<CnnModel> models, string featureColumn, IDataView encoded, AttributionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var input = models[0].Input;
        if (!AttributionReferences.IsOneHotNucleotides(input) || input.Encoding!.Order != 1)
            throw new ArgumentException($"Motif discovery needs a one-hot DNA or RNA model of order 1; this model's input is {input}.", nameof(models));
        var given = options ?? new AttributionOptions();
        var attribution = new AttributionOptions
        {
            Method = AttributionMethod.DeepLift,
            Shape = AttributionShape.PerBase,
            Hypothetical = true,
            TargetOutput = given.TargetOutput,
            Baseline = given.Baseline,
            References = given.References,
            Seed = given.Seed,
            OutputColumnName = "Contributions",
            SummationErrorColumnName = "SummationError",
        };
        var function = new AttributionFunction(models, attribution);
        var column = encoded.Schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"Motif discovery: the data has no column '{featureColumn}', the model's encoded features.", nameof(encoded));
        input.EnsureMatches(column);

        // A soft-mask channel, when present, follows the four bases and is not part of the track.
        int size = input.Size, length = input.Length;
        var tracks = new List<ContributionTrack>();
        var nullTracks = new List<ContributionTrack>();
        double worst = 0;
        var shuffler = AttributionReferences.For(input, AttributionMethod.DeepLift, new AttributionOptions
        {
            Method = AttributionMethod.DeepLift,
            Baseline = AttributionBaseline.DinucleotideShuffle,
            References = 1,
            Seed = given.Seed + 1,
        });

        var rows = new float[BatchRows * size];
        var shuffled = new float[BatchRows * size];
        var outputs = new float[BatchRows * function.OutputWidth];
        int pending = 0;
        using var cursor = encoded.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> features = default;
        while (true)
        {
            bool more = cursor.MoveNext();
            if (more)
            {
                getter(ref features);
                features.CopyTo(rows.AsSpan(pending * size, size));
                pending++;
            }
            if (pending == BatchRows || (!more && pending > 0))
            {
                shuffler.Fill(rows.AsSpan(0, pending * size), pending, shuffled);
                worst = Math.Max(worst, Attribute(rows, tracks));
                worst = Math.Max(worst, Attribute(shuffled, nullTracks));
                pending = 0;
            }
            if (!more) break;
        }
        return new ContributionTrackSet(tracks, nullTracks, worst);

        double Attribute(float[] batch, List<ContributionTrack> into)
        {
            function.Compute(batch.AsSpan(0, pending * size), pending, outputs);
            double largest = 0;
            for (int r = 0; r < pending; r++)
            {
                var output = outputs.AsSpan(r * function.OutputWidth, function.OutputWidth);
                largest = Math.Max(largest, output[size]);
                var oneHot = new float[4 * length];
                var hypothetical = output[..(4 * length)].ToArray();
                var row = batch.AsSpan(r * size, size);
                for (int p = 0; p < length; p++)
                {
                    int hot = -1, ones = 0;
                    bool clean = true;
                    for (int c = 0; c < 4; c++)
                    {
                        float v = row[c * length + p];
                        if (v == 1) { hot = c; ones++; }
                        else if (v != 0) clean = false;
                    }
                    if (clean && ones == 1) oneHot[hot * length + p] = 1;
                }
                into.Add(new ContributionTrack(oneHot, hypothetical, length, $"row {into.Count}"));
            }
            return largest;
        }
    }
}
