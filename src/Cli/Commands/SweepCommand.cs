using System.CommandLine;
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
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions(required: false);
        var images = new ImageOptions(training: true);
        var task = new Option<string>("--task") { Description = "binary, multiclass or regression.", DefaultValueFactory = _ => "binary" };
        var length = new Option<int?>("--length") { Description = "Sequence length (pad/truncate); default: the longest sequence." };
        var trials = new Option<int?>("--trials") { HelpName = "N", Description = "A cap on the configurations started (presets included); with it, one seed gives one leaderboard. Default: none, the time limit decides." };
        var timeLimit = new Option<string?>("--time-limit") { HelpName = "DURATION", Description = "Wall-time budget of the search, e.g. 90s, 10m, 1h30m: trials keep starting until it is spent; the refit comes after it. Default: 10m unless --trials or --candidates is given." };
        var proposer = new Option<string>("--proposer") { Description = "How configurations are proposed after the presets: tpe (a tree-structured Parzen estimator) or random.", DefaultValueFactory = _ => "tpe" };
        var noWarmStart = new Option<bool>("--no-warm-start") { Description = "Do not start with the default network and the other presets that fit (each with and without reverse-complement handling for DNA/RNA)." };
        var ensemble = new Option<int>("--ensemble") { HelpName = "K", Description = "Refit the best K full-budget trials and save them as one averaged ensemble model.", DefaultValueFactory = _ => 1 };
        var candidates = new Option<int?>("--candidates") { HelpName = "N", Description = "Fixed-candidate mode: evaluate a seeded list of N candidates (presets, then random draws) at --max-epochs, no halving; with --slice, one part of it." };
        var slice = new Option<string?>("--slice") { HelpName = "I/N", Description = "With --candidates: evaluate only slice I of N (candidates I, I+N, …) and write its leaderboard, without a refit; merge slices with --merge." };
        var merge = new Option<FileInfo[]>("--merge") { HelpName = "CSV", Description = "Rank the leaderboards of a fixed-candidate sweep's slices as one; with --data and --model, refit the winner.", AllowMultipleArgumentsPerToken = true };
        var plot = new Option<FileInfo?>("--plot") { Description = "Where to write the PNG of the metric against search time (best full-budget result so far). Default: next to --model, as NAME.progress.png." };
        var seed = new Option<int>("--seed") { Description = "Seeds the draws, the splits and the training: the same seed gives the same leaderboard.", DefaultValueFactory = _ => 1 };
        var folds = new Option<int>("--folds") { HelpName = "K", Description = "Evaluate each trial by K-fold cross-validation (K ≥ 2); 0 uses one validation split.", DefaultValueFactory = _ => 0 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "The validation split's fraction (without --folds).", DefaultValueFactory = _ => 0.2 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Rows held out of the sweep to report the refitted winner on (0 = none; --test-images gives a folder instead).", DefaultValueFactory = _ => 0.2 };
        var minEpochs = new Option<int?>("--min-epochs") { Description = "Epochs of the first successive-halving rung. Default: from the data size and the default network's learning curve." };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epochs of the last rung: the full budget, where presets and the winner train (with early stopping).", DefaultValueFactory = _ => 20 };
        var reduction = new Option<int>("--reduction-factor") { HelpName = "ETA", Description = "Keep the best 1/ETA of each rung and train them ETA times longer.", DefaultValueFactory = _ => 3 };
        var noHalving = new Option<bool>("--no-halving") { Description = "No successive halving: every trial trains --max-epochs." };
        var patience = new Option<int>("--patience") { Description = "Early-stopping patience within a trial (epochs without a better validation loss).", DefaultValueFactory = _ => 3 };
        var metric = new Option<string?>("--metric") { Description = "Rank by: auc (binary default), accuracy, auprc, f1, logLoss; microAccuracy (multiclass default), macroAccuracy; rSquared (regression default), rmse, mae." };
        var model = new Option<FileInfo?>("--model") { Description = "Where to save the refitted winner (required except for a --slice or a --merge without --data)." };
        var leaderboard = new Option<FileInfo?>("--leaderboard") { Description = "Where to write the leaderboard CSV. Default: next to --model, as NAME.leaderboard.csv." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table and metrics." };
        var space = new SearchSpaceOptions();
        var strands = new StrandOptions();

        var command = new Command("sweep", "Search network shapes and training options for labelled sequences (--data) or images (--images) "
            + "within a time budget (presets first, then a model-based search with asynchronous successive halving), "
            + "then refit the best on all the swept rows and save it.");
        data.AddTo(command);
        images.AddTo(command);
        foreach (var option in new Option[] { task, length, trials, timeLimit, proposer, noWarmStart, ensemble, candidates, slice, merge, plot, seed, folds, validationFraction, testFraction, minEpochs, maxEpochs, reduction, noHalving, patience, metric, model, leaderboard, json })
            command.Options.Add(option);
        space.AddTo(command);
        foreach (var option in new Option[] { strands.ReverseComplementAugment, strands.ReverseComplementAverage, strands.Shift }) command.Options.Add(option);

        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            Option[] sequenceOnly = [.. parse.GetValue(task) is "multiclass" ? [length] : new Option[] { task, length },
                strands.ReverseComplementAugment, strands.ReverseComplementAverage, strands.Shift]; // images are multiclass
            string? modelPath = parse.GetValue(model)?.FullName;
            string? boardPath = parse.GetValue(leaderboard)?.FullName ?? (modelPath == null ? null : Path.ChangeExtension(modelPath, ".leaderboard.csv"));
            var boards = parse.GetValue(merge) ?? [];
            if (boards.Length > 0) return Merge(parse, boards, modelPath, sequenceOnly);
            bool useImages = images.UseImages(parse, data, sequenceOnly);
            int s = parse.GetValue(seed);
            double test = parse.GetValue(testFraction);
            var testFolder = parse.GetValue(images.TestImages);
            if (testFolder != null && parse.Given(testFraction)) throw new ArgumentException("Give --test-fraction or --test-images, not both.");
            if (!(test >= 0 && test < 1)) throw new ArgumentException($"--test-fraction must be at least 0 and below 1 (was {test}).");
            var part = parse.GetValue(slice) is { } sliceText ? ParseSlice(sliceText) : ((int, int)?)null;
            int? cap = parse.GetValue(trials), fixedCount = parse.GetValue(candidates);
            var options = new CnnSweepOptions
            {
                SearchSpace = space.Read(parse, useImages), Trials = cap, Seed = s,
                TimeLimit = parse.GetValue(timeLimit) is { } limit ? Durations.Parse(limit, "--time-limit")
                    : cap == null && fixedCount == null ? DefaultTimeLimit : null,
                WarmStart = !parse.GetValue(noWarmStart), Proposer = ParseProposer(parse.GetValue(proposer)!),
                FixedCandidates = fixedCount, Slice = part, EnsembleSize = parse.GetValue(ensemble), Refit = part == null,
                Folds = parse.GetValue(folds), ValidationFraction = parse.GetValue(validationFraction),
                MinEpochs = parse.GetValue(minEpochs), MaxEpochs = parse.GetValue(maxEpochs),
                ReductionFactor = parse.GetValue(reduction), SuccessiveHalving = !parse.GetValue(noHalving),
                EarlyStoppingPatience = Positive(parse.GetValue(patience), "--patience"), Metric = parse.GetValue(metric),
                Progress = new SyncProgress<SweepTrialReport>(r => console.Status(r.ToString())),
                RefitProgress = new SyncProgress<EpochReport>(r => console.Status("refit " + r)),
            };
            if (options.Folds is < 0 or 1) throw new ArgumentException($"--folds must be 0 (one validation split) or at least 2 (was {options.Folds}).");
            // The options' own rules, reported under the command line's names (before any file is read).
            try { options.Validate(); }
            catch (ArgumentException e) { throw new ArgumentException(OptionNames.Aggregate(e.Message, (m, n) => Regex.Replace(m, $@"\b{n.Property}\b", n.Option)), e); }
            if (part != null && boardPath == null) throw new ArgumentException("A --slice writes only its leaderboard: give --leaderboard.");
            if (part == null && modelPath == null) throw new ArgumentException("Give --model: where to save the refitted winner.");

            var ml = new MLContext(s);
            var kind = useImages ? CnnTaskKind.MulticlassClassification : TaskNames.Parse(parse.GetValue(task)!);
            try { SweepMetric.For(kind, options.Metric); }
            catch (ArgumentException e) { throw new ArgumentException("--metric: " + e.Message, e); }
            options.LeaderboardPath = boardPath; // written when the search ends, before the refit
            var (all, swept, held) = Load(parse, ml, kind);

            using var cancel = new CancellationTokenSource();
            options.CancellationToken = cancel.Token;
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            System.Console.CancelKeyPress += onCancel;
            CnnSweepResult result;
            try { result = useImages ? CnnSweep.Images(ml, swept, images.Settings(parse), options) : CnnSweep.Sequences(ml, swept, SequenceSettings(parse, kind), options); }
            catch (OperationCanceledException e)
            {
                console.Error.WriteLine("cancelled: " + e.Message);
                return 130;
            }
            finally { System.Console.CancelKeyPress -= onCancel; }

            string? plotPath = parse.GetValue(plot)?.FullName ?? (modelPath == null ? null : Path.ChangeExtension(modelPath, ".progress.png"));
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
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                console.Line($"leaderboard ({result.Leaderboard.Metric.Name} on {(options.Folds >= 2 ? $"{options.Folds}-fold cross-validation" : "the validation split")}):");
                console.Line(result.Leaderboard.ToTable().TrimEnd());
                console.Line($"{result.StopDescription} after {result.SearchTime.TotalSeconds:F0} s of search"
                    + (result.Model != null ? $"; the refit took {result.RefitTime.TotalSeconds:F0} s more." : "."));
                foreach (string note in result.Notes) console.Line("note: " + note);
            }
            Report(held != null && result.Model != null ? Evaluate(ml, result.Model, held) : null, asJson, extra);
            return 0;
        }));
        return command;

        int Merge(ParseResult parse, FileInfo[] boards, string? modelPath, Option[] sequenceOnly)
        {
            var merged = SweepLeaderboard.Merge(boards.Select(b => b.FullName));
            if (parse.GetValue(leaderboard) is { } target) merged.WriteCsv(target.FullName);
            var best = merged.Best ?? throw new ArgumentException($"None of the {merged.Trials.Count} merged trials completed, so there is no winner to refit.");
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                console.Line($"merged leaderboard of {boards.Length} file(s) ({merged.Metric.Name}):");
                console.Line(merged.ToTable().TrimEnd());
            }
            var extra = new List<(string, object)> { ("bestTrial", best.Id), ("bestOptions", best.Options.ToString()), ("validation" + Capitalised(merged.Metric.Name), best.Mean), ("trials", merged.Trials.Count) };
            SequenceMetrics? heldMetrics = null;
            if (parse.GetValue(data.Data) != null || parse.GetValue(images.Images) != null)
            {
                if (modelPath == null) throw new ArgumentException("Give --model: where to save the merged sweep's refitted winner.");
                var ml = new MLContext(parse.GetValue(seed));
                bool useImages = images.UseImages(parse, data, sequenceOnly);
                var kind = useImages ? CnnTaskKind.MulticlassClassification : TaskNames.Parse(parse.GetValue(task)!);
                var (all, swept, held) = Load(parse, ml, kind);
                var refitted = useImages ? CnnSweep.RefitImages(ml, swept, images.Settings(parse), merged, parse.GetValue(seed))
                    : CnnSweep.RefitSequences(ml, swept, SequenceSettings(parse, kind), merged, parse.GetValue(seed));
                ml.Model.SaveCnn(refitted, all.Schema, modelPath);
                extra.Insert(0, ("model", modelPath));
                if (held != null) heldMetrics = Evaluate(ml, refitted, held);
            }
            Report(heldMetrics, asJson, extra);
            return 0;
        }

        (IDataView All, IDataView Swept, IDataView? Held) Load(ParseResult parse, MLContext ml, CnnTaskKind kind)
        {
            bool useImages = parse.GetValue(images.Images) != null;
            int s = parse.GetValue(seed);
            double test = parse.GetValue(testFraction);
            var testFolder = parse.GetValue(images.TestImages);
            var all = useImages ? images.Load(ml, parse, requireLabels: true, minimumClasses: 2) : data.Load(ml, parse, SequenceModels.LabelKindFor(kind));
            var (swept, held) = testFolder != null ? (all, images.Load(ml, parse, requireLabels: true, directory: testFolder))
                : test > 0 ? TrainCommand.Split(ml, all, test, s) : (all, null);
            return (all, swept, held);
        }

        SequenceMetrics Evaluate(MLContext ml, ITransformer trained, IDataView held) =>
            SequenceModels.Evaluate(ml, trained, held);

        void Report(SequenceMetrics? metrics, bool asJson, List<(string, object)> extra)
        {
            if (metrics != null) MetricsWriter.Write(console, metrics, asJson, [.. extra]);
            else if (asJson) console.Line(JsonSerializer.Serialize(extra.ToDictionary(e => e.Item1, e => e.Item2)));
            else foreach (var (key, value) in extra) console.Line($"{key}: {value}");
        }

        SequenceTrainingSettings SequenceSettings(ParseResult parse, CnnTaskKind kind)
        {
            var settings = new SequenceTrainingSettings { Task = kind, Length = parse.GetValue(length) };
            strands.Apply(parse, settings);
            return settings;
        }
    }

    private static readonly (string Property, string Option)[] OptionNames =
    [
        (nameof(CnnSweepOptions.Trials), "--trials"), (nameof(CnnSweepOptions.MinEpochs), "--min-epochs"), (nameof(CnnSweepOptions.MaxEpochs), "--max-epochs"),
        (nameof(CnnSweepOptions.ReductionFactor), "--reduction-factor"), (nameof(CnnSweepOptions.ValidationFraction), "--validation-fraction"),
        (nameof(CnnSweepOptions.Folds), "--folds"), (nameof(CnnSweepOptions.EnsembleSize), "--ensemble"), (nameof(CnnSweepOptions.FixedCandidates), "--candidates"),
        (nameof(CnnSweepOptions.Slice), "--slice"), (nameof(CnnSweepOptions.TimeLimit), "--time-limit"),
    ];

    private static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(10);

    private static SweepProposer ParseProposer(string text) => text.ToLowerInvariant() switch
    {
        "tpe" => SweepProposer.Tpe,
        "random" => SweepProposer.Random,
        _ => throw new ArgumentException($"--proposer must be tpe or random (was '{text}')."),
    };

    private static (int, int) ParseSlice(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 1 && index <= count)
            return (index, count);
        throw new ArgumentException($"--slice must be I/N with 1 ≤ I ≤ N, e.g. 2/4 (was '{text}').");
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1 (was {value}).");

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
