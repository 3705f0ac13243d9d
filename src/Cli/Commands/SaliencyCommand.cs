using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet saliency</c>: per-position attributions of a saved model's prediction for every
/// sequence (gradient × input by default, or in-silico mutagenesis), as a TSV of the input's
/// columns followed by <c>Attribution.0 … Attribution.L-1</c>; <c>--plot DIR</c> also draws a track
/// per sequence (the first <c>--plot-limit</c>), labelled with the bases the model saw. For a k-mer
/// model (<c>train --order k</c>) the values are per k-mer position (Length − k + 1 of them; position i
/// is the k-mer starting at base i, labelled with that base); <c>--method ism</c> needs order 1.
/// </summary>
internal sealed class SaliencyCommand
{
    public const string OutputColumn = "Attribution";

    private readonly CliConsole _console;
    private readonly DataOptions _data = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<int?> _member = CnnModelInput.MemberOption();
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The TSV file to write.", Required = true };
    private readonly Option<AttributionMethod> _method = Choices.Of("--method", "saliency (gradient × input) or ism (in-silico mutagenesis).",
        [("saliency", AttributionMethod.Saliency), ("ism", AttributionMethod.InSilicoMutagenesis)], () => AttributionMethod.Saliency);
    private readonly Option<int?> _target = new Option<int?>("--target") { Description = "Which output to explain (class index for multiclass; default: the predicted class, or output 0)." }.AtLeast(0);
    private readonly Option<DirectoryInfo?> _plot = new("--plot") { HelpName = "DIR", Description = "Write a saliency track PNG per sequence into this folder." };
    private readonly Option<int> _plotLimit = new Option<int>("--plot-limit") { Description = "At most this many tracks.", DefaultValueFactory = _ => 20 }.AtLeast(0);

    private SaliencyCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new SaliencyCommand(console).Build();

    private Command Build()
    {
        var command = new Command("saliency", "Write per-position attributions of a saved model's predictions, optionally as PNG tracks.");
        _data.AddTo(command);
        foreach (var option in new Option[] { _model, _member, _output, _method, _target, _plot, _plotLimit }) command.Options.Add(option);
        command.Needs(_plotLimit, _plot);
        command.SetAction(parse => CliErrors.Run(_console, () => Attribute(parse)));
        return command;
    }

    private int Attribute(ParseResult parse)
    {
        var ml = new MLContext(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var split = CnnModelInput.Of(ModelFile.Load(ml, modelPath), parse.GetValue(_member), "saliency", modelPath);
        var encoded = split.Encode(_data.Load(ml, parse, SequenceLabelKind.None));
        string path = parse.GetValue(_output)!.FullName;
        // A method the model's encoding does not allow, a --target it does not have and the sequences' errors are the user's.
        var attributed = CliErrors.UserInput(() =>
        {
            var scored = ml.Transforms.ComputeAttributions(split.Cnn, parse.GetValue(_method), AttributionShape.PerPosition, parse.GetValue(_target), OutputColumn)
                .Fit(encoded).Transform(encoded);
            TsvOutput.Write(ml, TsvOutput.Select(ml, scored, split.Cnn.FeatureColumnName), path);
            return scored;
        });
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
