using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;
using Microsoft.ML;

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
/// with sites, sorted by information content (or by match score with <c>--compare</c>);
/// filters without sites are counted, not listed, and are left out of the MEME file.
/// </remarks>
internal static class MotifsCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions();
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo (its first trunk block must be a convolution).", Required = true };
        var member = CnnModelInput.MemberOption();
        var output = new Option<FileInfo>("--out") { Description = "The MEME motif file to write.", Required = true };
        var logos = new Option<DirectoryInfo?>("--logos") { Description = "A folder for one sequence logo per filter (filterN.png)." };
        var compare = new Option<FileInfo?>("--compare") { Description = "A MEME motif database (e.g. JASPAR); reports each filter's best match." };
        var threshold = new Option<double>("--threshold") { Description = "Fraction of a filter's maximum activation a window must exceed to count as a site, in [0, 1).", DefaultValueFactory = _ => FilterMotifs.DefaultActivationThreshold };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("motifs", "Extract first-layer filter motifs (MEME file, logos, database matches).");
        data.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(member);
        command.Options.Add(output);
        command.Options.Add(logos);
        command.Options.Add(compare);
        command.Options.Add(threshold);
        command.Options.Add(json);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var database = parse.GetValue(compare) is FileInfo db ? MemeFile.Read(db.FullName) : null;
            if (database is { Count: 0 }) throw new ArgumentException($"--compare {parse.GetValue(compare)!.FullName}: the file holds no motifs.");
            var ml = new MLContext(seed: 1);
            string modelPath = parse.GetValue(model)!.FullName;
            var split = CnnModelInput.Of(ml.Model.LoadCnn(modelPath, out _), parse.GetValue(member), "motifs", modelPath);
            var encoded = split.Encode(data.Load(ml, parse, SequenceLabelKind.None));
            var filters = FilterMotifs.Extract(split.Cnn, encoded, parse.GetValue(threshold));

            string meme = parse.GetValue(output)!.FullName;
            MemeFile.Write(meme, FilterMotifs.WithSites(filters));
            console.Status($"wrote {meme}");

            var found = filters.Where(f => f.Motif is not null).ToList();
            var matches = database is null ? null : MotifComparison.BestMatches(found.Select(f => f.Motif!), database).ToDictionary(m => m.Query.Id);
            var rows = found.Select(f => new Row(f, matches?[f.Id], null)).ToList();
            if (parse.GetValue(logos) is DirectoryInfo folder)
            {
                Directory.CreateDirectory(folder.FullName);
                rows = rows.Select(r =>
                {
                    string png = Path.Combine(folder.FullName, r.Filter.Id + ".png");
                    SequenceLogo.SavePng(r.Filter.Motif!, png);
                    return r with { Logo = png };
                }).ToList();
                console.Status($"wrote {rows.Count} logos to {folder.FullName}");
            }
            rows = (matches is null
                ? rows.OrderByDescending(r => r.Filter.InformationContent)
                : rows.OrderByDescending(r => r.Match!.Score).ThenByDescending(r => r.Filter.InformationContent)).ToList();
            int empty = filters.Count - found.Count;

            if (parse.GetValue(json)) WriteJson(console, rows, filters.Count, empty, meme);
            else WriteText(console, rows, filters.Count, empty);
            return 0;
        }));
        return command;
    }

    private sealed record Row(FilterMotif Filter, MotifMatch? Match, string? Logo);

    private static void WriteText(CliConsole console, IReadOnlyList<Row> rows, int filters, int empty)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Line($"{rows.Count} of {filters} filters have sites{(empty > 0 ? $" ({empty} without)" : "")}:");
        foreach (var r in rows)
        {
            string line = string.Create(inv, $"  {r.Filter.Id,-9} sites {r.Filter.Sites,6}  IC {r.Filter.InformationContent,5:F2}  {r.Filter.Motif!.Consensus()}");
            if (r.Match is MotifMatch m)
                line += string.Create(inv, $"  best {m.Target.Id}{(m.Target.AlternateName is null ? "" : " " + m.Target.AlternateName)} score {m.Score:F3} strand {m.Strand} offset {m.Offset}");
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
            if (r.Match is MotifMatch m)
            {
                fields["match"] = new Dictionary<string, object?>
                {
                    ["id"] = m.Target.Id,
                    ["name"] = m.Target.AlternateName,
                    ["score"] = m.Score,
                    ["strand"] = m.Strand.ToString(),
                    ["offset"] = m.Offset,
                    ["overlap"] = m.Overlap,
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
