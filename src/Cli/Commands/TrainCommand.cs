using System.CommandLine;
using System.CommandLine.Parsing;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
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
internal sealed partial class TrainCommand
{
    /// <summary>The <c>--task</c> option of <c>train</c> and <c>sweep</c>.</summary>
    public static Option<CnnTaskKind> TaskOption(string description) => Choices.Of("--task", description,
        [("binary", CnnTaskKind.BinaryClassification), ("multiclass", CnnTaskKind.MulticlassClassification), ("regression", CnnTaskKind.Regression)],
        () => CnnTaskKind.BinaryClassification);

    private readonly CliConsole _console;
    private readonly DataOptions _data = new(required: false);
    private readonly ImageOptions _images = new(training: true);
    private readonly GenomeOptions _genome = new();
    private readonly StrandOptions _strands = new();
    private readonly Option<CnnTaskKind> _task = TaskOption("binary, multiclass or regression (sequences; images are always multiclass).");
    private readonly Option<string?> _preset = Choices.Of<string?>("--preset",
        $"Network: {string.Join(", ", NetworkPresets.ByName.Keys)}. Default TwoBlock for sequences (Zou2019 below 34 bases), LeNet5 for images.",
        [.. NetworkPresets.ByName.Keys.Select(name => (name, (string?)name))]);
    private readonly Option<int?> _length = new Option<int?>("--length") { Description = "Sequence length (pad/truncate); default: the longest training sequence." }.AtLeast(1);
    private readonly Option<int> _order = new("--order")
    {
        HelpName = "K",
        DefaultValueFactory = _ => 1,
        Description = $"One-hot encode k-mers: 1 = one channel per base (default), 2 = dinucleotides (16 channels), 3 = trinucleotides (64), up to {SequenceEncodingSpec.MaxOrder}; --length counts bases. motifs and ism need 1.",
    };
    private readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "Training epochs (fewer with early stopping).", DefaultValueFactory = _ => 20 }.AtLeast(1);
    private readonly Option<int> _batchSize = new Option<int>("--batch-size") { Description = "Rows per training step.", DefaultValueFactory = _ => 32 }.AtLeast(1);
    private readonly Option<double> _learningRate = new Option<double>("--learning-rate") { Description = "The optimiser's learning rate.", DefaultValueFactory = _ => 1e-3 }.Positive();
    private readonly Option<int> _seed = new("--seed") { Description = "Seeds the splits and the training: the same seed gives the same model.", DefaultValueFactory = _ => 1 };
    private readonly Option<double?> _testFraction = new Option<double?>("--test-fraction") { Description = "Held-out fraction (default 0.2 unless --test-data or --test-images is given)." }.Fraction(allowZero: false);
    private readonly Option<FileInfo?> _testData = new("--test-data") { HelpName = "FILE", Description = "A separate held-out file, read like --data." };
    private readonly Option<double> _validationFraction = new Option<double>("--validation-fraction") { Description = "Fraction of training rows for early stopping (0 = none).", DefaultValueFactory = _ => 0 }.Fraction(allowZero: true);
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "Where to save the model.", Required = true };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object." };
    private readonly Option<DirectoryInfo?> _checkpointDir = new("--checkpoint-dir") { HelpName = "DIR", Description = "Write a checkpoint (weights, optimiser, epoch, random state) here after every epoch; Ctrl+C stops between batches and keeps it." };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir (same data and settings)." };

    private TrainCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new TrainCommand(console).Build();

    private Command Build()
    {
        var command = new Command("train", "Train a CNN on labelled sequences (--data), peaks on a genome (--bed, --genome) or a folder of images "
            + "with one sub-folder per class (--images), and report held-out metrics.");
        _data.AddTo(command);
        _genome.AddTo(command, _data.Data, _testData, _images.Images, _images.Size, _images.Grayscale, _images.Augment, _images.TestImages);
        _images.AddTo(command, _data, SequenceOnly, elsewhere: result => result.Given(_genome.Bed));
        _strands.AddTo(command);
        _profile.AddTo(command, _length, _genome.Bed, _genome.Negatives, _task, _preset, _order, _strands.StrandShared);
        _folds.AddTo(command, _genome.Bed, _profile.Profile, _data.Data, _images.Images, _genome.TestChromosomes, _genome.ValidationChromosomes,
            _testFraction, _validationFraction);
        command.Validators.Add(result =>
        {
            // Shifting zero-fills the tracks coming in, which is right only where the bases coming in are padding too.
            if (!result.Given(_profile.Profile) || !result.TryGiven(_strands.Shift, out int shift) || shift == 0) return;
            int length = result.TryGiven(_length, out int? l) && l is int given ? given : GenomeOptions.DefaultLength;
            int output = result.TryGiven(_profile.OutputLength, out int? o) && o is int outputGiven ? outputGiven : length;
            if (result.TryGiven(_profile.BinSize, out int bin) && bin > 1)
                result.AddError("--shift does not go with --bin-size above 1: the binned targets move only by whole bins.");
            else if (output < length)
                result.AddError($"--shift needs --output-length equal to --length ({output} < {length}): a shift would bring in flank sequence with no counts for it.");
        });
        foreach (var option in new Option[] { _task, _preset, _length, _order, _epochs, _batchSize, _learningRate, _seed, _testFraction, _testData, _validationFraction, _model, _json, _checkpointDir, _resume })
            command.Options.Add(option);

        _order.Validators.Add(result =>
        {
            if (result.TryGiven(_order, out int order) && order is < 1 or > SequenceEncodingSpec.MaxOrder)
                result.AddError($"--order must be between 1 and {SequenceEncodingSpec.MaxOrder} (1 = one channel per base, 2 = dinucleotides, 3 = trinucleotides); was {order}.");
        });
        command.Excludes(_testFraction, _testData);
        command.Excludes(_testFraction, _images.TestImages);
        command.Needs(_resume, _checkpointDir);
        command.Validators.Add(result =>
        {
            if (result.Given(_genome.Bed) && result.TryGiven(_task, out var task) && task != CnnTaskKind.BinaryClassification)
                result.AddError("--bed trains a binary model (peak or background); leave --task out.");
            if (result.Given(_genome.TestChromosomes)
                && (result.Given(_testFraction) || (result.TryGiven(_validationFraction, out double validation) && validation > 0)))
                result.AddError("--test-chromosomes replaces --test-fraction and --validation-fraction (use --validation-chromosomes).");
        });
        command.SetAction(parse => CliErrors.Run(_console, () => Train(parse)));
        return command;
    }

    // Images are multiclass, so --task multiclass goes with --images.
    private IEnumerable<Option> SequenceOnly(SymbolResult result) =>
        [.. result.TryGiven(_task, out var task) && task == CnnTaskKind.MulticlassClassification ? [] : new Option[] { _task },
            _length, _order, _testData, .. _strands.All];

    private int Train(ParseResult parse)
    {
        bool useGenome = _genome.UseGenome(parse);
        bool useImages = !useGenome && _images.UseImages(parse);
        var network = NetworkPresets.ByName[parse.GetValue(_preset) ?? (useImages ? "LeNet5" : "Zou2019")];
        int s = parse.GetValue(_seed);
        var ml = CliContext.Create(s);
        var kind = useImages ? CnnTaskKind.MulticlassClassification : parse.GetValue(_task);
        var labels = SequenceModels.LabelKindFor(kind);
        // A profile model reads its own rows (peaks and tracks) in TrainProfile.
        bool profile = parse.GetValue(_profile.Profile);
        // Chromosome folds load their own rows (once for every fold) in TrainFolds.
        bool folds = useGenome && _folds.Active(parse);
        IDataView all = null!, train = null!, held = null!;
        IDataView? validationSet = null;
        if (!profile && !folds)
        {
            all = useGenome ? _genome.Load(ml, parse, parse.GetValue(_length), s, _console)
                : useImages ? _images.Load(ml, parse, requireLabels: true, minimumClasses: 2)
                : _data.Load(ml, parse, labels);
            (train, validationSet, held) = Parts(parse, ml, all, useImages, labels);
        }

        string modelPath = parse.GetValue(_model)!.FullName;
        using var cancel = new CancellationTokenSource();
        var recovery = new TrainingRecovery { CheckpointDirectory = parse.GetValue(_checkpointDir)?.FullName, Resume = parse.GetValue(_resume), CancellationToken = cancel.Token };
        // Ctrl+C stops training between batches (the checkpoint of the last completed epoch stays) instead of killing the process.
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        System.Console.CancelKeyPress += onCancel;
        // The shared training settings from the flags, the same for sequences and images.
        CnnTrainingOptions Training() => new()
        {
            Network = network(),
            Epochs = parse.GetValue(_epochs),
            BatchSize = parse.GetValue(_batchSize),
            LearningRate = parse.GetValue(_learningRate),
            Seed = s,
        };
        var training = Training();
        try
        {
            if (profile) return TrainProfile(parse, ml, training, recovery, modelPath);
            if (folds) return TrainFolds(parse, Training, recovery, modelPath);
            if (useImages)
            {
                var imageSettings = _images.Settings(parse);
                imageSettings.Training = training;
                imageSettings.Recovery = recovery;
                return TrainingRun.TrainEvaluateSave(_console, ml, imageSettings, train, validationSet, held, all.Schema, modelPath, parse.GetValue(_json));
            }
            var settings = SequenceSettings(parse, kind, useGenome, training, recovery);
            return TrainingRun.TrainEvaluateSave(_console, ml, settings, train, validationSet, held, all.Schema, modelPath, parse.GetValue(_json));
        }
        catch (OperationCanceledException e)
        {
            _console.Error.WriteLine("cancelled: " + e.Message);
            return 130; // as a shell reports SIGINT
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The sequence pipeline's settings from the flags.</summary>
    private SequenceTrainingSettings SequenceSettings(ParseResult parse, CnnTaskKind kind, bool useGenome, CnnTrainingOptions training, TrainingRecovery recovery)
    {
        var settings = new SequenceTrainingSettings
        {
            Task = kind,
            Length = useGenome ? parse.GetValue(_length) ?? GenomeOptions.DefaultLength : parse.GetValue(_length),
            Order = parse.GetValue(_order),
            Training = training,
            Recovery = recovery,
        };
        _strands.Apply(parse, settings);
        return settings;
    }

    /// <summary>Training, validation (or null) and held-out rows: by chromosome, a separate test file or folder, or random fractions.</summary>
    private (IDataView Train, IDataView? Validation, IDataView Held) Parts(ParseResult parse, MLContext ml, IDataView all, bool useImages, SequenceLabelKind labels,
        string splitLabel = IntervalSequenceSchema.LabelColumn)
    {
        if (_genome.Split(parse, all, _console, splitLabel) is { } byChromosome) return (byChromosome.Train, byChromosome.Validation, byChromosome.Test);
        IDataView train = all, held;
        int s = parse.GetValue(_seed);
        if (useImages && parse.GetValue(_images.TestImages) is { } testFolder) held = _images.Load(ml, parse, requireLabels: true, directory: testFolder);
        else if (!useImages && parse.GetValue(_testData) is { } testFile) held = _data.Load(ml, parse, labels, testFile);
        else (train, held) = Split(ml, all, parse.GetValue(_testFraction) ?? 0.2, s);
        double validation = parse.GetValue(_validationFraction);
        if (validation <= 0) return (train, null, held);
        var (rest, validationSet) = Split(ml, train, validation, s + 1);
        return (rest, validationSet, held);
    }

    internal static (IDataView Train, IDataView Test) Split(MLContext ml, IDataView data, double testFraction, int seed)
    {
        var split = ml.Data.TrainTestSplit(data, testFraction, seed: seed);
        return (split.TrainSet, split.TestSet);
    }
}
