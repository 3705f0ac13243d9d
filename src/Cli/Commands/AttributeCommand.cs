using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet attribute</c> (alias <c>saliency</c>): attributions of a saved model's prediction for
/// every sequence — simplex-corrected gradient × input by default, in-silico mutagenesis, DeepLIFT/DeepSHAP
/// against dinucleotide shuffles, or integrated gradients — as a TSV of the input's columns followed
/// by <c>Attribution.0 …</c> (per position, or per base and position with <c>--per-base</c>) and, for
/// DeepLIFT and integrated gradients, <c>AttributionError</c>, each row's relative summation error,
/// whose largest value is reported. An ensemble model is explained fold-averaged (every member,
/// averaged) unless <c>--member</c> picks one. <c>--plot DIR</c> also draws a track per sequence.
/// For a k-mer model (<c>train --order k</c>) the values are per k-mer position.
/// </summary>
internal sealed class AttributeCommand
{
    public const string OutputColumn = "Attribution";
    public const string ErrorColumn = "AttributionError";

    private readonly CliConsole _console;
    private readonly DataOptions _data = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<int?> _member = new("--member")
    {
        HelpName = "K",
        Description = "For an ensemble model: explain only this member (0-based); by default every member is explained and the attributions averaged.",
    };
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The TSV file to write.", Required = true };
    private readonly Option<AttributionMethod> _method = Choices.Of("--method",
        "saliency (simplex-corrected gradient × input), ism (in-silico mutagenesis), deeplift (DeepLIFT/DeepSHAP) or ig (integrated gradients).",
        [("saliency", AttributionMethod.Saliency), ("ism", AttributionMethod.InSilicoMutagenesis), ("deeplift", AttributionMethod.DeepLift), ("ig", AttributionMethod.IntegratedGradients)],
        () => AttributionMethod.Saliency);
    private readonly Option<AttributionBaseline> _baseline = Choices.Of("--baseline",
        "What deeplift and ig explain against: auto (deeplift: dinucleotide shuffles of DNA/RNA; ig: zeros), shuffle, zero, uniform (¼ per base) or blur (images).",
        [("auto", AttributionBaseline.Automatic), ("shuffle", AttributionBaseline.DinucleotideShuffle), ("zero", AttributionBaseline.Zero),
         ("uniform", AttributionBaseline.Uniform), ("blur", AttributionBaseline.Blurred)], () => AttributionBaseline.Automatic);
    private readonly Option<int> _references = new Option<int>("--references") { HelpName = "N", Description = "Shuffled references per sequence (deeplift, ig with --baseline shuffle).", DefaultValueFactory = _ => AttributionOptions.DefaultReferences }.AtLeast(1);
    private readonly Option<int> _steps = new Option<int>("--steps") { HelpName = "N", Description = "Path points for integrated gradients.", DefaultValueFactory = _ => AttributionOptions.DefaultSteps }.AtLeast(1);
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the shuffled references.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _perBase = new("--per-base") { Description = "Write one column per base and position (channel-major: A at every position, then C, …) instead of one per position." };
    private readonly Option<bool> _hypothetical = new("--hypothetical") { Description = "Write hypothetical contributions (what each base would contribute at each position; deeplift or saliency, implies --per-base)." };
    private readonly Option<bool> _uncorrected = new("--no-simplex-correction") { Description = "Saliency: plain gradient × input, without subtracting the mean gradient over bases." };
    private readonly Option<int?> _target = new Option<int?>("--target") { Description = "Which output to explain (class index for multiclass; default: the predicted class, or output 0). For profile and binned-track models, the track (default: all tracks)." }.AtLeast(0);
    private readonly Option<TrackAttributionTarget> _trackTarget = Choices.Of("--track-target",
        "For profile models: explain the predicted count (default) or the profile (BPNet's target, weighted by the predicted probabilities).",
        [("count", TrackAttributionTarget.Count), ("profile", TrackAttributionTarget.Profile)], () => TrackAttributionTarget.Count);
    private readonly Option<DirectoryInfo?> _plot = new("--plot") { HelpName = "DIR", Description = "Write an attribution track PNG per sequence into this folder." };
    private readonly Option<int> _plotLimit = new Option<int>("--plot-limit") { Description = "At most this many tracks.", DefaultValueFactory = _ => 20 }.AtLeast(0);

    private AttributeCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new AttributeCommand(console).Build();

    private Command Build()
    {
        var command = new Command("attribute", "Write per-position (or per-base) attributions of a saved model's predictions: saliency, ISM, DeepLIFT/DeepSHAP or integrated gradients.");
        command.Aliases.Add("saliency");
        _data.AddTo(command);
        foreach (var option in new Option[] { _model, _member, _output, _method, _baseline, _references, _steps, _seed, _perBase, _hypothetical, _uncorrected, _target, _trackTarget, _plot, _plotLimit })
            command.Options.Add(option);
        command.Needs(_plotLimit, _plot);
        command.SetAction(parse => CliErrors.Run(_console, () => Attribute(parse)));
        return command;
    }

