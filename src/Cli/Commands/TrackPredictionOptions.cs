using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>predict --bigwig-out PREFIX</c>: a profile or binned-track model's tracks along the genome, one
/// bigWig per track (<see cref="ProfileTrackPredictor"/>), over <c>--regions</c>, <c>--chromosomes</c>
/// or every chromosome of <c>--genome</c>.
/// </summary>
internal sealed class TrackPredictionOptions
{
    private readonly GenomeFileOptions _files = new();

    public Option<string?> BigWigOut { get; } = new("--bigwig-out")
    {
        HelpName = "PREFIX",
        Description = "Predict a profile or binned-track model's tracks along --genome and write PREFIX.plus.bw and PREFIX.minus.bw (stranded) or PREFIX.track0.bw, … (expected counts per base).",
    };

    public Option<FileInfo?> Genome { get; } = GenomeOptions.GenomeOption("The genome FASTA (.gz accepted) to predict along (with --bigwig-out).", required: false);

    public Option<FileInfo?> Regions { get; } = new("--regions") { HelpName = "FILE", Description = "Predict only these regions (BED); default: every chromosome whole. Goes with --bigwig-out." };

    public Option<string?> Chromosomes { get; } = new("--chromosomes") { HelpName = "chr1,chr2", Description = "Predict only these chromosomes, whole. Goes with --bigwig-out." };

    public void AddTo(Command command, Option output)
    {
        foreach (var option in new Option[] { BigWigOut, Genome, Regions, Chromosomes }) command.Options.Add(option);
        _files.AddTo(command);
        command.Excludes(Regions, Chromosomes);
        command.Excludes(BigWigOut, output);
        command.Needs(BigWigOut, Genome, "FILE (the FASTA to predict along)");
        command.Validators.Add(result =>
        {
            if (result.Given(BigWigOut)) return;
            if (!result.Given(output)) result.AddError("predict needs --out FILE (a TSV of scores), or --bigwig-out PREFIX with --genome for a track model.");
            foreach (var option in new Option[] { Genome, Regions, Chromosomes, _files.BuildIndex, _files.ChromosomeAliases })
                if (result.Given(option)) result.AddError($"{option.Name} goes with --bigwig-out (predicting a track model along a genome).");
        });
    }

    public bool UseBigWig(ParseResult parse) => parse.GetValue(BigWigOut) != null;

    public int Predict(CliConsole console, MLContext ml, ParseResult parse, ITransformer model, string modelPath)
    {
        if (!ProfileEvaluation.IsTrackModel(model))
            throw new CliUserException($"The model '{modelPath}' is not a profile or binned-track model; --bigwig-out writes the tracks of those (train --profile). Use --out FILE.");
        var shape = CliErrors.UserInput(() => ProfileModelShape.Of(model));
        using var genome = _files.Load(parse, parse.GetValue(Genome)!, console);
        var regions = Plan(parse, genome);
        string prefix = parse.GetValue(BigWigOut)!;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var paths = CliErrors.UserInput(() => ProfileTrackPredictor.WriteBigWigs(ml, model, genome, regions, prefix));
        long bases = regions?.Sum(r => Math.Max(0, Math.Min(r.End, genome.Contains(r.Chromosome) ? genome.LengthOf(r.Chromosome) : 0) - Math.Max(r.Start, 0)))
            ?? genome.Chromosomes.Sum(c => (long)genome.LengthOf(c));
        console.Status($"predicted {shape.Tracks} track(s) over {bases:N0} bp ({shape.InputLength}-bp windows, {shape.OutputLength}-bp outputs) in {started.Elapsed.TotalSeconds:F1} s");
        foreach (string path in paths) console.Status($"wrote {path}");
        return 0;
    }

    /// <summary>The regions to predict: the BED's, the listed chromosomes whole, or null for the whole genome.</summary>
    private IReadOnlyList<(string Chromosome, long Start, long End)>? Plan(ParseResult parse, Genome genome)
    {
        if (parse.GetValue(Regions) is { } bed)
            return CliErrors.UserInput(() => BedFile.Read(bed.FullName, genome)).Select(i => (i.Chromosome, i.Start, i.End)).ToArray();
        if (parse.GetValue(Chromosomes) is not { } list) return null;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.FirstOrDefault(n => !genome.Contains(n)) is { } missing)
            throw new CliUserException($"--chromosomes: the genome '{genome.Path}' has no chromosome '{missing}'.");
        return names.Select(n => (n, 0L, (long)genome.LengthOf(n))).ToArray();
    }
}
