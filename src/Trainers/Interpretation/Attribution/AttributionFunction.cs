using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Attributions as an <see cref="IBatchedRowFunction"/>: per row, how much each input value drives
/// one raw network output (the target), by the method of an <see cref="IAttributionMethod"/>,
/// averaged over the networks when there are several (an ensemble's members, whose folds each
/// explain the same target). Outputs the attribution vector and, for methods with a summation
/// property, each row's relative summation error as a second column.
/// Saliency works on any encoding, a k-mer encoding (<see cref="SequenceEncodingSpec.Order"/> &gt; 1)
/// included: its values are per k-mer channel and k-mer position. Mutagenesis needs order 1.
/// </summary>
internal sealed class AttributionFunction : IBatchedRowFunction
{
    /// <summary>
    /// The smallest |Δ| the summation error is taken relative to. When the output barely differs from
    /// the references' (|Δ| &lt; 10⁻³ logits), rounding alone would make the relative error large, so
    /// there it is the absolute error divided by 10⁻³.
    /// </summary>
    public const double ErrorFloor = 1e-3;

    private readonly IReadOnlyList<CnnModel> _models;
    private readonly IAttributionMethod _method;
    private readonly int _attributionWidth;

    /// <exception cref="ArgumentException">The options do not fit the models (the message names the option and what the model needs).</exception>
    /// <exception cref="NotSupportedException">The method cannot explain this model (mutagenesis on a non-nucleotide input; DeepLIFT on a layer it has no rule for).</exception>
    public AttributionFunction(IReadOnlyList<CnnModel> models, AttributionOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        if (models.Count == 0) throw new ArgumentException("Attribution: no model to explain.", nameof(models));
        var model = models[0];
        foreach (var other in models.Skip(1))
        {
            if (other.Input != model.Input)
                throw new ArgumentException($"Attribution: ensemble members read different inputs ({model.Input} and {other.Input}); fold-averaged attributions need one input layout.", nameof(models));
            if (other.Outputs != model.Outputs || other.TaskKind != model.TaskKind)
                throw new ArgumentException($"Attribution: ensemble members have different outputs ({model.TaskKind} with {model.Outputs} and {other.TaskKind} with {other.Outputs}).", nameof(models));
        }
        var method = options.Method;
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(options), method, "Attribution: Method must be Saliency, InSilicoMutagenesis, DeepLift or IntegratedGradients.");
        if (!Enum.IsDefined(options.Shape))
            throw new ArgumentOutOfRangeException(nameof(options), options.Shape, "Attribution: Shape must be PerBase or PerPosition.");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName, nameof(options.OutputColumnName));
        int outputs = model.Outputs;
        _tracks = TrackTargets.Layout(model.Task);
        if (_tracks is { } layout)
        {
            if (options.TargetOutput is int track && (track < 0 || track >= layout.Tracks))
                throw new ArgumentException($"Attribution: targetOutput {track} is out of range; the {model.TaskKind} model has {layout.Tracks} track(s), so it must be in [0, {layout.Tracks - 1}] (or null for all).", "targetOutput");
            if (!Enum.IsDefined(options.TrackTarget))
                throw new ArgumentOutOfRangeException(nameof(options), options.TrackTarget, "Attribution: TrackTarget must be Count or Profile.");
        }
        else if (options.TargetOutput is int t && (t < 0 || t >= outputs))
            throw new ArgumentException($"Attribution: targetOutput {t} is out of range; the model has {outputs} output(s), so it must be in [0, {outputs - 1}].", "targetOutput");
        if (_tracks == null && options.TargetOutput == null && outputs > 1 && model.TaskKind != CnnTaskKind.MulticlassClassification)
            throw new ArgumentException($"Attribution: the {model.TaskKind} model has {outputs} outputs; set targetOutput to one of [0, {outputs - 1}].", "targetOutput");

        int symbols = SymbolChannels.Of(model.Input);
        if (options.Hypothetical)
        {
            if (method is not (AttributionMethod.DeepLift or AttributionMethod.Saliency))
                throw new ArgumentException($"Attribution: hypothetical contributions come from DeepLIFT multipliers or gradients; {method} has none. Use Method = DeepLift or Saliency.", nameof(options));
            if (symbols == 0 || model.Input.Encoding!.Order != 1)
                throw new ArgumentException("Attribution: hypothetical contributions are per symbol of a one-hot sequence of order 1 (what each base would contribute), "
                    + $"but this model's input is {model.Input}{(model.Input.Encoding is { } e ? $" encoded at order {e.Order}" : "")}.", nameof(options));
            if (options.Shape != AttributionShape.PerBase)
                throw new ArgumentException("Attribution: hypothetical contributions are per base; set Shape = PerBase (summing them over bases means nothing).", nameof(options));
        }

        _method = method switch
        {
            AttributionMethod.Saliency => new SaliencyAttribution(symbols, options.SimplexCorrection),
            AttributionMethod.InSilicoMutagenesis => Mutagenesis(model),
            AttributionMethod.DeepLift => DeepLift(models, options, symbols),
            _ => IntegratedGradients(model, options),
        };
        _models = models;
        Method = method;
        Shape = options.Shape;
        TargetOutput = options.TargetOutput;
        TrackTarget = options.TrackTarget;
        Hypothetical = options.Hypothetical;
        SimplexCorrection = options.SimplexCorrection;
        Baseline = method is AttributionMethod.DeepLift or AttributionMethod.IntegratedGradients ? options.Baseline : AttributionBaseline.Automatic;
        References = options.References;
        Steps = options.Steps;
        Seed = options.Seed;
        BlurSigma = options.BlurSigma;
        // Per position: summed over channels, so length values for sequences and height × width for images.
        _attributionWidth = Shape == AttributionShape.PerBase ? model.Input.Size : model.Input.Size / model.Input.Channels;
        ErrorColumnName = _method.SumsToDelta ? options.SummationErrorColumnName : null;
        if (ErrorColumnName is not null && ErrorColumnName == options.OutputColumnName)
            throw new ArgumentException($"Attribution: the attribution and summation-error columns are both named '{ErrorColumnName}'.", nameof(options));
        OutputWidth = _attributionWidth + (ErrorColumnName is null ? 0 : 1);
        OutputColumns = ErrorColumnName is null
            ? [VectorOutputColumn.Declare(options.OutputColumnName, _attributionWidth)]
            : [VectorOutputColumn.Declare(options.OutputColumnName, _attributionWidth), new(ErrorColumnName, NumberDataViewType.Single)];
    }

    private readonly TrackLayout? _tracks;

    public AttributionMethod Method { get; }
    public AttributionShape Shape { get; }
    public int? TargetOutput { get; }
    public TrackAttributionTarget TrackTarget { get; }
    public bool Hypothetical { get; }
    public bool SimplexCorrection { get; }
    public AttributionBaseline Baseline { get; }
    public int References { get; }
    public int Steps { get; }
    public int Seed { get; }
    public double BlurSigma { get; }

    /// <summary>The summation-error column, or null (methods without a summation property, or none asked for).</summary>
    public string? ErrorColumnName { get; }

    /// <summary>Values per row in the attribution column.</summary>
    public int AttributionWidth => _attributionWidth;

    public string Component => "Attribution";

    public int InputSize => _models[0].Input.Size;

    public int OutputWidth { get; }

    public IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public Device Device => _models[0].Device;

    public void Compute(ReadOnlySpan<float> inputs, int rows, Span<float> outputs)
    {
        if (inputs.Length < rows * InputSize || outputs.Length < rows * OutputWidth)
            throw new ArgumentException($"Attribution needs {rows * InputSize} input values and room for {rows * OutputWidth} outputs.");
        if (rows == 0) return;
        int size = InputSize;
        var weights = TargetWeights(inputs, rows);
        var contributions = new float[rows * size];
        var hypothetical = Hypothetical ? new float[rows * size] : null;
        var deltas = new double[rows];
        foreach (var model in _models)
        {
            var batch = new AttributionBatch(rows, size, model.Outputs, Hypothetical, _method.SumsToDelta);
            weights.CopyTo(batch.Weights, 0);
            _method.Compute(model, inputs, batch);
            Accumulate(contributions, batch.Contributions);
            if (hypothetical is not null) Accumulate(hypothetical, batch.Hypothetical!);
            if (batch.Deltas is { } d) for (int r = 0; r < rows; r++) deltas[r] += d[r] / _models.Count;
        }

        var shown = hypothetical ?? contributions;
        int channels = _models[0].Input.Channels, positions = size / channels;
        for (int r = 0; r < rows; r++)
        {
            var target = outputs.Slice(r * OutputWidth, _attributionWidth);
            var row = shown.AsSpan(r * size, size);
            if (Shape == AttributionShape.PerBase) row.CopyTo(target);
            else
            {
                target.Clear();
                for (int c = 0; c < channels; c++)
                    for (int p = 0; p < positions; p++) target[p] += row[c * positions + p];
            }
            if (ErrorColumnName is not null) outputs[r * OutputWidth + _attributionWidth] = (float)SummationError(contributions.AsSpan(r * size, size), deltas[r]);
        }

        void Accumulate(float[] sum, float[] member)
        {
            float share = 1f / _models.Count;
            for (int i = 0; i < sum.Length; i++) sum[i] += member[i] * share;
        }
    }

    /// <summary>|Σ contributions − Δ| / max(|Δ|, <see cref="ErrorFloor"/>), summed in double.</summary>
    public static double SummationError(ReadOnlySpan<float> contributions, double delta)
    {
        double sum = 0;
        foreach (float c in contributions) sum += c;
        return Math.Abs(sum - delta) / Math.Max(Math.Abs(delta), ErrorFloor);
    }

    public Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active)
    {
        var getters = VectorOutputColumn.CreateGetters(() => currentRowOutputs()[.._attributionWidth], active);
        if (ErrorColumnName is null) return getters;
        ValueGetter<float>? error = active[1] ? (ref float value) => value = currentRowOutputs().Span[_attributionWidth] : null;
        return [getters[0], error];
    }

    /// <summary>
    /// Each row's target as weights over the raw outputs (rows × outputs). Classifiers and regressors:
    /// a 1 at <see cref="TargetOutput"/>, else at the predicted class (the first maximum of the raw
    /// outputs averaged over the networks, as an ensemble of one scores), else at 0. Track models:
    /// <see cref="TrackTargets"/>.
    /// </summary>
    private float[] TargetWeights(ReadOnlySpan<float> inputs, int rows)
    {
        int k = _models[0].Outputs;
        var weights = new float[rows * k];
        bool needsOutputs = _tracks != null ? TrackTarget == TrackAttributionTarget.Profile && _models[0].TaskKind == CnnTaskKind.Profile
            : TargetOutput == null && k > 1;
        var mean = needsOutputs ? MeanOutputs(inputs, rows, k) : null;
        for (int r = 0; r < rows; r++)
        {
            var row = weights.AsSpan(r * k, k);
            if (_tracks is { } layout) TrackTargets.Fill(_models[0].TaskKind, layout, TrackTarget, TargetOutput, mean == null ? default : mean.AsSpan(r * k, k), row);
            else if (TargetOutput is int t) row[t] = 1;
            else if (mean == null) row[0] = 1;
            else
            {
                var raw = mean.AsSpan(r * k, k);
                int best = 0;
                for (int i = 1; i < k; i++) if (raw[i] > raw[best]) best = i;
                row[best] = 1;
            }
        }
        return weights;
    }

    // The raw outputs averaged over the networks (an ensemble's prediction).
    private float[] MeanOutputs(ReadOnlySpan<float> inputs, int rows, int k)
    {
        var raw = new float[rows * k];
        var sum = new float[rows * k];
        foreach (var model in _models)
        {
            model.Forward(inputs, rows, raw);
            for (int i = 0; i < sum.Length; i++) sum[i] += raw[i] / _models.Count;
        }
        return sum;
    }

    private static MutagenesisAttribution Mutagenesis(CnnModel model)
    {
        var encoding = model.Input.Encoding;
        if (encoding == null || encoding.Alphabet is not (SequenceAlphabet.Dna or SequenceAlphabet.Rna) || model.Input.Channels < MutagenesisAttribution.NucleotideChannels)
            throw new NotSupportedException("Attribution: in-silico mutagenesis substitutes nucleotides, so it needs a DNA or RNA model (features from "
                + $"ml.Transforms.OneHotEncodeSequence with the Dna or Rna alphabet); this model's input is "
                + (encoding == null ? $"a plain vector with {model.Input.Channels} channels" : $"encoded as {encoding.Alphabet}")
                + ". Use AttributionMethod.Saliency instead.");
        // Mutating one base changes k overlapping k-mer columns at once, and which ones follows from the
        // sequence, not from the columns alone (an ambiguity code spreads over several k-mers).
        if (encoding.Order > 1)
            throw new NotSupportedException("Attribution: in-silico mutagenesis substitutes single bases in the one-hot input, so it needs a first-order "
                + $"encoding (one base per channel); this model was trained with Order = {encoding.Order} ({encoding.ChannelCount} k-mer channels). "
                + "Use AttributionMethod.Saliency (gradient × input per k-mer channel and position), or train with Order = 1.");
        return new MutagenesisAttribution();
    }

    private static DeepLiftAttribution DeepLift(IReadOnlyList<CnnModel> models, AttributionOptions options, int symbols)
    {
        foreach (var model in models) DeepLiftNetwork.RequireSupported(model.Network);
        return new DeepLiftAttribution(AttributionReferences.For(models[0].Input, AttributionMethod.DeepLift, options), symbols);
    }

    private static IntegratedGradientsAttribution IntegratedGradients(CnnModel model, AttributionOptions options)
    {
        if (options.Steps < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Steps, "Attribution: Steps (integrated gradients' path points) must be at least 1.");
        return new IntegratedGradientsAttribution(AttributionReferences.For(model.Input, AttributionMethod.IntegratedGradients, options), options.Steps);
    }
}
