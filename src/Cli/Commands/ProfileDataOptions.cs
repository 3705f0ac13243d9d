using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>evaluate</c>'s options for a profile or binned-track model: the peaks (<c>--bed</c>, <c>--genome</c>,
/// <c>--anchor</c>, <c>--exclude</c>), the observed tracks (<see cref="TrackOptions"/>) and
/// <c>--chromosomes</c> to evaluate on held-out chromosomes only. The windows' lengths and bins come
/// from the model, so the rows are built as training built them.
/// </summary>
internal sealed class ProfileDataOptions
{
    private readonly GenomeOptions _genome = new();

    public Option<FileInfo?> Bed => _genome.Bed;

    public TrackOptions Tracks { get; } = new();

    public Option<string?> Chromosomes { get; } = new("--chromosomes") { HelpName = "chr8,chr9", Description = "Evaluate only the windows on these chromosomes (e.g. train's --test-chromosomes). Goes with --bed." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seeds the draw of background windows (with --bed). Default 1.", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _genome.Bed, _genome.Genome, _genome.Anchor, _genome.Exclude, Chromosomes, Seed }) command.Options.Add(option);
        _genome.Files.AddTo(command);
        Tracks.AddTo(command);
        command.Needs(_genome.Bed, _genome.Genome, "FILE (the FASTA its coordinates refer to)");
        command.Validators.Add(result =>
        {
            if (result.Given(_genome.Bed))
            {
                if (!Tracks.Given(result)) result.AddError("--bed evaluates a profile model: give the observed tracks, --bigwig a.bw[,b.bw] or --stranded plus.bw,minus.bw.");
                return;
            }
            foreach (var option in new Option[] { _genome.Genome, _genome.Anchor, _genome.Exclude, Chromosomes, Seed }.Concat(Tracks.All))
                if (result.Given(option)) result.AddError($"{option.Name} goes with --bed (evaluating a profile model on peaks).");
        });
    }

    public bool UseBed(ParseResult parse) => parse.GetValue(_genome.Bed) != null;

    /// <summary>Evaluates the profile model on the peaks' rows and prints the metrics.</summary>
    public int Evaluate(CliConsole console, MLContext ml, ParseResult parse, ITransformer model, string modelPath, bool json)
    {
        var shape = CliErrors.UserInput(() => ProfileModelShape.Of(model));
        bool stranded = parse.GetValue(Tracks.Stranded) != null;
        int given = stranded ? 2 : parse.GetValue(Tracks.BigWig)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        if (stranded != shape.Stranded || given != shape.Tracks)
            throw new CliUserException($"The model '{modelPath}' predicts {shape.Tracks} {(shape.Stranded ? "stranded (plus, minus)" : "unstranded")} track(s); "
                + $"give them with {(shape.Stranded ? "--stranded plus,minus" : "--bigwig")} (given: {given} {(stranded ? "stranded" : "unstranded")}).");
        using var genome = _genome.Files.Load(parse, parse.GetValue(_genome.Genome)!, console);
        var options = new ProfileTrainingOptions
        {
            BedPath = parse.GetValue(_genome.Bed)!.FullName,
            Length = shape.InputLength,
            OutputLength = shape.OutputLength,
            BinSize = shape.BinSize,
            Anchor = parse.GetValue(_genome.Anchor),
            Exclude = parse.GetValue(_genome.Exclude) is { } excludeFile ? CliErrors.UserInput(() => ExcludedRegions.FromBed(excludeFile.FullName)) : null,
            Seed = parse.GetValue(Seed),
        };
        var (data, _, tracks) = Tracks.Build(ml, parse, genome, options, console);
        try
        {
            string[] chromosomes = parse.GetValue(Chromosomes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (chromosomes.Length > 0)
            {
                var split = CliErrors.UserInput(() => ChromosomeSplit.Split(data, chromosomes, labelColumn: ProfileColumns.IsPeak));
                console.Status(split.Report.ToString());
                data = split.Test;
            }
            ProfileEvaluation.Write(console, ml, model, data, json);
            return 0;
        }
        finally
        {
            foreach (var track in tracks) track.Dispose();
        }
    }
}
