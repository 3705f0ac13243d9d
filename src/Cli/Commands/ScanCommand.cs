using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet scan</c>: scores sliding windows of a saved sequence model's input length over the
/// chromosomes of a genome FASTA (<see cref="GenomeScanner"/>) and writes a bedGraph track (binary
/// models: the probability; regression: the score; multi-task/multiclass: output <c>--target</c>),
/// each window's value in the stride-wide bin around its centre. The default stride is half the
/// model's input length. <c>--region</c> scans one chunk of a chromosome, with the whole scan's header
/// and lines, so chunks (or <c>--chromosomes</c> shards) joined by <c>merge bedgraph</c> give the
/// whole scan byte for byte. Prints the windows scored and the throughput.
/// </summary>
internal sealed class ScanCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A sequence model saved by train or demo.", Required = true };
    private readonly Option<FileInfo?> _genome = GenomeOptions.GenomeOption("The genome FASTA (optionally gzipped); chromosomes are named by the first word of each header. "
        + "(--fasta is its old name.)", required: true);
    private readonly Option<int?> _stride = new("--stride") { Description = "Bases between window starts, and the bin width (default: half the model's input length)." };
    private readonly Option<string?> _chromosomes = new("--chromosomes") { HelpName = "chr1,chr2", Description = "Comma-separated chromosomes to scan, in this order (default: all, in file order)." };
    private readonly Option<string?> _region = new("--region")
    {
        HelpName = "CHR:START-END",
        Description = "Scan only the windows of CHR that start in [START, END) (0-based; START a multiple of the stride; END clipped): a chunk whose lines, "
            + "after the same header, are the whole scan's; `merge bedgraph` joins chunks.",
    };
    private readonly Option<int> _target = new Option<int>("--target") { Description = "Which output to write for multi-task (target index) or multiclass (class index) models.", DefaultValueFactory = _ => 0 }.AtLeast(0);
    private readonly GenomeFileOptions _genomeFile = new();
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The bedGraph file to write.", Required = true };

    private ScanCommand(CliConsole console)
    {
        _console = console;
        _stride.Validators.Add(result =>
        {
            if (result.TryGiven(_stride, out int? stride) && stride < 1) result.AddError($"--stride {stride} is not valid: the stride must be at least 1 base.");
        });
        _region.Validators.Add(result =>
        {
            if (!result.TryGiven(_region, out string? text) || text is null) return;
            try { GenomeScanRegion.Parse(text); }
            catch (FormatException e) { result.AddError($"--region {e.Message}"); }
        });
    }

    public static Command Create(CliConsole console) => new ScanCommand(console).Build();

    private Command Build()
    {
        var command = new Command("scan", "Score sliding windows over a genome with a sequence model and write a bedGraph track.")
        {
            _model, _genome, _stride, _chromosomes, _region, _target, _output,
        };
        command.Excludes(_region, _chromosomes);
        // With the default stride (half the model's length) the scanner checks the start once the model is read.
        command.Validators.Add(result =>
        {
            if (!result.TryGiven(_region, out string? text) || !result.TryGiven(_stride, out int? stride) || stride is not >= 1) return;
            try
            {
                var region = GenomeScanRegion.Parse(text!);
                if (region.Start % stride.Value != 0)
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"--region start {region.Start} is not a multiple of the stride {stride}: windows start at multiples of the stride."));
            }
            catch (FormatException) { /* reported by --region's own validator */ }
        });
        _genomeFile.AddTo(command);
        command.SetAction(parse => CliErrors.Run(_console, () => Scan(parse)));
        return command;
    }

    private int Scan(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        var loaded = ModelFile.Load(ml, parse.GetValue(_model)!.FullName);
        using var genome = _genomeFile.Load(parse, parse.GetValue(_genome)!, _console);
        var options = new GenomeScanOptions
        {
            Stride = parse.GetValue(_stride),
            Chromosomes = parse.GetValue(_chromosomes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Region = parse.GetValue(_region) is { } region ? GenomeScanRegion.Parse(region) : null,
            Target = parse.GetValue(_target),
            TrackName = Path.GetFileNameWithoutExtension(parse.GetValue(_model)!.Name),
            Progress = new SyncProgress<GenomeScanChromosome>(c => _console.Status(string.Create(CultureInfo.InvariantCulture, $"{c.Chromosome}: {c.Windows:N0} windows over {c.Length:N0} bp"))),
        };
        string path = parse.GetValue(_output)!.FullName;
        // Chromosomes the genome lacks, a --target the model lacks, an image model: the user's to fix.
        var summary = CliErrors.UserInput(() => GenomeScanner.Scan(ml, loaded, genome, options, path));
        _console.Status($"wrote {path}");
        _console.Line(string.Create(CultureInfo.InvariantCulture,
            $"scanned {summary.Chromosomes.Count} chromosome(s): {summary.Windows:N0} windows of {summary.WindowLength} bp, stride {summary.Stride}, value {summary.ValueDescription}, {summary.Elapsed.TotalSeconds:F1} s, {summary.WindowsPerSecond:N0} windows/s"));
        return 0;
    }
}
