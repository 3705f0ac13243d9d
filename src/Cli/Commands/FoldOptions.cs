using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>train</c>'s chromosome cross-validation over <c>--bed</c> peaks: <c>--folds K</c> (a balanced table made from
/// the data) or <c>--fold-table FILE</c> (a pinned one), and <c>--fold I</c> to train one fold as its own job.
/// The folds replace the single chromosome or fraction split, so the options that make that split do not go with them.
/// </summary>
internal sealed class FoldOptions
{
    public Option<int?> Folds { get; } = new Option<int?>("--folds")
    {
        HelpName = "K",
        Description = "Chromosome cross-validation with --bed: K folds, each testing a group of whole chromosomes balanced by rows; without --fold, "
            + "trains every fold and saves their averaged ensemble.",
    }.AtLeast(2);

    public Option<int?> Fold { get; } = new Option<int?>("--fold")
    {
        HelpName = "I",
        Description = "Train only fold I (0-based) and save its model, as one job of a sharded run; merge the fold models with 'merge ensemble'.",
    }.AtLeast(0);

    public Option<FileInfo?> Table { get; } = new("--fold-table")
    {
        HelpName = "FILE",
        Description = "The folds from a TSV (header 'fold<tab>test<tab>validation', comma-separated chromosomes, folds 0, 1, … in order) instead of "
            + "a balanced table; K is its row count. train --folds writes the table it used beside the model (MODEL.folds.tsv).",
    };

    /// <summary>Adds the options and their rules; <paramref name="notWithFolds"/> are the options that make the single split (or another kind of model) the folds replace.</summary>
    public void AddTo(Command command, Option bed, params Option[] notWithFolds)
    {
        command.Options.Add(Folds);
        command.Options.Add(Fold);
        command.Options.Add(Table);
        command.Validators.Add(result =>
        {
            bool folds = result.Given(Folds), table = result.Given(Table);
            if (result.Given(Fold) && !folds && !table)
                result.AddError("--fold needs --folds or --fold-table (the folds it is one of).");
            if (!folds && !table) return;
            string name = folds ? Folds.Name : Table.Name;
            if (!result.Given(bed))
                result.AddError($"{name} needs --bed (chromosome folds of peaks on a genome).");
            foreach (var other in notWithFolds.Where(result.Given))
                result.AddError($"{other.Name} does not go with {name}: each fold holds out its own chromosomes, and only binary peak models are folded.");
            if (result.TryGiven(Folds, out int? k) && result.TryGiven(Fold, out int? i) && k is int count && i is int index && index >= count)
                result.AddError($"--fold must be below --folds ({index} is not one of 0 to {count - 1}).");
        });
    }

    /// <summary>Whether <c>train</c> runs folds.</summary>
    public bool Active(ParseResult parse) => parse.GetValue(Folds) != null || parse.GetValue(Table) != null;

    /// <summary>The fold table: read from --fold-table (checked against --folds and --fold), else balanced over the data's chromosomes.</summary>
    public ChromosomeFolds Load(ParseResult parse, IDataView data, IReadOnlyList<string> genomeOrder)
    {
        int? k = parse.GetValue(Folds);
        if (parse.GetValue(Table) is not { } file)
            return CliErrors.UserInput(() => ChromosomeFolds.Balance(data, k!.Value, genomeOrder));

        var table = ChromosomeFolds.Read(file.FullName, ChromosomesOf(data));
        if (k is int given && given != table.Folds.Count)
            throw new CliUserException($"--folds {given} does not agree with --fold-table {file.FullName}, which has {table.Folds.Count} folds.");
        if (parse.GetValue(Fold) is int fold && fold >= table.Folds.Count)
            throw new CliUserException($"--fold {fold} is not one of the folds 0 to {table.Folds.Count - 1} of --fold-table {file.FullName}.");
        return table;
    }

    /// <summary>The file beside the model that records the table a run used, in the --fold-table form: <c>m.zip</c> → <c>m.folds.tsv</c>.</summary>
    public static string TablePath(string modelPath) => Path.ChangeExtension(modelPath, ".folds.tsv");

    private static List<string> ChromosomesOf(IDataView data)
    {
        var seen = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        var column = data.Schema[IntervalSequenceSchema.ChromosomeColumn];
        using var cursor = data.GetRowCursor([column]);
        var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> name = default;
        while (cursor.MoveNext())
        {
            get(ref name);
            string text = name.ToString();
            if (set.Add(text)) seen.Add(text);
        }
        return seen;
    }
}
