using System.CommandLine;
using System.Text.RegularExpressions;
using Cnn.MLNet.Cli.Console;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>cnn-mlnet merge ensemble --out FILE MODEL0 MODEL1 …</c>: averages saved models (the fold models of
/// <c>train --folds K --fold I</c> jobs, or any models of one task) into one ensemble file, members in the order
/// given, so that the sharded fold training ends with the same ensemble as <c>train --folds K</c> in one process.
/// </summary>
internal sealed partial class MergeEnsembleCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The ensemble model file to write.", Required = true };
    private readonly Argument<FileInfo[]> _models = new("models")
    {
        HelpName = "MODEL",
        Description = "Two or more model files (train or demo), averaged with equal weight in this order.",
        Arity = ArgumentArity.OneOrMore,
    };

    private MergeEnsembleCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new MergeEnsembleCommand(console).Build();

    private Command Build()
    {
        var command = new Command("ensemble", "Average saved models of one task (e.g. the fold models of train --folds K --fold I) into one ensemble model.")
        {
            _output, _models,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(_models) is { Length: < 2 } given)
                result.AddError($"merge ensemble needs at least 2 models ({given.Length} given); a single model is its own ensemble.");
        });
        command.SetAction(parse => CliErrors.Run(_console, () => Merge(parse)));
        return command;
    }

    private int Merge(ParseResult parse)
    {
        var files = parse.GetValue(_models)!;
        string output = parse.GetValue(_output)!.FullName;
        var ml = CliContext.Create(seed: 1);
        var members = new List<ITransformer>();
        DataViewSchema? schema = null;
        foreach (var file in files)
        {
            if (!file.Exists) throw new CliUserException($"model file '{file.FullName}' does not exist.");
            DataViewSchema? memberSchema = null;
            members.Add(CliErrors.UserInput(() => ml.Model.LoadCnn(file.FullName, out memberSchema)));
            schema ??= memberSchema;
        }
        try
        {
            // The first model's input columns are the ensemble's: every member must accept them.
            var ensemble = ml.Model.CreateCnnEnsemble(members, schema!);
            ml.Model.SaveCnn(ensemble, schema!, output);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // The factory names the member by its 0-based index; the user knows it by its file.
            string which = MemberIndex().Match(e.Message) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is int i && i < files.Length
                ? files[i].FullName : string.Join(", ", files.Select(f => f.FullName));
            throw new CliUserException($"{which}: cannot be averaged with the other models: {e.Message}", e);
        }
        _console.Line($"ensemble of {members.Count} models: {output}");
        return 0;
    }

    [GeneratedRegex(@"member (\d+)")]
    private static partial Regex MemberIndex();
}
