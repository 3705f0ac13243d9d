using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet motifs</c>: turns a saved model's first-layer filters into motifs
/// (<see cref="FilterMotifs"/>, the Basset method), writes them as a MEME file, optionally draws
/// their sequence logos and compares them with a database of known motifs.
/// </summary>
/// <remarks>
/// Every sequence of <c>--data</c> is used, whatever its label (labels are not read): a filter's
/// sites are the windows that activate it strongly, wherever they occur, as in Basset. Give a
/// file of positives only to restrict the sites to positives. The report has one line per filter
/// with sites, sorted by information content (or by match p-value with <c>--compare</c>);
/// filters without sites are counted, not listed, and are left out of the MEME file.
/// <c>--compare</c> matches each filter motif against every database motif as Tomtom does
/// (<see cref="MotifDatabase"/>) and reports the most significant one with its p-value, E-value
/// (p × database size) and q-value (Benjamini–Hochberg over the database, per filter).
/// </remarks>
internal sealed class MotifsCommand
{
    private readonly CliConsole _console;
    private readonly DataOptions _data = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo (its first trunk block must be a convolution).", Required = true };
    private readonly Option<int?> _member = CnnModelInput.MemberOption();
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The MEME motif file to write.", Required = true };
    private readonly Option<DirectoryInfo?> _logos = new("--logos") { HelpName = "DIR", Description = "A folder for one sequence logo per filter (filterN.png)." };
    private readonly Option<FileInfo?> _compare = new("--compare") { HelpName = "FILE", Description = "A MEME motif database (e.g. JASPAR); reports each filter's most significant match with p-, E- and q-values." };
    private readonly Option<double> _threshold = new Option<double>("--threshold")
    {
        Description = "Fraction of a filter's maximum activation a window must exceed to count as a site, in [0, 1).",
        DefaultValueFactory = _ => FilterMotifs.DefaultActivationThreshold,
    }.Fraction(allowZero: true);
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object." };

    private MotifsCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new MotifsCommand(console).Build();

    private Command Build()
    {
        var command = new Command("motifs", "Extract first-layer filter motifs (MEME file, logos, database matches).");
        _data.AddTo(command);
        foreach (var option in new Option[] { _model, _member, _output, _logos, _compare, _threshold, _json }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(_console, () => Extract(parse)));
        return command;
    }

    private int Extract(ParseResult parse)
    {
        var database = parse.GetValue(_compare) is FileInfo db ? CliErrors.UserInput(() => MemeFile.Read(db.FullName)) : null;
        if (database is { Count: 0 }) throw new CliUserException($"--compare {parse.GetValue(_compare)!.FullName}: the file holds no motifs.");
        var ml = CliContext.Create(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var split = CnnModelInput.Of(ModelFile.Load(ml, modelPath), parse.GetValue(_member), "motifs", modelPath);
        var encoded = split.Encode(_data.Load(ml, parse, SequenceLabelKind.None));
        // A network whose first block is not a convolution over one-hot bases is refused naming what it has.
        var filters = CliErrors.UserInput(() => FilterMotifs.Extract(split.Cnn, encoded, parse.GetValue(_threshold)));

        string meme = parse.GetValue(_output)!.FullName;
        MemeFile.Write(meme, FilterMotifs.WithSites(filters));
        _console.Status($"wrote {meme}");

        var found = filters.Where(f => f.Motif is not null).ToList();
        // A database of another alphabet (protein motifs, …) is refused naming it.
        var matches = database is null ? null : CliErrors.UserInput(() => new MotifDatabase(database).BestMatches(found.Select(f => f.Motif!)).ToDictionary(m => m.Query.Id));
        var rows = found.Select(f => new Row(f, matches?[f.Id], null)).ToList();
        if (parse.GetValue(_logos) is DirectoryInfo folder)
        {
            Directory.CreateDirectory(folder.FullName);
            rows = rows.Select(r =>
            {
                string png = Path.Combine(folder.FullName, r.Filter.Id + ".png");
                SequenceLogo.SavePng(r.Filter.Motif!, png);
                return r with { Logo = png };
            }).ToList();
            _console.Status($"wrote {rows.Count} logos to {folder.FullName}");
        }
        rows = (matches is null
            ? rows.OrderByDescending(r => r.Filter.InformationContent)
            : rows.OrderBy(r => r.Match!.PValue).ThenByDescending(r => r.Match!.Score).ThenByDescending(r => r.Filter.InformationContent)).ToList();
        int empty = filters.Count - found.Count;

        if (parse.GetValue(_json)) WriteJson(_console, rows, filters.Count, empty, meme);
        else WriteText(_console, rows, filters.Count, empty);
        return 0;
    }

    private sealed record Row(FilterMotif Filter, MotifDatabaseMatch? Match, string? Logo);

    private static void WriteText(CliConsole console, IReadOnlyList<Row> rows, int filters, int empty)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Line($"{rows.Count} of {filters} filters have sites{(empty > 0 ? $" ({empty} without)" : "")}:");
        foreach (var r in rows)
        {
            string line = string.Create(inv, $"  {r.Filter.Id,-9} sites {r.Filter.Sites,6}  IC {r.Filter.InformationContent,5:F2}  {r.Filter.Motif!.Consensus()}");
            if (r.Match is MotifDatabaseMatch m)
                line += string.Create(inv, $"  best {m.Target.Id}{(m.Target.AlternateName is null ? "" : " " + m.Target.AlternateName)} score {m.Score:F3} strand {m.Strand} offset {m.Offset} p {m.PValue:0.##e+00} E {m.EValue:0.##e+00} q {m.QValue:0.##e+00}");
            console.Line(line);
        }
    }

    private static void WriteJson(CliConsole console, IReadOnlyList<Row> rows, int filters, int empty, string meme)
    {
        var list = rows.Select(r =>
        {
            var fields = new Dictionary<string, object?>
            {
                ["id"] = r.Filter.Id,
                ["filter"] = r.Filter.FilterIndex,
                ["sites"] = r.Filter.Sites,
                ["maxActivation"] = r.Filter.MaxActivation,
                ["informationContent"] = r.Filter.InformationContent,
                ["consensus"] = r.Filter.Motif!.Consensus(),
            };
            if (r.Logo is not null) fields["logo"] = r.Logo;
            if (r.Match is MotifDatabaseMatch m)
            {
                fields["match"] = new Dictionary<string, object?>
                {
                    ["id"] = m.Target.Id,
                    ["name"] = m.Target.AlternateName,
                    ["score"] = m.Score,
                    ["strand"] = m.Strand.ToString(),
                    ["offset"] = m.Offset,
                    ["overlap"] = m.Overlap,
                    ["pValue"] = m.PValue,
                    ["eValue"] = m.EValue,
                    ["qValue"] = m.QValue,
                };
            }
            return fields;
        }).ToList();
        console.Line(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["meme"] = meme,
            ["filters"] = filters,
            ["filtersWithoutSites"] = empty,
            ["motifs"] = list,
        }));
    }
}
