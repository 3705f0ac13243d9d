using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// The out-of-fold scores of a chromosome cross-validation: every row scored by the one fold model that held it out,
/// evaluated together. Unlike the ensemble's score on the same rows, no model has seen the row, so it estimates how the
/// fold models do on chromosomes they were not trained on, over all the data rather than one fold's share.
/// </summary>
internal sealed class OutOfFoldScores
{
    private readonly List<Row> _rows = [];

    /// <summary>Scores <paramref name="heldOut"/>, the rows the fold of <paramref name="model"/> held out, and keeps the scores.</summary>
    public void Add(MLContext ml, ITransformer model, IDataView heldOut) =>
        _rows.AddRange(ml.Data.CreateEnumerable<Row>(model.Transform(heldOut), reuseRowObject: false));

    /// <summary>ML.NET's binary metrics over every kept row, by the names <c>train</c> prints.</summary>
    public SequenceMetrics Evaluate(MLContext ml)
    {
        var m = ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(_rows));
        return new SequenceMetrics(CnnTaskKind.BinaryClassification, _rows.Count,
        [
            new("accuracy", m.Accuracy), new("auc", m.AreaUnderRocCurve), new("auprc", m.AreaUnderPrecisionRecallCurve),
            new("f1", m.F1Score), new("logLoss", m.LogLoss),
        ]);
    }

    private sealed class Row
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