    private int Attribute(ParseResult parse)
    {
        if (parse.GetValue(_plot) is not null && (parse.GetValue(_perBase) || parse.GetValue(_hypothetical)))
            throw new CliUserException("--plot draws one value per position; leave out --per-base and --hypothetical to plot.");
        var ml = CliContext.Create(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var (split, ensemble) = CnnModelInput.OfOrEnsemble(ModelFile.Load(ml, modelPath), parse.GetValue(_member), "attribute", modelPath);
        var encoded = split.Encode(_data.Load(ml, parse, SequenceLabelKind.None));
        bool hypothetical = parse.GetValue(_hypothetical);
        var options = new AttributionOptions
        {
            Method = parse.GetValue(_method),
            Shape = hypothetical || parse.GetValue(_perBase) ? AttributionShape.PerBase : AttributionShape.PerPosition,
            TargetOutput = parse.GetValue(_target),
            TrackTarget = parse.GetValue(_trackTarget),
            Baseline = parse.GetValue(_baseline),
            References = parse.GetValue(_references),
            Steps = parse.GetValue(_steps),
            Seed = parse.GetValue(_seed),
            Hypothetical = hypothetical,
            SimplexCorrection = !parse.GetValue(_uncorrected),
            OutputColumnName = OutputColumn,
            SummationErrorColumnName = ErrorColumn,
        };
        string path = parse.GetValue(_output)!.FullName;
        // A method the model's encoding does not allow, a --target it does not have and the sequences' errors are the user's.
        var attributed = CliErrors.UserInput(() =>
        {
            var estimator = ensemble is null ? ml.Transforms.ComputeAttributions(split.Cnn, options) : ml.Transforms.ComputeAttributions(ensemble, options);
            var scored = estimator.Fit(encoded).Transform(encoded);
            TsvOutput.Write(ml, TsvOutput.Select(ml, scored, split.Cnn.FeatureColumnName), path);
            return scored;
        });
        if (ensemble is not null) _console.Status($"averaged over the {ensemble.Members.Count} members of the ensemble");
        if (attributed.Schema.GetColumnOrNull(ErrorColumn) is { } errorColumn)
        {
            var errors = attributed.GetColumn<float>(errorColumn).ToList();
            if (errors.Count > 0)
                _console.Status(string.Create(CultureInfo.InvariantCulture, $"summation-to-delta: largest relative error {errors.Max():G3} over {errors.Count} sequence(s)"));
        }
        _console.Status($"wrote {path}");
        if (parse.GetValue(_plot) is { } folder) WriteTracks(attributed, split.Cnn.FeatureColumnName, split.Cnn.Model.Input, folder, parse.GetValue(_plotLimit), _console);
        return 0;
    }

    private static void WriteTracks(IDataView attributed, string featureColumn, InputShape input, DirectoryInfo folder, int limit, CliConsole console)
    {
        folder.Create();
        using var cursor = attributed.GetRowCursor([attributed.Schema[featureColumn], attributed.Schema[OutputColumn]]);
        var readFeatures = cursor.GetGetter<VBuffer<float>>(attributed.Schema[featureColumn]);
        var readScores = cursor.GetGetter<VBuffer<float>>(attributed.Schema[OutputColumn]);
        VBuffer<float> features = default, scores = default;
        int written = 0;
        while (written < limit && cursor.MoveNext())
        {
            readFeatures(ref features);
            readScores(ref scores);
            string file = Path.Combine(folder.FullName, $"saliency-{cursor.Position}.png");
            SaliencyTrack.SavePng(BasesSeen(features.DenseValues().ToArray(), input), scores.DenseValues().ToArray(), file, $"row {cursor.Position}");
            written++;
        }
        console.Status($"wrote {written} track(s) to {folder.FullName}");
    }

    // A k-mer encoding (Order k) has one attribution per k-mer position; position i is the k-mer starting
    // at base i, so each position is labelled with that first base (from the hot k-mer channel's name).
    internal static string BasesSeen(float[] channelMajor, InputShape input)
    {
        if (input.Encoding is not { Order: > 1 } kmers) return BasesSeen(channelMajor, input.Length);
        int positions = kmers.Positions;
        var bases = new char[positions];
        for (int p = 0; p < positions; p++)
        {
            int hot = -1;
            bool zero = true;
            for (int c = 0; c < kmers.ChannelCount; c++)
            {
                float v = channelMajor[c * positions + p];
                if (v != 0) zero = false;
                if (v == 1) hot = c;
            }
            bases[p] = zero ? '-' : hot >= 0 ? kmers.Channels[hot][0] : 'N';
        }
        return new string(bases);
    }

    // The window the model saw, read back from the one-hot encoding: a base where one nucleotide
    // channel is 1, '-' for an all-zero (gap or padding) column, 'N' for anything ambiguous.
    internal static string BasesSeen(float[] channelMajor, int length)
    {
        const string nucleotides = "ACGT";
        var bases = new char[length];
        for (int p = 0; p < length; p++)
        {
            int hot = -1;
            bool zero = true;
            for (int c = 0; c < 4; c++)
            {
                float v = channelMajor[c * length + p];
                if (v != 0) zero = false;
                if (v == 1) hot = c;
            }
            bases[p] = zero ? '-' : hot >= 0 ? nucleotides[hot] : 'N';
        }
        return new string(bases);
    }
}
