using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet scan</c>: scores sliding windows of a saved sequence model's input length over the
/// chromosomes of a genome FASTA (<see cref="GenomeScanner"/>) and writes a bedGraph track (binary
/// models: the probability; regression: the score; multi-task/multiclass: output <c>--target</c>),
/// each window's value in the stride-wide bin around its centre. The default stride is half the
/// model's input length. Prints the windows scored and the throughput.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "A sequence model saved by train or demo.", Required = true };
        var fasta = new Option<FileInfo>("--fasta") { Description = "The genome FASTA (optionally gzipped); chromosomes are named by the first word of each header.", Required = true };
        var stride = new Option<int?>("--stride") { Description = "Bases between window starts, and the bin width (default: half the model's input length)." };
        var chromosomes = new Option<string?>("--chromosomes") { Description = "Comma-separated chromosomes to scan, in this order (default: all, in file order)." };
        var target = new Option<int>("--target") { Description = "Which output to write for multi-task (target index) or multiclass (class index) models.", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "The bedGraph file to write.", Required = true };
        var command = new Command("scan", "Score sliding windows over a genome with a sequence model and write a bedGraph track.");
        foreach (var option in new Option[] { model, fasta, stride, chromosomes, target, output }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            if (parse.GetValue(stride) is int s && s < 1)
                throw new ArgumentException($"--stride {s} is not valid: the stride must be at least 1 base.");
            var ml = new MLContext(seed: 1);
            var loaded = ml.Model.LoadCnn(parse.GetValue(model)!.FullName, out _);
            var genome = Genome.Load(parse.GetValue(fasta)!.FullName);
            var options = new GenomeScanOptions
            {
                Stride = parse.GetValue(stride),
                Chromosomes = parse.GetValue(chromosomes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Target = parse.GetValue(target),
                TrackName = Path.GetFileNameWithoutExtension(parse.GetValue(model)!.Name),
                Progress = new SyncProgress<GenomeScanChromosome>(c => console.Status(string.Create(CultureInfo.InvariantCulture, $"{c.Chromosome}: {c.Windows:N0} windows over {c.Length:N0} bp"))),
            };
            string path = parse.GetValue(output)!.FullName;
            var summary = GenomeScanner.Scan(ml, loaded, genome, options, path);
            console.Status($"wrote {path}");
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"scanned {summary.Chromosomes.Count} chromosome(s): {summary.Windows:N0} windows of {summary.WindowLength} bp, stride {summary.Stride}, value {summary.ValueDescription}, {summary.Elapsed.TotalSeconds:F1} s, {summary.WindowsPerSecond:N0} windows/s"));
            return 0;
        }));
        return command;
    }
}
