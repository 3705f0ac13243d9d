using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What a scan needs to know about a fitted model: the text column its one-hot DNA/RNA encoder
/// reads, the window length, and which output column (and slot) holds the value to write —
/// <c>Probability</c> for binary models (more readable in a genome browser than the logit),
/// <c>Score</c> for regression, <c>Score[Target]</c> for multi-task and multiclass models.
/// </summary>
internal sealed record GenomeScanModel(string SequenceColumn, int Length, string ValueColumn, int? Slot, CnnTaskKind Task)
{
    /// <summary>The written value, e.g. <c>Probability</c> or <c>Score[1]</c>.</summary>
    public string ValueDescription => Slot is int slot ? $"{ValueColumn}[{slot}]" : ValueColumn;

    /// <summary>How many values <see cref="ValueColumn"/> holds: the outputs of a multi-task or multiclass model, else 1 (variant effects score them all).</summary>
    public int Outputs { get; init; } = 1;

    /// <summary>Inspects <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The model has no CNN, takes images, does not start from a one-hot DNA/RNA encoder of text, or
    /// <paramref name="target"/> is not one of its outputs.
    /// </exception>
    public static GenomeScanModel Of(ITransformer model, int target)
    {
        var cnn = CnnChain.FindCnn(model);
        var input = cnn.Model.Input;
        if (input.IsImage)
            throw new ArgumentException($"The model takes images ({input}); a genome scan needs a sequence model whose input is a one-hot DNA or RNA encoding.", nameof(model));
        if (input.Encoding is not { } spec || spec.Alphabet is not (SequenceAlphabet.Dna or SequenceAlphabet.Rna))
        {
            string what = input.Encoding is { } e ? $"a {e.Alphabet} encoding" : "a plain feature vector";
            throw new ArgumentException($"The model's input is {what}; a genome scan needs a sequence model whose input is a one-hot DNA or RNA encoding.", nameof(model));
        }
        var encoder = CnnChain.Stages(model).OfType<OneHotSequenceTransformer>().LastOrDefault(e => e.OutputColumnName == cnn.FeatureColumnName)
            ?? throw new ArgumentException($"The model has no sequence encoder writing the network's input column '{cnn.FeatureColumnName}'; a genome scan needs the whole pipeline from text sequences (encoder and CNN).", nameof(model));

        int outputs = cnn.Model.Outputs;
        var task = cnn.Model.TaskKind;
        if (task is CnnTaskKind.Profile or CnnTaskKind.BinnedTracks)
            throw new ArgumentException($"The model is a {TaskNames.Of(task)} model, which predicts a track along each window rather than one value per window; "
                + "write its predicted tracks with ProfileTrackPredictor (cnn-mlnet predict --bigwig-out) instead of a scan.", nameof(model));
        bool vector = task is CnnTaskKind.MultiTask or CnnTaskKind.MulticlassClassification;
        int count = vector ? outputs : 1;
        if (target < 0 || target >= count)
        {
            throw new ArgumentException(vector
                ? $"The target {target} is not an output of this {TaskNames.Of(task)} model; its outputs are 0 to {count - 1}."
                : $"The target {target} is not an output of this {TaskNames.Of(task)} model, which has one output (target 0).", nameof(target));
        }
        string column = task == CnnTaskKind.BinaryClassification ? "Probability" : "Score";
        return new GenomeScanModel(encoder.InputColumnName, spec.Length, column, vector ? target : null, task) { Outputs = count };
    }

    /// <summary>Reads the value to write from a scored row.</summary>
    public Func<float> ValueReader(DataViewRow row, DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(ValueColumn) ?? throw new InvalidOperationException($"The scored data has no '{ValueColumn}' column.");
        if (Slot is int slot)
        {
            var get = row.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            return () => { get(ref buffer); return buffer.GetItemOrDefault(slot); };
        }
        var getScalar = row.GetGetter<float>(column);
        float value = 0;
        return () => { getScalar(ref value); return value; };
    }
}
