using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using GenomicsColumns = Cnn.MLNet.Genomics.ProfileColumns;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The ready-made profile pipeline behind <c>cnn-mlnet train --profile</c> and <c>evaluate</c>: rows
/// as <c>Cnn.MLNet.Genomics.ProfileTrainingData</c> builds them (a text <c>Sequence</c>, a track-major
/// <c>Label</c> of tracks × positions, optionally <c>IsPeak</c>) → one-hot DNA → a profile-and-count
/// or binned-track CNN. The chain scores windows without labels, so the same model predicts tracks.
/// </summary>
public static class ProfileModels
{
    /// <summary>Trains the pipeline; <paramref name="validation"/> enables early stopping and best-epoch weights.</summary>
    /// <exception cref="ArgumentException">The settings are invalid, or the data's label does not fit them (the message says which).</exception>
    public static TransformerChain<ITransformer> Train(MLContext ml, IDataView train, IDataView? validation, ProfileTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Training == null) throw new ArgumentException("The profile settings need Training options (they are null).", nameof(settings));
        var encoder = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = GenomicsColumns.Sequence,
            OutputColumnName = "Features",
            Alphabet = SequenceAlphabet.Dna,
            Length = settings.Length,
        }).Fit(train);
        var cnn = CreateTrainer(ml, settings).Fit(encoder.Transform(train), validation == null ? null : encoder.Transform(validation));
        return new TransformerChain<ITransformer>(encoder, cnn);
    }

    /// <summary>
    /// The metrics of a profile-and-count model on labelled rows (per track and averaged: count
    /// Pearson and Spearman, profile Jensen–Shannon distance and multinomial NLL, peak auPRC when the
    /// data has <c>IsPeak</c>, and the average-profile and shuffled baselines). The rows are held in
    /// memory (tracks × positions floats each), so evaluate a held-out part, not a genome.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not a profile model, or the data lacks a fitting label.</exception>
    public static ProfileMetrics Evaluate(MLContext ml, ITransformer model, IDataView data, ProfileMetricsOptions? options = null)
    {
        var (observed, scored, tracks) = Score(ml, model, data, TrackHeadKind.ProfileAndCount);
        var probabilities = Split(Read(scored, ProfileOutputColumns.Probabilities), tracks);
        var logCounts = Read(scored, ProfileOutputColumns.LogCount);
        bool[]? isPeak = data.Schema.GetColumnOrNull(GenomicsColumns.IsPeak) is { Type: BooleanDataViewType } ? data.GetColumn<bool>(GenomicsColumns.IsPeak).ToArray() : null;
        return ProfileMetrics.Evaluate(new ProfileEvaluationData(Split(observed, tracks), probabilities, logCounts, isPeak), options);
    }

    /// <summary>Per-track metrics of a binned-track model on labelled rows (Pearson, on log1p too, Poisson NLL and squared error).</summary>
    /// <remarks>
    /// A squared-error head's <c>Score</c> can fall below 0; the metrics read such a prediction as 0 counts
    /// (coverage is never negative, and the Poisson NLL and log1p correlation need rates of 0 or more).
    /// </remarks>
    /// <exception cref="ArgumentException">The model is not a binned-track model, or the data lacks a fitting label.</exception>
    public static IReadOnlyList<BinnedTrackMetrics> EvaluateBinned(MLContext ml, ITransformer model, IDataView data)
    {
        var (observed, scored, tracks) = Score(ml, model, data, TrackHeadKind.Binned);
        var predicted = Read(scored, ProfileOutputColumns.Score);
        foreach (var row in predicted)
            foreach (ref float v in row.AsSpan()) v = MathF.Max(v, 0);
        return BinnedTrackMetrics.Evaluate(Split(observed, tracks), Split(predicted, tracks));
    }

    // The labels and the scored data, once the model is checked to be a track model with the expected head and the data's label to fit it.
    private static (float[][] Observed, IDataView Scored, int Tracks) Score(MLContext ml, ITransformer model, IDataView data, TrackHeadKind expected)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        var shape = ProfileModelShape.Of(model);
        string kind = expected == TrackHeadKind.ProfileAndCount ? "profile" : "binned-track";
        if (shape.Head != expected)
            throw new ArgumentException($"The model has a {shape.Head} head, not a {kind} model's; evaluate it with {(expected == TrackHeadKind.Binned ? "Evaluate" : "EvaluateBinned")}.", nameof(model));
        int width = shape.Tracks * shape.Positions;
        if (data.Schema.GetColumnOrNull(GenomicsColumns.Label) is not { Type: VectorDataViewType { ItemType: NumberDataViewType { RawType: var raw }, Size: var size } }
            || raw != typeof(float) || size != width)
            throw new ArgumentException($"The data needs a '{GenomicsColumns.Label}' column of {width} Single values "
                + $"({shape.Tracks} tracks of this {kind} model's output window) to evaluate against.", nameof(data));
        return (Read(data, GenomicsColumns.Label), model.Transform(data), shape.Tracks);
    }

    private static float[][] Read(IDataView data, string column) =>
        data.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();

    // [row][track × positions] → [row][track][positions]
    private static float[][][] Split(float[][] rows, int tracks) => rows.Select(row =>
    {
        int p = row.Length / tracks;
        return Enumerable.Range(0, tracks).Select(t => row.AsSpan(t * p, p).ToArray()).ToArray();
    }).ToArray();

    private static ICnnTrainer CreateTrainer(MLContext ml, ProfileTrainingSettings s)
    {
        if (s.Head == TrackHeadKind.ProfileAndCount)
        {
            var options = Fill(s, new CnnProfileTrainer.Options { OutputLength = s.OutputLength, Stranded = s.Stranded, CountWeight = s.CountWeight });
            options.Network ??= NetworkPresets.BPNet(s.OutputLength, s.Layers, s.Filters);
            return ml.Regression.Trainers.CnnProfile(options);
        }
        var binned = Fill(s, new CnnBinnedTracksTrainer.Options { OutputLength = s.OutputLength, BinSize = s.BinSize, Loss = s.Loss, Stranded = s.Stranded });
        binned.Network ??= NetworkPresets.BPNet(s.OutputLength, s.Layers, s.Filters) with
        {
            TrackHead = new TrackHeadSpec { Kind = TrackHeadKind.Binned, OutputLength = s.OutputLength, BinSize = s.BinSize },
        };
        return ml.Regression.Trainers.CnnBinnedTracks(binned);
    }

    private static T Fill<T>(ProfileTrainingSettings s, T options) where T : CnnTrainerOptions
    {
        s.Training.ApplyTo(options);
        options.ReverseComplementAverage = s.ReverseComplementAverage;
        s.Recovery.ApplyTo(options);
        if (s.ReverseComplementAugment || s.MaxShift > 0)
            options.SequenceAugmentation = new SequenceAugmentation { ReverseComplement = s.ReverseComplementAugment, MaxShift = s.MaxShift };
        return options;
    }
}
