using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Onnx;
using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet export-onnx</c>: writes a saved model's network (and, for sequence models, its
/// one-hot encoding) as an ONNX file, and optionally the stock ML.NET scoring pipeline
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
            var cnn = CnnModelInput.Of(ml.Model.LoadCnn(parse.GetValue(model)!.FullName, out _)).Cnn.Model;
            var options = new CnnOnnxExportOptions
            {
                Input = ParseInput(parse.GetValue(input), cnn.Input.Encoding != null),
                UnknownCharacters = ParseUnknown(parse.GetValue(unknown)),
            };
            if (options.Input == OnnxInputKind.CharacterKeys && options.UnknownCharacters == null
                && cnn.Input.Encoding?.UnknownCharacters == UnknownCharacterPolicy.Error)
                throw new ArgumentException("the model's encoding rejects characters outside its alphabet, which an ONNX graph cannot do; add --unknown-characters zeros "
                    + "(the graph then encodes them as zeros and counts them in an UnknownCharacters output) or export with --input features.");
            string onnx = parse.GetValue(output)!.FullName;
            if (parse.GetValue(zip) is { } zipFile)
            {
                if (options.Input != OnnxInputKind.CharacterKeys)
                    throw new ArgumentException("--mlnet-zip builds the character-key pipeline; it needs a sequence model and --input characters.");
                StockScoringPipeline.Save(ml, cnn, onnx, zipFile.FullName, parse.GetValue(column)!, options);
                console.Status($"wrote {onnx} and {zipFile.FullName} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion})");
                return 0;
            }
            CnnOnnx.Export(cnn, onnx, options);
            console.Status($"wrote {onnx} (ONNX opset {OnnxVersions.Opset}, IR {OnnxVersions.IrVersion}, input {(options.Input == OnnxInputKind.CharacterKeys ? "character keys" : "features")})");
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
