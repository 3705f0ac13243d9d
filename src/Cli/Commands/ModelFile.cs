using Cnn.MLNet.Cli.Console;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>The <c>--model</c> file the user names: a file that is not a saved model is the user's mistake.</summary>
internal static class ModelFile
{
    public static ITransformer Load(MLContext ml, string path) => CliErrors.UserInput(() => ml.Model.LoadCnn(path, out _));
}
