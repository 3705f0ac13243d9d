using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet sweep</c>: hyperparameter search on labelled sequences (--data) or a folder of
/// images in class sub-folders (--images) (<see cref="CnnSweep"/>).
/// Holds out a test fraction first, sweeps the rest with a progress line per trial, prints the
/// leaderboard and writes it as CSV, refits the winner on all the swept rows, reports its metrics
/// on the untouched test rows and saves it.
/// </summary>
internal sealed class SweepCommand
{
    private readonly CliConsole _console;
    private readonly DataOptions _data = new(required: false);
    private readonly ImageOptions _images = new(training: true);
    private readonly Option<CnnTaskKind> _task = TrainCommand.TaskOption("binary, multiclass or regression.");
    private readonly Option<int?> _length = new Option<int?>("--length") { Description = "Sequence length (pad/truncate); default: the longest sequence." }.AtLeast(1);
    private readonly Option<int?> _trials = new Option<int?>("--trials") { HelpName = "N", Description = "A cap on the configurations started (presets included); with it, one seed gives one leaderboard. Default: none, the time limit decides." }.AtLeast(1);
    private readonly Option<TimeSpan?> _timeLimit = Durations.CreateOption("--time-limit", "Wall-time budget of the search, e.g. 90s, 10m, 1h30m: trials keep starting until it is spent; the refit comes after it. Default: 10m unless --trials or --candidates is given.");
    private readonly Option<SweepProposer> _proposer = Choices.Of("--proposer", "How configurations are proposed after the presets: tpe (a tree-structured Parzen estimator) or random.",
        [("tpe", SweepProposer.Tpe), ("random", SweepProposer.Random)], () => SweepProposer.Tpe);
    private readonly Option<bool> _noWarmStart = new("--no-warm-start") { Description = "Do not start with the default network and the other presets that fit (each with and without reverse-complement handling for DNA/RNA)." };
    private readonly Option<int> _ensemble = new Option<int>("--ensemble") { HelpName = "K", Description = "Refit the best K full-budget trials and save them as one averaged ensemble model.", DefaultValueFactory = _ => 1 }.AtLeast(1);
    private readonly Option<int?> _candidates = new Option<int?>("--candidates") { HelpName = "N", Description = "Fixed-candidate mode: evaluate a seeded list of N candidates (presets, then random draws) at --max-epochs, no halving; with --slice, one part of it." }.AtLeast(1);
    private readonly Option<(int Index, int Count)?> _slice = new("--slice")
    {
        HelpName = "I/N",
        Description = "With --candidates: evaluate only slice I of N (candidates I, I+N, …) and write its leaderboard, without a refit; merge slices with --merge.",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[^1].Value;
            var parts = text.Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 1 && index <= count)
                return (index, count);
            result.AddError($"--slice must be I/N with 1 ≤ I ≤ N, e.g. 2/4 (was '{text}').");
            return null;
        },
    };
    private readonly Option<FileInfo[]> _merge = new("--merge") { HelpName = "CSV", Description = "Rank the leaderboards of a fixed-candidate sweep's slices as one; with --data and --model, refit the winner.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo?> _plot = new("--plot") { HelpName = "FILE", Description = "Where to write the PNG of the metric against search time (best full-budget result so far). Default: next to --model, as NAME.progress.png." };
    private readonly Option<int> _seed = new("--seed") { Description = "Seeds the draws, the splits and the training: the same seed gives the same leaderboard.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _folds = new Option<int>("--folds") { HelpName = "K", Description = "Evaluate each trial by K-fold cross-validation (K ≥ 2); 0 uses one validation split.", DefaultValueFactory = _ => 0 }
        .Must(folds => folds is 0 or >= 2, "0 (one validation split) or at least 2");
    private readonly Option<double> _validationFraction = new Option<double>("--validation-fraction") { Description = "The validation split's fraction (without --folds).", DefaultValueFactory = _ => 0.2 }.Fraction(allowZero: false);
    private readonly Option<double> _testFraction = new Option<double>("--test-fraction") { Description = "Rows held out of the sweep to report the refitted winner on (0 = none; --test-images gives a folder instead).", DefaultValueFactory = _ => 0.2 }.Fraction(allowZero: true);
    private readonly Option<int?> _minEpochs = new Option<int?>("--min-epochs") { Description = "Epochs of the first successive-halving rung. Default: from the data size and the default network's learning curve." }.AtLeast(1);
    private readonly Option<int> _maxEpochs = new Option<int>("--max-epochs") { Description = "Epochs of the last rung: the full budget, where presets and the winner train (with early stopping).", DefaultValueFactory = _ => DefaultMaxEpochs }.AtLeast(1);
    private readonly Option<int> _reduction = new Option<int>("--reduction-factor") { HelpName = "ETA", Description = "Keep the best 1/ETA of each rung and train them ETA times longer.", DefaultValueFactory = _ => 3 }.AtLeast(2);
    private readonly Option<bool> _noHalving = new("--no-halving") { Description = "No successive halving: every trial trains --max-epochs." };
    private readonly Option<int> _patience = new Option<int>("--patience") { Description = "Early-stopping patience within a trial (epochs without a better validation loss).", DefaultValueFactory = _ => 3 }.AtLeast(1);
    private readonly Option<string?> _metric = new("--metric") { Description = "Rank by: auc (binary default), accuracy, auprc, f1, logLoss; microAccuracy (multiclass default), macroAccuracy; rSquared (regression default), rmse, mae." };
    private readonly Option<FileInfo?> _model = new("--model") { HelpName = "FILE", Description = "Where to save the refitted winner (required except for a --slice or a --merge without --data)." };
    private readonly Option<FileInfo?> _leaderboard = new("--leaderboard") { HelpName = "FILE", Description = "Where to write the leaderboard CSV. Default: next to --model, as NAME.leaderboard.csv." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of the table and metrics." };
    private readonly SearchSpaceOptions _space = new();
    private readonly StrandOptions _strands = new();

    private SweepCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new SweepCommand(console).Build();

    private Command Build()
    {
        var command = new Command("sweep", "Search network shapes and training options for labelled sequences (--data) or images (--images) "
            + "within a time budget (presets first, then a model-based search with asynchronous successive halving), "
            + "then refit the best on all the swept rows and save it.");
        _data.AddTo(command);
        _images.AddTo(command, _data, SequenceOnly, elsewhere: MergeOnly);
        foreach (var option in new Option[] { _task, _length, _trials, _timeLimit, _proposer, _noWarmStart, _ensemble, _candidates, _slice, _merge, _plot, _seed, _folds, _validationFraction, _testFraction, _minEpochs, _maxEpochs, _reduction, _noHalving, _patience, _metric, _model, _leaderboard, _json })
            command.Options.Add(option);
        _space.AddTo(command);
        foreach (var option in new Option[] { _strands.ReverseComplementAugment, _strands.ReverseComplementAverage, _strands.Shift }) command.Options.Add(option);

        command.Needs(_slice, _candidates, "(only a fixed list of candidates can be split)");
        command.Excludes(_testFraction, _images.TestImages);
        command.Validators.Add(result =>
        {
            int max = result.TryGiven(_maxEpochs, out int given) ? given : DefaultMaxEpochs;
            if (result.TryGiven(_minEpochs, out int? min) && min > max) result.AddError($"--max-epochs ({max}) must be at least --min-epochs ({min}).");
        });
        command.Validators.Add(ValidateOutputs);
        command.Validators.Add(ValidateMetric);
        command.SetAction(parse => CliErrors.Run(_console, () => parse.GetValue(_merge) is { Length: > 0 } boards ? Merge(parse, boards) : Sweep(parse)));
        return command;
    }

    // Images are multiclass, so --task multiclass goes with --images.
    private IEnumerable<Option> SequenceOnly(SymbolResult result) =>
        [.. result.TryGiven(_task, out var task) && task == CnnTaskKind.MulticlassClassification ? [] : new Option[] { _task },
            _length, _strands.ReverseComplementAugment, _strands.ReverseComplementAverage, _strands.Shift];

    // --merge alone ranks leaderboards and reads no data.
    private bool MergeOnly(SymbolResult result) => result.Given(_merge) && !result.Given(_data.Data) && !result.Given(_images.Images);

    /// <summary>Where the results go: a slice writes a leaderboard; a sweep or a merge with data saves a model.</summary>
    private void ValidateOutputs(CommandResult result)
    {
        if (MergeOnly(result)) return;
        if (result.Given(_merge))
        {
            if (!result.Given(_model)) result.AddError("Give --model: where to save the merged sweep's refitted winner.");
        }
        else if (result.Given(_slice))
        {
            if (!result.Given(_leaderboard) && !result.Given(_model)) result.AddError("A --slice writes only its leaderboard: give --leaderboard.");
        }
        else if (!result.Given(_model)) result.AddError("Give --model: where to save the refitted winner.");
    }

    /// <summary>--metric must be one of the task's metrics (images are multiclass).</summary>
    private void ValidateMetric(CommandResult result)
    {
        if (!result.TryGiven(_metric, out string? metric) || metric is null) return;
        var kind = result.Given(_images.Images) ? CnnTaskKind.MulticlassClassification
            : result.TryGiven(_task, out var task) ? task : CnnTaskKind.BinaryClassification;
        try { SweepMetric.For(kind, metric); }
        catch (ArgumentException e) { result.AddError("--metric: " + e.Message); }
    }

    private int Sweep(ParseResult parse)
    {
        bool useImages = _images.UseImages(parse);
        string? modelPath = parse.GetValue(_model)?.FullName;
        string? boardPath = parse.GetValue(_leaderboard)?.FullName ?? (modelPath == null ? null : Path.ChangeExtension(modelPath, ".leaderboard.csv"));
        var part = parse.GetValue(_slice);
        int? cap = parse.GetValue(_trials), fixedCount = parse.GetValue(_candidates);
        var options = new CnnSweepOptions
        {
            SearchSpace = _space.Read(parse, useImages),
            Trials = cap,
            Seed = parse.GetValue(_seed),
            TimeLimit = parse.GetValue(_timeLimit) ?? (cap == null && fixedCount == null ? DefaultTimeLimit : null),
            WarmStart = !parse.GetValue(_noWarmStart),
            Proposer = parse.GetValue(_proposer),
            FixedCandidates = fixedCount,
            Slice = part,
            EnsembleSize = parse.GetValue(_ensemble),
            Refit = part == null,
            Folds = parse.GetValue(_folds),
            ValidationFraction = parse.GetValue(_validationFraction),
            MinEpochs = parse.GetValue(_minEpochs),
            MaxEpochs = parse.GetValue(_maxEpochs),
            ReductionFactor = parse.GetValue(_reduction),
            SuccessiveHalving = !parse.GetValue(_noHalving),
            EarlyStoppingPatience = parse.GetValue(_patience),
            Metric = parse.GetValue(_metric),
            Progress = new SyncProgress<SweepTrialReport>(r => _console.Status(r.ToString())),
            RefitProgress = new SyncProgress<EpochReport>(r => _console.Status("refit " + r)),
            LeaderboardPath = boardPath, // written when the search ends, before the refit
        };
        // The options' own rules between them (--min-epochs above --max-epochs, …), under the command line's names, before any file is read.
        try { options.Validate(); }
        catch (ArgumentException e) { throw new CliUserException(OptionNames.Aggregate(e.Message, (m, n) => Regex.Replace(m, $@"\b{n.Property}\b", n.Option)), e); }

        var ml = CliContext.Create(parse.GetValue(_seed));
        var kind = useImages ? CnnTaskKind.MulticlassClassification : parse.GetValue(_task);
        var (all, swept, held) = Load(parse, ml, kind);

        using var cancel = new CancellationTokenSource();
        options.CancellationToken = cancel.Token;
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        System.Console.CancelKeyPress += onCancel;
        CnnSweepResult result;
        // The data and the settings are the user's: what the trainer refuses (too few rows or classes, …) is theirs to fix.
        try { result = CliErrors.UserInput(() => useImages ? CnnSweep.Images(ml, swept, _images.Settings(parse), options) : CnnSweep.Sequences(ml, swept, SequenceSettings(parse, kind), options)); }
        catch (OperationCanceledException e)
        {
            _console.Error.WriteLine("cancelled: " + e.Message);
            return 130;
        }
        finally { System.Console.CancelKeyPress -= onCancel; }

        string? plotPath = parse.GetValue(_plot)?.FullName ?? (modelPath == null ? null : Path.ChangeExtension(modelPath, ".progress.png"));
        if (plotPath != null && result.History.Count > 0) SweepProgressPlot.Write(result, plotPath);
        if (result.Model != null) ml.Model.SaveCnn(result.Model, all.Schema, modelPath!);
        var best = result.Best;
        var extra = new List<(string, object)>
        {
            ("leaderboard", boardPath!), ("bestTrial", best.Id), ("bestOptions", best.Options.ToString()),
            ("validation" + Capitalised(result.Leaderboard.Metric.Name), best.Mean), ("trials", result.Candidates),
            ("stopReason", result.StopReason.ToString()), ("searchSeconds", Math.Round(result.SearchTime.TotalSeconds, 1)),
            ("refitSeconds", Math.Round(result.RefitTime.TotalSeconds, 1)),
        };
        if (result.Model != null) extra.InsertRange(0, [("model", modelPath!), ("refitEpochs", result.RefitOptions!.Epochs)]);
        if (plotPath != null && result.History.Count > 0) extra.Add(("plot", plotPath));
        bool asJson = parse.GetValue(_json);
        if (!asJson)
        {
            _console.Line($"leaderboard ({result.Leaderboard.Metric.Name} on {(options.Folds >= 2 ? $"{options.Folds}-fold cross-validation" : "the validation split")}):");
            _console.Line(result.Leaderboard.ToTable().TrimEnd());
            _console.Line($"{result.StopDescription} after {result.SearchTime.TotalSeconds:F0} s of search"
                + (result.Model != null ? $"; the refit took {result.RefitTime.TotalSeconds:F0} s more." : "."));
            foreach (string note in result.Notes) _console.Line("note: " + note);
        }
        Report(held != null && result.Model != null ? Evaluate(ml, result.Model, held) : null, asJson, extra);
        return 0;
    }

    private int Merge(ParseResult parse, FileInfo[] boards)
    {
        // The leaderboards are the user's files: ones that do not belong together are refused naming them.
        var merged = CliErrors.UserInput(() => SweepLeaderboard.Merge(boards.Select(b => b.FullName)));
        if (parse.GetValue(_leaderboard) is { } target) merged.WriteCsv(target.FullName);
        var best = merged.Best ?? throw new CliUserException($"None of the {merged.Trials.Count} merged trials completed, so there is no winner to refit.");
        bool asJson = parse.GetValue(_json);
        if (!asJson)
        {
            _console.Line($"merged leaderboard of {boards.Length} file(s) ({merged.Metric.Name}):");
            _console.Line(merged.ToTable().TrimEnd());
        }
        var extra = new List<(string, object)> { ("bestTrial", best.Id), ("bestOptions", best.Options.ToString()), ("validation" + Capitalised(merged.Metric.Name), best.Mean), ("trials", merged.Trials.Count) };
        SequenceMetrics? heldMetrics = null;
        if (parse.GetValue(_data.Data) != null || parse.GetValue(_images.Images) != null)
        {
            string modelPath = parse.GetValue(_model)!.FullName;
            int seed = parse.GetValue(_seed);
            var ml = CliContext.Create(seed);
            bool useImages = _images.UseImages(parse);
            var kind = useImages ? CnnTaskKind.MulticlassClassification : parse.GetValue(_task);
            var (all, swept, held) = Load(parse, ml, kind);
            var refitted = CliErrors.UserInput(() => useImages ? CnnSweep.RefitImages(ml, swept, _images.Settings(parse), merged, seed)
                : CnnSweep.RefitSequences(ml, swept, SequenceSettings(parse, kind), merged, seed));
            ml.Model.SaveCnn(refitted, all.Schema, modelPath);
            extra.Insert(0, ("model", modelPath));
            if (held != null) heldMetrics = Evaluate(ml, refitted, held);
        }
        Report(heldMetrics, asJson, extra);
        return 0;
    }

    private (IDataView All, IDataView Swept, IDataView? Held) Load(ParseResult parse, MLContext ml, CnnTaskKind kind)
    {
        bool useImages = _images.UseImages(parse);
        double test = parse.GetValue(_testFraction);
        var testFolder = parse.GetValue(_images.TestImages);
        var all = useImages ? _images.Load(ml, parse, requireLabels: true, minimumClasses: 2) : _data.Load(ml, parse, SequenceModels.LabelKindFor(kind));
        var (swept, held) = testFolder != null ? (all, _images.Load(ml, parse, requireLabels: true, directory: testFolder))
            : test > 0 ? TrainCommand.Split(ml, all, test, parse.GetValue(_seed)) : (all, null);
        return (all, swept, held);
    }

    private static SequenceMetrics Evaluate(MLContext ml, ITransformer trained, IDataView held) =>
        CliErrors.UserInput(() => SequenceModels.Evaluate(ml, trained, held));

    private void Report(SequenceMetrics? metrics, bool asJson, List<(string, object)> extra)
    {
        if (metrics != null) MetricsWriter.Write(_console, metrics, asJson, [.. extra]);
        else if (asJson) _console.Line(JsonSerializer.Serialize(extra.ToDictionary(e => e.Item1, e => e.Item2)));
        else foreach (var (key, value) in extra) _console.Line($"{key}: {value}");
    }

    private SequenceTrainingSettings SequenceSettings(ParseResult parse, CnnTaskKind kind)
    {
        var settings = new SequenceTrainingSettings { Task = kind, Length = parse.GetValue(_length) };
        _strands.Apply(parse, settings);
        return settings;
    }

    private static readonly (string Property, string Option)[] OptionNames =
    [
        (nameof(CnnSweepOptions.Trials), "--trials"), (nameof(CnnSweepOptions.MinEpochs), "--min-epochs"), (nameof(CnnSweepOptions.MaxEpochs), "--max-epochs"),
        (nameof(CnnSweepOptions.ReductionFactor), "--reduction-factor"), (nameof(CnnSweepOptions.ValidationFraction), "--validation-fraction"),
        (nameof(CnnSweepOptions.Folds), "--folds"), (nameof(CnnSweepOptions.EnsembleSize), "--ensemble"), (nameof(CnnSweepOptions.FixedCandidates), "--candidates"),
        (nameof(CnnSweepOptions.Slice), "--slice"), (nameof(CnnSweepOptions.TimeLimit), "--time-limit"),
    ];

    private const int DefaultMaxEpochs = 20;

    private static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(10);

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
