using System.Text.Json;

namespace Cnn.MLNet.Cli.Tests;

public class TrainEvaluatePredictTests
{
    [Fact]
    public void Train_then_evaluate_then_predict_on_tsv_files()
    {
        using var cli = new CliRunner();
        string train = cli.WriteMotifTsv("train.tsv", 600, seed: 1), test = cli.WriteMotifTsv("test.tsv", 200, seed: 2), model = cli.PathOf("model.zip");

        var trained = cli.Run("train", "--data", train, "--test-data", test, "--epochs", "12", "--model", model, "--json");
        Assert.True(trained.Exit == 0, trained.Error);
        using var trainJson = JsonDocument.Parse(trained.Output);
        Assert.Equal("binary", trainJson.RootElement.GetProperty("task").GetString());
        Assert.Equal(200, trainJson.RootElement.GetProperty("rows").GetInt64());
        double accuracy = trainJson.RootElement.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        foreach (var name in new[] { "auc", "auprc", "f1", "logLoss" }) Assert.True(trainJson.RootElement.TryGetProperty(name, out _), name);
        Assert.Contains("epoch 12/12", trained.Error); // plain progress lines when not on a terminal
        Assert.True(File.Exists(model));

        var evaluated = cli.Run("evaluate", "--model", model, "--data", test, "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        using var evalJson = JsonDocument.Parse(evaluated.Output);
        Assert.Equal(accuracy, evalJson.RootElement.GetProperty("accuracy").GetDouble()); // the saved model scores exactly as the trained one

        string predictions = cli.PathOf("predictions.tsv");
        var predicted = cli.Run("predict", "--model", model, "--data", test, "--out", predictions);
        Assert.True(predicted.Exit == 0, predicted.Error);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal(201, lines.Length);
        var header = lines[0].Split('\t');
        Assert.Equal(new[] { "Sequence", "Id", "Label", "Score", "Probability", "PredictedLabel" }, header);
        Assert.Equal("r0", lines[1].Split('\t')[1]);
    }

    [Fact]
    public void Multiclass_with_class_names_predicts_class_names()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("classes.tsv", 500, seed: 3, classes: true), model = cli.PathOf("m.zip"), output = cli.PathOf("p.tsv");

        var trained = cli.Run("train", "--data", data, "--task", "multiclass", "--epochs", "10", "--model", model, "--json", "--validation-fraction", "0.2");
        Assert.True(trained.Exit == 0, trained.Error);
        using var json = JsonDocument.Parse(trained.Output);
        Assert.Equal("multiclass", json.RootElement.GetProperty("task").GetString());
        Assert.True(json.RootElement.GetProperty("macroAccuracy").GetDouble() >= 0.85);
        Assert.Contains("validation loss", trained.Error);

        Assert.Equal(0, cli.Run("predict", "--model", model, "--data", data, "--out", output).Exit);
        var rows = File.ReadAllLines(output);
        int column = Array.IndexOf(rows[0].Split('\t'), "PredictedClass");
        Assert.True(column >= 0, rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Contains(r.Split('\t')[column], new[] { "motif", "plain" }));
    }

    [Fact]
    public void Regression_reports_regression_metrics_as_text()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("reg.tsv", 300, seed: 4);
        var trained = cli.Run("train", "--data", data, "--task", "regression", "--epochs", "5", "--model", cli.PathOf("r.zip"));

        Assert.True(trained.Exit == 0, trained.Error);
        Assert.Contains("regression metrics on", trained.Output);
        Assert.Contains("rSquared", trained.Output);
        Assert.Contains("rmse", trained.Output);
    }
}
