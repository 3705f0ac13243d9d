using Cnn.MLNet.Trainers;
using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Onnx;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet export-onnx</c>: writes a saved model's network (and, for sequence models, its
/// one-hot encoding) as an ONNX file — an ensemble as one graph that averages its members — and optionally the stock ML.NET scoring pipeline
/// (TokenizeIntoCharactersAsKeys → ApplyOnnxModel) as a model zip that loads without TorchSharp.
/// </summary>
internal static class ExportOnnxCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The ONNX file to write.", Required = true };
        var zip = new Option<FileInfo?>("--mlnet-zip") { Description = "Also save the stock ML.NET scoring pipeline (character tokenizer → ApplyOnnxModel) as a model zip; sequence models only." };
        var input = new Option<string?>("--input") { Description = "The graph's input: 'characters' (ML.NET character keys; the graph encodes; default for sequence models) or 'features' (the encoded feature vector; default for image models)." };
        var unknown = new Option<string?>("--unknown-characters") { Description = "'zeros' to encode characters outside the alphabet as zeros in the graph (and count them in an UnknownCharacters output) when the model's encoding refuses them." };
        var column = new Option<string>("--sequence-column") { Description = "The text column the --mlnet-zip pipeline reads.", DefaultValueFactory = _ => "Sequence" };
        var command = new Command("export-onnx", "Export a saved model to ONNX (and optionally a stock ML.NET scoring zip).");
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(zip);
        command.Options.Add(input);
        command.Options.Add(unknown);
        command.Options.Add(column);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var ml = new MLContext(seed: 1);
            var loaded = ml.Model.LoadCnn(parse.GetValue(model)!.FullName, out _);
            // An ensemble exports as one graph over its members' networks; a single model as its network.
            var networks = CnnChain.FindEnsemble(loaded) is { } ensemble
                ? ensemble.MemberNetworks.Select(n => n.Model).ToArray()
                : [CnnModelInput.Of(loaded).Cnn.Model];
            bool sequences = networks.All(n => n.Input.Encoding != null);
            var options = new CnnOnnxExportOptions
            {
                Input = ParseInput(parse.GetValue(input), sequences),
                UnknownCharacters = ParseUnknown(parse.GetValue(unknown)),
            };
            if (options.Input == OnnxInputKind.CharacterKeys && options.UnknownCharacters == null
                && networks.Any(n => n.Input.Encoding?.UnknownCharacters == UnknownCharacterPolicy.Error))
                throw new ArgumentException("the model's encoding rejects characters outside its alphabet, which an ONNX graph cannot do; add --unknown-characters zeros "
                    + "(the graph then encodes them as zeros and counts them in an UnknownCharacters output) or export with --input features.");
            string onnx = parse.GetValue(output)!.FullName;
            string kind = networks.Length > 1 ? $", an ensemble of {networks.Length} members" : "";
            if (parse.GetValue(zip) is { } zipFile)
            {
                if (options.Input != OnnxInputKind.CharacterKeys)
                    throw new ArgumentException("--mlnet-zip builds the character-key pipeline; it needs a sequence model and --input characters.");
                if (networks.Length > 1) StockScoringPipeline.SaveEnsemble(ml, networks, onnx, zipFile.FullName, parse.GetValue(column)!, options);
                else StockScoringPipeline.Save(ml, networks[0], onnx, zipFile.FullName, parse.GetValue(column)!, options);
                console.Status($"wrote {onnx} and {zipFile.FullName} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion}{kind})");
                return 0;
            }
            if (networks.Length > 1) CnnOnnx.ExportEnsemble(networks, onnx, options);
            else CnnOnnx.Export(networks[0], onnx, options);
            console.Status($"wrote {onnx} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion}, input {(options.Input == OnnxInputKind.CharacterKeys ? "character keys" : "features")}{kind})");
            return 0;
        }));
        return command;
    }

    private static OnnxInputKind ParseInput(string? text, bool isSequenceModel) => text?.ToLowerInvariant() switch
    {
        null => isSequenceModel ? OnnxInputKind.CharacterKeys : OnnxInputKind.Features,
        "characters" => OnnxInputKind.CharacterKeys,
        "features" => OnnxInputKind.Features,
        _ => throw new ArgumentException($"--input '{text}' is not one of: characters, features."),
    };

    private static UnknownCharacterPolicy? ParseUnknown(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "zeros" => UnknownCharacterPolicy.Zeros,
        _ => throw new ArgumentException($"--unknown-characters '{text}' is not 'zeros' (the only policy a graph can apply)."),
    };
}
