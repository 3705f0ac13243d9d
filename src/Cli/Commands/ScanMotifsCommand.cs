using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet scan-motifs</c>: FIMO-style occurrences of MEME motifs in a FASTA of sequences or a
/// genome (<see cref="MotifScanner"/>): log-odds score, exact p-value, q-value per motif over every
/// window scored, written as FIMO's TSV or as BED6. One chromosome's text is held at a time.
/// </summary>
internal sealed class ScanMotifsCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo> _motifs = new("--motifs") { HelpName = "FILE", Description = "The motifs (MEME minimal format, e.g. a JASPAR export or the output of motifs); its background is used when it has one.", Required = true };
    private readonly Option<string?> _motifIds = new("--motif") { HelpName = "ID[,ID]", Description = "Scan only these motifs (by id or alternate name; default: all)." };
    private readonly Option<FileInfo?> _sequences = GenomeOptions.GenomeOption("The sequences to scan: a FASTA (.gz accepted), e.g. peaks or a genome; each record is named by the first word of its header.", required: true);
    private readonly Option<double> _threshold = new Option<double>("--thresh") { HelpName = "P", Description = "Report windows with a p-value at or below P (FIMO's --thresh).", DefaultValueFactory = _ => 1e-4 }
        .Must(p => p > 0 && p <= 1, "a p-value in (0, 1]");
    private readonly Option<bool> _forwardOnly = new("--norc") { Description = "Scan the given strand only (by default the reverse complement too)." };
    private readonly Option<bool> _bed = new("--bed") { Description = "Write BED6 (sequence, 0-based start, end, motif, score, strand) instead of FIMO's TSV." };
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The hits file to write.", Required = true };
    private readonly GenomeFileOptions _genomeFile = new();

    private ScanMotifsCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new ScanMotifsCommand(console).Build();

    private Command Build()
    {
        var command = new Command("scan-motifs", "Find occurrences of MEME motifs in sequences or a genome, FIMO-style (exact p-values, q-values).")
        {
            _motifs, _motifIds, _sequences, _threshold, _forwardOnly, _bed, _output,
        };
        _genomeFile.AddTo(command);
        command.SetAction(parse => CliErrors.Run(_console, () => Scan(parse)));
        return command;
    }

    private int Scan(ParseResult parse)
    {
        var set = CliErrors.UserInput(() => MemeFile.ReadWithBackground(parse.GetValue(_motifs)!.FullName));
        var motifs = Select(set.Motifs, parse.GetValue(_motifIds));
        using var genome = _genomeFile.Load(parse, parse.GetValue(_sequences)!, _console);
        var options = new MotifScanOptions
        {
            PValueThreshold = parse.GetValue(_threshold),
            BothStrands = !parse.GetValue(_forwardOnly),
            Background = set.Background,
        };
        string path = parse.GetValue(_output)!.FullName;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long total = 0;
        using (var writer = new StreamWriter(path))
        {
            bool bed = parse.GetValue(_bed);
            // One pass over the sequences for all motifs, one chromosome's text at a time (read lazily).
            var sequences = genome.Chromosomes.Select(c => (c, genome.Slice(c, 0, genome.LengthOf(c))));
            var all = CliErrors.UserInput(() => MotifScanner.ScanAll(motifs, sequences, options));
            for (int m = 0; m < motifs.Count; m++)
            {
                var (motif, hits) = (motifs[m], all[m]);
                if (bed) MotifHitFiles.WriteBed(writer, hits);
                else MotifHitFiles.WriteTsv(writer, hits, motif.AlternateName, header: m == 0);
                total += hits.Count;
                _console.Status(string.Create(CultureInfo.InvariantCulture, $"{motif.Id}{(motif.AlternateName is { } alt ? $" ({alt})" : "")}: {hits.Count:N0} hits, {hits.Count(h => h.QValue < 0.05):N0} with q < 0.05"));
            }
        }
        _console.Status($"wrote {path}");
        _console.Line(string.Create(CultureInfo.InvariantCulture,
            $"scanned {genome.Chromosomes.Count:N0} sequence(s), {genome.TotalLength:N0} bp, with {motifs.Count} motif(s): {total:N0} hits at p ≤ {options.PValueThreshold:G3}, {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static List<Motif> Select(IReadOnlyList<Motif> motifs, string? ids)
    {
        if (ids is null) return [.. motifs];
        var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = new List<Motif>();
        foreach (string id in wanted)
        {
            chosen.Add(motifs.FirstOrDefault(m => m.Id == id) ?? motifs.FirstOrDefault(m => m.AlternateName == id)
                ?? throw new CliUserException($"--motif {id}: no motif of that id or alternate name; the file has {string.Join(", ", motifs.Take(5).Select(m => m.Id))}{(motifs.Count > 5 ? $", … ({motifs.Count} in all)" : "")}."));
        }
        return chosen;
    }
}
