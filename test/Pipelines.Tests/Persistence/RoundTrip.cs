using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>Saves a model, loads it in a fresh MLContext, and checks both score every row and column bit-identically.</summary>
internal static class RoundTrip
{
    public static (ITransformer Loaded, DataViewSchema Schema) SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema inputSchema, TempDirectory directory)
    {
        string path = directory.File("model.zip");
        ml.Model.SaveCnn(model, inputSchema, path);
        var loaded = new MLContext(seed: 99).Model.LoadCnn(path, out var schema);
        return (loaded, schema);
    }

    /// <summary>Transform and PredictionEngine outputs of <paramref name="loaded"/> equal those of <paramref name="original"/> exactly.</summary>
    public static void AssertSameScores<TPrediction>(MLContext ml, ITransformer original, ITransformer loaded) where TPrediction : class, new()
    {
        var test = PersistenceData.Test(ml);
        OutputComparison.AssertIdentical(original.Transform(test), loaded.Transform(test));

        var originalEngine = ml.Model.CreatePredictionEngine<MotifData.Row, TPrediction>(original);
        var loadedEngine = ml.Model.CreatePredictionEngine<MotifData.Row, TPrediction>(loaded);
        foreach (var row in PersistenceData.TestRows().Take(20))
            Assert.Equal(Format(originalEngine.Predict(row)), Format(loadedEngine.Predict(row)));
    }

    public static string Format(object prediction) =>
        string.Join("; ", prediction.GetType().GetProperties().Select(p => $"{p.Name}={OutputComparison.Format(p.GetValue(prediction))}"));
}

public sealed class BinaryPrediction
{
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }
}

public sealed class MulticlassPrediction
{
    public float[] Score { get; set; } = [];
    public string PredictedLabelText { get; set; } = "";
}

public sealed class RegressionPrediction
{
    public float Score { get; set; }
}

public sealed class MultiTaskPrediction
{
    public float[] Score { get; set; } = [];
}
