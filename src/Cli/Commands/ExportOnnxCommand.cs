using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Onnx;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet export-onnx</c>: writes a saved model's network (and, for sequence models, its
/// one-hot encoding) as an ONNX file — an ensemble as one graph that averages its members — and optionally the stock ML.NET scoring pipeline
/// (TokenizeIntoCharactersAsKeys → ApplyOnnxModel) as a model zip that loads without TorchSharp.
/// </summary>
internal sealed class ExportOnnxCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The ONNX file to write.", Required = true };
    private readonly Option<FileInfo?> _zip = new("--mlnet-zip") { HelpName = "FILE", Description = "Also save the stock ML.NET scoring pipeline (character tokenizer → ApplyOnnxModel) as a model zip; sequence models only." };
    private readonly Option<OnnxInputKind?> _input = Choices.Of<OnnxInputKind?>("--input",
        "The graph's input: 'characters' (ML.NET character keys; the graph encodes; default for sequence models) or 'features' (the encoded feature vector; default for image models).",
        [("characters", OnnxInputKind.CharacterKeys), ("features", OnnxInputKind.Features)]);
    private readonly Option<UnknownCharacterPolicy?> _unknown = Choices.Of<UnknownCharacterPolicy?>("--unknown-characters",
        "'zeros' to encode characters outside the alphabet as zeros in the graph (and count them in an UnknownCharacters output) when the model's encoding refuses them "
        + "(the only policy a graph can apply).",
        [("zeros", UnknownCharacterPolicy.Zeros)]);
    private readonly Option<string> _column = new("--sequence-column") { Description = "The text column the --mlnet-zip pipeline reads.", DefaultValueFactory = _ => "Sequence" };

    private ExportOnnxCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new ExportOnnxCommand(console).Build();

    private Command Build()
    {
        var command = new Command("export-onnx", "Export a saved model to ONNX (and optionally a stock ML.NET scoring zip).")
        {
            _model, _output, _zip, _input, _unknown, _column,
        };
        command.Needs(_column, _zip, "(the column its pipeline reads)");
        command.SetAction(parse => CliErrors.Run(_console, () => Export(parse)));
        return command;
    }

    private int Export(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        var loaded = ModelFile.Load(ml, parse.GetValue(_model)!.FullName);
        // An ensemble exports as one graph over its members' networks; a single model as its network.
        var networks = CnnChain.FindEnsemble(loaded) is { } ensemble
            ? ensemble.MemberNetworks.Select(n => n.Model).ToArray()
            : [CnnModelInput.Of(loaded).Cnn.Model];
        bool sequences = networks.All(n => n.Input.Encoding != null);
        var options = new CnnOnnxExportOptions
        {
            Input = parse.GetValue(_input) ?? (sequences ? OnnxInputKind.CharacterKeys : OnnxInputKind.Features),
            UnknownCharacters = parse.GetValue(_unknown),
        };
        if (options.Input == OnnxInputKind.CharacterKeys && options.UnknownCharacters == null
            && networks.Any(n => n.Input.Encoding?.UnknownCharacters == UnknownCharacterPolicy.Error))
            throw new CliUserException("the model's encoding rejects characters outside its alphabet, which an ONNX graph cannot do; add --unknown-characters zeros "
                + "(the graph then encodes them as zeros and counts them in an UnknownCharacters output) or export with --input features.");
        string onnx = parse.GetValue(_output)!.FullName;
        string kind = networks.Length > 1 ? $", an ensemble of {networks.Length} members" : "";
        if (parse.GetValue(_zip) is { } zipFile)
        {
            if (options.Input != OnnxInputKind.CharacterKeys)
                throw new CliUserException("--mlnet-zip builds the character-key pipeline; it needs a sequence model and --input characters.");
            string column = parse.GetValue(_column)!;
            CliErrors.UserInput(() =>
            {
                if (networks.Length > 1) StockScoringPipeline.SaveEnsemble(ml, networks, onnx, zipFile.FullName, column, options);
                else StockScoringPipeline.Save(ml, networks[0], onnx, zipFile.FullName, column, options);
            });
            _console.Status($"wrote {onnx} and {zipFile.FullName} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion}{kind})");
            return 0;
        }
        // What a graph cannot express for this model (an input kind, a layer) is refused naming it.
        CliErrors.UserInput(() =>
        {
            if (networks.Length > 1) CnnOnnx.ExportEnsemble(networks, onnx, options);
            else CnnOnnx.Export(networks[0], onnx, options);
        });
        _console.Status($"wrote {onnx} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion}, input {(options.Input == OnnxInputKind.CharacterKeys ? "character keys" : "features")}{kind})");
        return 0;
    }
}
