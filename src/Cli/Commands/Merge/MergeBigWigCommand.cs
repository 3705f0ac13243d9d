using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>merge bigwig</c>: joins the bigWigs of per-chromosome <c>predict --bigwig-out --chromosomes</c>
/// shards (one track each) into the bigWig one <c>predict --bigwig-out</c> over those chromosomes
/// writes, byte for byte: the parts' chromosomes in the order given, their values read back and
/// written as the predictor writes them (runs of equal values, zero runs left out, the writer's
/// default block sizes and zoom levels). bigWig stores the values as 32-bit floats, which read back
/// exactly, so the runs are the same records.
/// </summary>
internal static class MergeBigWigCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<FileInfo>("--out") { HelpName = "FILE", Description = "The merged bigWig to write.", Required = true };
        var parts = new Argument<FileInfo[]>("parts") { HelpName = "PART", Description = "The part bigWigs (one track, different chromosomes each), in order.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("bigwig", "Join the bigWigs of per-chromosome predict --bigwig-out shards (one track) into the file one process writes.") { output, parts };
        command.Validators.Add(result =>
        {
            if (result.GetResult(parts) is not { Tokens.Count: > 0 })
                result.AddError("merge bigwig needs the part files to join: give them after the options, in order.");
        });
        command.SetAction(parse => CliErrors.Run(console, () => Merge(console, parse.GetValue(output)!.FullName, [.. parse.GetValue(parts)!.Select(p => p.FullName)])));
        return command;
    }

    private static int Merge(CliConsole console, string output, IReadOnlyList<string> parts)
    {
        MergeParts.CheckParts(parts, output);
        var opened = new List<ICoverageTrack>();
        ConcatenatedCoverageTrack merged;
        try
        {
            // Damaged or non-bigWig parts: InvalidDataException naming the file, a user error.
            foreach (string part in parts) opened.Add(BigWigFile.Open(part));
            merged = new ConcatenatedCoverageTrack(opened);
        }
        catch
        {
            foreach (var track in opened) track.Dispose();
            throw;
        }
        using var _ = merged;
        BigWigWriter.WriteTrack(output, merged);
        console.Status($"wrote {output}");
        console.Line(string.Create(CultureInfo.InvariantCulture, $"merged {parts.Count} part(s): {merged.Chromosomes.Count} chromosome(s)"));
        return 0;
    }
}
