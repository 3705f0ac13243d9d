using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines.Training;
using Cnn.MLNet.Trainers.Networks;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet train</c>: reads labelled sequences, trains the ready-made pipeline, prints
/// ML.NET's metrics on held-out data and saves the model.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions();
        var task = new Option<string>("--task") { Description = "binary, multiclass or regression.", DefaultValueFactory = _ => "binary" };
        var preset = new Option<string>("--preset") { Description = $"Network: {string.Join(", ", NetworkPresets.ByName.Keys)}.", DefaultValueFactory = _ => "Zou2019" };
        var length = new Option<int?>("--length") { Description = "Sequence length (pad/truncate); default: the longest training sequence." };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
        var learningRate = new Option<double>("--learning-rate") { DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Held-out fraction (default 0.2 unless --test-data is given)." };
        var testData = new Option<FileInfo?>("--test-data") { Description = "A separate held-out file, read like --data." };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Fraction of training rows for early stopping (0 = none).", DefaultValueFactory = _ => 0 };
        var model = new Option<FileInfo>("--model") { Description = "Where to save the model.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };

        var command = new Command("train", "Train a CNN on labelled sequences and report held-out metrics.");
        data.AddTo(command);
        foreach (var option in new Option[] { task, preset, length, epochs, batchSize, learningRate, seed, testFraction, testData, validationFraction, model, json })
            command.Options.Add(option);

        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var kind = TaskNames.Parse(parse.GetValue(task)!);
            string presetName = parse.GetValue(preset)!;
            if (!NetworkPresets.ByName.TryGetValue(presetName, out var network))
                throw new ArgumentException($"Unknown preset '{presetName}': use one of {string.Join(", ", NetworkPresets.ByName.Keys)}.");
            var test = parse.GetValue(testData);
            if (test != null && parse.GetValue(testFraction) != null) throw new ArgumentException("Give --test-fraction or --test-data, not both.");
            double fraction = parse.GetValue(testFraction) ?? 0.2;
            double validation = parse.GetValue(validationFraction);
            CheckFraction("--test-fraction", fraction, allowZero: false);
            CheckFraction("--validation-fraction", validation, allowZero: true);

            var ml = new MLContext(parse.GetValue(seed));
            var labels = SequenceModels.LabelKindFor(kind);
            var all = data.Load(ml, parse, labels);
            IDataView train = all, held;
            if (test != null) held = data.Load(ml, parse, labels, test);
            else (train, held) = Split(ml, all, fraction, parse.GetValue(seed));
            IDataView? validationSet = null;
            if (validation > 0) (train, validationSet) = Split(ml, train, validation, parse.GetValue(seed) + 1);

            var settings = new SequenceTrainingSettings
            {
                Task = kind, Network = network(), Length = parse.GetValue(length), Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize), LearningRate = parse.GetValue(learningRate), Seed = parse.GetValue(seed),
            };
            return TrainingRun.TrainEvaluateSave(console, ml, settings, train, validationSet, held, all.Schema,
                parse.GetValue(model)!.FullName, parse.GetValue(json));
        }));
        return command;
    }

    internal static (IDataView Train, IDataView Test) Split(MLContext ml, IDataView data, double testFraction, int seed)
    {
        var split = ml.Data.TrainTestSplit(data, testFraction, seed: seed);
        return (split.TrainSet, split.TestSet);
    }

    private static void CheckFraction(string name, double value, bool allowZero)
    {
        if (!(value < 1) || value < 0 || (!allowZero && value == 0))
            throw new ArgumentException($"{name} must be {(allowZero ? "at least 0" : "above 0")} and below 1 (was {value}).");
    }
}
