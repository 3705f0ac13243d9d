using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet train</c>: reads labelled sequences (--data), peaks on a genome (--bed with
/// --genome, negatives made for them) or a folder of images in class sub-folders (--images),
/// trains the ready-made pipeline, prints ML.NET's metrics on held-out data (a random fraction, a
/// separate file, or whole chromosomes) and saves the model.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions(required: false);
        var images = new ImageOptions(training: true);
        var genome = new GenomeOptions();
        var strands = new StrandOptions();
        var task = new Option<string>("--task") { Description = "binary, multiclass or regression (sequences; images are always multiclass).", DefaultValueFactory = _ => "binary" };
        var preset = new Option<string?>("--preset") { Description = $"Network: {string.Join(", ", NetworkPresets.ByName.Keys)}. Default TwoBlock for sequences (Zou2019 below 34 bases), LeNet5 for images." };
        var length = new Option<int?>("--length") { Description = "Sequence length (pad/truncate); default: the longest training sequence." };
        var order = new Option<int>("--order") { HelpName = "K", Description = $"One-hot encode k-mers: 1 = one channel per base (default), 2 = dinucleotides (16 channels), 3 = trinucleotides (64), up to {SequenceEncodingSpec.MaxOrder}; --length counts bases. motifs and ism need 1.", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
        var learningRate = new Option<double>("--learning-rate") { DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Held-out fraction (default 0.2 unless --test-data or --test-images is given)." };
        var testData = new Option<FileInfo?>("--test-data") { Description = "A separate held-out file, read like --data." };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Fraction of training rows for early stopping (0 = none).", DefaultValueFactory = _ => 0 };
        var model = new Option<FileInfo>("--model") { Description = "Where to save the model.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var checkpointDir = new Option<DirectoryInfo?>("--checkpoint-dir") { Description = "Write a checkpoint (weights, optimiser, epoch, random state) here after every epoch; Ctrl+C stops between batches and keeps it." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir (same data and settings)." };

        var command = new Command("train", "Train a CNN on labelled sequences (--data), peaks on a genome (--bed, --genome) or a folder of images "
            + "with one sub-folder per class (--images), and report held-out metrics.");
        data.AddTo(command);
        genome.AddTo(command);
        images.AddTo(command);
        strands.AddTo(command);
        foreach (var option in new Option[] { task, preset, length, order, epochs, batchSize, learningRate, seed, testFraction, testData, validationFraction, model, json, checkpointDir, resume })
            command.Options.Add(option);

        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            Option[] sequenceOnly = [.. parse.GetValue(task) is "multiclass" ? [length, order, testData] : new Option[] { task, length, order, testData }, .. strands.All]; // images are multiclass
            bool useGenome = genome.UseGenome(parse, data.Data, testData, images.Images, images.Size, images.Grayscale, images.Augment, images.TestImages);
            if (useGenome && parse.GetValue(task) != "binary") throw new ArgumentException("--bed trains a binary model (peak or background); leave --task out.");
            bool useImages = !useGenome && images.UseImages(parse, data, sequenceOnly);
            string presetName = parse.GetValue(preset) ?? (useImages ? "LeNet5" : "Zou2019");
            if (!NetworkPresets.ByName.TryGetValue(presetName, out var network))
                throw new ArgumentException($"Unknown preset '{presetName}': use one of {string.Join(", ", NetworkPresets.ByName.Keys)}.");
            bool separateTest = parse.GetValue(testData) != null || parse.GetValue(images.TestImages) != null;
            if (separateTest && parse.GetValue(testFraction) != null)
                throw new ArgumentException($"Give --test-fraction or {(useImages ? "--test-images" : "--test-data")}, not both.");
            double fraction = parse.GetValue(testFraction) ?? 0.2;
            double validation = parse.GetValue(validationFraction);
            CheckFraction("--test-fraction", fraction, allowZero: false);
            CheckFraction("--validation-fraction", validation, allowZero: true);
            int kmerOrder = CheckOrder(parse.GetValue(order)); // before any data is read

            int s = parse.GetValue(seed);
            var ml = new MLContext(s);
            var kind = useImages ? CnnTaskKind.MulticlassClassification : TaskNames.Parse(parse.GetValue(task)!);
            var labels = SequenceModels.LabelKindFor(kind);
            var all = useGenome ? genome.Load(ml, parse, parse.GetValue(length), s, console)
                : useImages ? images.Load(ml, parse, requireLabels: true, minimumClasses: 2)
                : data.Load(ml, parse, labels);
            IDataView train = all, held;
            IDataView? validationSet = null;
            if (genome.Split(parse, all, console) is { } byChromosome)
            {
                if (parse.Given(testFraction) || validation > 0)
                    throw new ArgumentException("--test-chromosomes replaces --test-fraction and --validation-fraction (use --validation-chromosomes).");
                (train, validationSet, held) = (byChromosome.Train, byChromosome.Validation, byChromosome.Test);
            }
            else
            {
                if (useImages && parse.GetValue(images.TestImages) is { } testFolder) held = images.Load(ml, parse, requireLabels: true, directory: testFolder);
                else if (!useImages && parse.GetValue(testData) is { } testFile) held = data.Load(ml, parse, labels, testFile);
                else (train, held) = Split(ml, all, fraction, s);
                if (validation > 0) (train, validationSet) = Split(ml, train, validation, s + 1);
            }
            string modelPath = parse.GetValue(model)!.FullName;
            if (parse.GetValue(resume) && parse.GetValue(checkpointDir) == null) throw new ArgumentException("--resume needs --checkpoint-dir.");
            using var cancel = new CancellationTokenSource();
            var recovery = new TrainingRecovery { CheckpointDirectory = parse.GetValue(checkpointDir)?.FullName, Resume = parse.GetValue(resume), CancellationToken = cancel.Token };
            // Ctrl+C stops training between batches (the checkpoint of the last completed epoch stays) instead of killing the process.
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            System.Console.CancelKeyPress += onCancel;
            try
            {
                if (useImages)
                {
                    var imageSettings = images.Settings(parse);
                    imageSettings.Training.Network = network();
                    imageSettings.Training.Epochs = parse.GetValue(epochs);
                    imageSettings.Training.BatchSize = parse.GetValue(batchSize);
                    imageSettings.Training.LearningRate = parse.GetValue(learningRate);
                    imageSettings.Training.Seed = s;
                    imageSettings.Recovery = recovery;
                    return TrainingRun.TrainEvaluateSave(console, ml, imageSettings, train, validationSet, held, all.Schema, modelPath, parse.GetValue(json));
                }
                var settings = new SequenceTrainingSettings
                {
                    Task = kind, Length = useGenome ? parse.GetValue(length) ?? GenomeOptions.DefaultLength : parse.GetValue(length),
                    Order = kmerOrder,
                    Training = { Network = network(), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batchSize), LearningRate = parse.GetValue(learningRate), Seed = s },
                    Recovery = recovery,
                };
                strands.Apply(parse, settings);
                return TrainingRun.TrainEvaluateSave(console, ml, settings, train, validationSet, held, all.Schema, modelPath, parse.GetValue(json));
            }
            catch (OperationCanceledException e)
            {
                console.Error.WriteLine("cancelled: " + e.Message);
                return 130; // as a shell reports SIGINT
            }
            finally
            {
                System.Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    private static int CheckOrder(int order) =>
        order is >= 1 and <= SequenceEncodingSpec.MaxOrder
            ? order
            : throw new ArgumentException($"--order must be between 1 and {SequenceEncodingSpec.MaxOrder} (1 = one channel per base, 2 = dinucleotides, 3 = trinucleotides); was {order}.");

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
