using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

// Upstream: ML.NET has no multi-label evaluator: https://github.com/dotnet/machinelearning/issues/6561
/// <summary>
/// Per-target metrics of a multi-task model (ML.NET has no multi-label evaluator): for each
/// binary target, ML.NET's own non-calibrated binary evaluator on that target's probability and
/// label; for each regression target, its regression evaluator — both over the rows whose label is
/// present. Means over targets summarise them, as Basset and gReLU report.
/// </summary>
public sealed class MultiTaskMetrics
{
    private MultiTaskMetrics(IReadOnlyList<TargetMetrics> targets) => Targets = targets;

    /// <summary>Every target, in order.</summary>
    public IReadOnlyList<TargetMetrics> Targets { get; }

    /// <summary>Mean auROC over binary targets with both classes present (NaN when none).</summary>
    public double MeanAreaUnderRocCurve => Mean(t => t.AreaUnderRocCurve);

    /// <summary>Mean auPRC over binary targets with both classes present (NaN when none).</summary>
    public double MeanAreaUnderPrecisionRecallCurve => Mean(t => t.AreaUnderPrecisionRecallCurve);

    private double Mean(Func<TargetMetrics, double> value)
    {
        var values = Targets.Select(value).Where(double.IsFinite).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>Evaluates <paramref name="scored"/> (the output of a multi-task Cnn model's <c>Transform</c>).</summary>
    /// <exception cref="ArgumentException">The model is not multi-task, or a column is missing or of the wrong size.</exception>
    public static MultiTaskMetrics Evaluate(MLContext ml, CnnPredictionTransformer model, IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Model.Task is not MultiTaskTask task)
            throw new ArgumentException($"Multi-task metrics need a multi-task model; this one is {model.Model.TaskKind}.", nameof(model));
        return Evaluate(ml, scored, task.Targets, labelColumnName, scoreColumnName);
    }

    /// <summary>Evaluates a Score vector against a Label vector (NaN = missing) whose targets are of the given kinds.</summary>
    /// <exception cref="ArgumentException">A column is missing or not a vector of Single of the targets' size.</exception>
    public static MultiTaskMetrics Evaluate(MLContext ml, IDataView scored, IReadOnlyList<TargetKind> targets, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(targets);
        var label = Column(scored, labelColumnName, targets.Count);
        var score = Column(scored, scoreColumnName, targets.Count);

        // One pass: each target's present (label, score) pairs.
        var pairs = targets.Select(_ => new List<(float Label, float Score)>()).ToArray();
        using (var cursor = scored.GetRowCursor([label, score]))
        {
            var getLabel = cursor.GetGetter<VBuffer<float>>(label);
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> labels = default, scores = default;
            while (cursor.MoveNext())
            {
                getLabel(ref labels);
                getScore(ref scores);
                var l = labels.DenseValues().ToArray();
                var s = scores.DenseValues().ToArray();
                for (int t = 0; t < targets.Count; t++)
                    if (!float.IsNaN(l[t])) pairs[t].Add((l[t], s[t]));
            }
        }
        return new MultiTaskMetrics(targets.Select((kind, t) => Target(ml, t, kind, pairs[t])).ToList());
    }

    private static TargetMetrics Target(MLContext ml, int index, TargetKind kind, List<(float Label, float Score)> pairs)
    {
        if (kind == TargetKind.Regression)
        {
            if (pairs.Count == 0) return new(index, kind, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
            var data = ml.Data.LoadFromEnumerable(pairs.Select(p => new RegressionRow { Label = p.Label, Score = p.Score }));
            var metrics = ml.Regression.Evaluate(data);
            return new(index, kind, pairs.Count, 0, double.NaN, double.NaN, metrics.RootMeanSquaredError, metrics.RSquared);
        }
        long positives = pairs.Count(p => p.Label > 0.5f);
        if (positives == 0 || positives == pairs.Count)
            return new(index, kind, pairs.Count, positives, double.NaN, double.NaN, double.NaN, double.NaN);
        var rows = ml.Data.LoadFromEnumerable(pairs.Select(p => new BinaryRow { Label = p.Label > 0.5f, Score = p.Score, PredictedLabel = p.Score > 0.5f }));
        var binary = ml.BinaryClassification.EvaluateNonCalibrated(rows);
        return new(index, kind, pairs.Count, positives, binary.AreaUnderRocCurve, binary.AreaUnderPrecisionRecallCurve, double.NaN, double.NaN);
    }

    private static DataViewSchema.Column Column(IDataView data, string name, int size)
    {
        var column = data.Schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"Multi-task metrics: the data has no column '{name}'.", nameof(data));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType != NumberDataViewType.Single || vector.Size != size)
            throw new ArgumentException($"Multi-task metrics: column '{name}' has type {column.Type}; it needs a vector of {size} Single values (one per target).", nameof(data));
        return column;
    }

    // The evaluator insists on a PredictedLabel; the areas do not depend on it (probability > ½).
    private sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
