using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines.Images;
using Cnn.MLNet.Pipelines.Sweeps;
using Cnn.MLNet.Pipelines.Training;
using Cnn.MLNet.Trainers.Tasks;
using Cnn.MLNet.Trainers.Training;
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
        var trials = new Option<int>("--trials") { HelpName = "N", Description = "Configurations to draw and try.", DefaultValueFactory = _ => 12 };
        var timeLimit = new Option<string?>("--time-limit") { HelpName = "DURATION", Description = "Wall-time budget of the search, e.g. 90s, 10m, 1h30m; the refit comes after it. Default: none." };
        var seed = new Option<int>("--seed") { Description = "Seeds the draws, the splits and the training: the same seed gives the same leaderboard.", DefaultValueFactory = _ => 1 };
        var folds = new Option<int>("--folds") { HelpName = "K", Description = "Evaluate each trial by K-fold cross-validation (K ≥ 2); 0 uses one validation split.", DefaultValueFactory = _ => 0 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "The validation split's fraction (without --folds).", DefaultValueFactory = _ => 0.2 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Rows held out of the sweep to report the refitted winner on (0 = none; --test-images gives a folder instead).", DefaultValueFactory = _ => 0.2 };
        var minEpochs = new Option<int>("--min-epochs") { Description = "Epochs of the first successive-halving rung.", DefaultValueFactory = _ => 2 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epochs of the last rung.", DefaultValueFactory = _ => 18 };
        var reduction = new Option<int>("--reduction-factor") { HelpName = "ETA", Description = "Keep the best 1/ETA of each rung and train them ETA times longer.", DefaultValueFactory = _ => 3 };
        var noHalving = new Option<bool>("--no-halving") { Description = "Plain random search: every trial trains --max-epochs." };
        var patience = new Option<int>("--patience") { Description = "Early-stopping patience within a trial (epochs without a better validation loss).", DefaultValueFactory = _ => 3 };
        var metric = new Option<string?>("--metric") { Description = "Rank by: auc (binary default), accuracy, auprc, f1, logLoss; microAccuracy (multiclass default), macroAccuracy; rSquared (regression default), rmse, mae." };
        var model = new Option<FileInfo>("--model") { Description = "Where to save the refitted winner.", Required = true };
        var leaderboard = new Option<FileInfo?>("--leaderboard") { Description = "Where to write the leaderboard CSV. Default: next to --model, as NAME.leaderboard.csv." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table and metrics." };
        var space = new SearchSpaceOptions();
        var strands = new StrandOptions();

        var command = new Command("sweep", "Search network shapes and training options for labelled sequences (--data) or images (--images) "
            + "(random search with successive halving), "
            + "then refit the best on all the swept rows and save it.");
        data.AddTo(command);
        images.AddTo(command);
        foreach (var option in new Option[] { task, length, trials, timeLimit, seed, folds, validationFraction, testFraction, minEpochs, maxEpochs, reduction, noHalving, patience, metric, model, leaderboard, json })
            command.Options.Add(option);
        space.AddTo(command);
        foreach (var option in new Option[] { strands.ReverseComplementAugment, strands.ReverseComplementAverage, strands.Shift }) command.Options.Add(option);

        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            Option[] sequenceOnly = [.. parse.GetValue(task) is "multiclass" ? [length] : new Option[] { task, length },
                strands.ReverseComplementAugment, strands.ReverseComplementAverage, strands.Shift]; // images are multiclass
            bool useImages = images.UseImages(parse, data, sequenceOnly);
            int s = parse.GetValue(seed);
            double test = parse.GetValue(testFraction);
            var testFolder = parse.GetValue(images.TestImages);
            if (testFolder != null && parse.Given(testFraction)) throw new ArgumentException("Give --test-fraction or --test-images, not both.");
            if (!(test >= 0 && test < 1)) throw new ArgumentException($"--test-fraction must be at least 0 and below 1 (was {test}).");
            var options = new CnnSweepOptions
            {
                SearchSpace = space.Read(parse, useImages), Trials = parse.GetValue(trials), Seed = s,
                TimeLimit = parse.GetValue(timeLimit) is { } limit ? Durations.Parse(limit, "--time-limit") : null,
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

            var ml = new MLContext(s);
            var kind = useImages ? CnnTaskKind.MulticlassClassification : TaskNames.Parse(parse.GetValue(task)!);
            try { SweepMetric.For(kind, options.Metric); }
            catch (ArgumentException e) { throw new ArgumentException("--metric: " + e.Message, e); }
            string modelPath = parse.GetValue(model)!.FullName;
            string boardPath = parse.GetValue(leaderboard)?.FullName ?? Path.ChangeExtension(modelPath, ".leaderboard.csv");
            options.LeaderboardPath = boardPath; // written when the search ends, before the refit
            var all = useImages ? images.Load(ml, parse, requireLabels: true, minimumClasses: 2) : data.Load(ml, parse, SequenceModels.LabelKindFor(kind));
            var (swept, held) = testFolder != null ? (all, images.Load(ml, parse, requireLabels: true, directory: testFolder))
                : test > 0 ? TrainCommand.Split(ml, all, test, s) : (all, null);

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

            ml.Model.SaveCnn(result.Model!, all.Schema, modelPath);
            var best = result.Best;
            (string, object)[] extra =
            [
                ("model", modelPath), ("leaderboard", boardPath), ("bestTrial", best.Id), ("bestOptions", result.RefitOptions!.ToString()),
                ("refitEpochs", result.RefitOptions.Epochs), ("validation" + Capitalised(result.Leaderboard.Metric.Name), best.Mean),
                ("trials", result.Candidates), ("timeLimitReached", result.TimeLimitReached), ("seconds", Math.Round(result.Elapsed.TotalSeconds, 1)),
            ];
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                console.Line($"leaderboard ({result.Leaderboard.Metric.Name} on {(options.Folds >= 2 ? $"{options.Folds}-fold cross-validation" : "the validation split")}):");
                console.Line(result.Leaderboard.ToTable().TrimEnd());
                if (result.TimeLimitReached) console.Line("The time limit ended the search early; the table ranks what finished.");
            }
            if (held != null)
                MetricsWriter.Write(console, useImages ? ImageModels.Evaluate(ml, result.Model!, held) : SequenceModels.Evaluate(ml, result.Model!, held), asJson, extra);
            else if (asJson) console.Line(JsonSerializer.Serialize(extra.ToDictionary(e => e.Item1, e => e.Item2)));
            else foreach (var (key, value) in extra) console.Line($"{key}: {value}");
            return 0;
        }));
        return command;

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
        (nameof(CnnSweepOptions.Folds), "--folds"),
    ];

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1 (was {value}).");

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
