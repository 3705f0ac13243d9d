using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>train</c>'s options for peaks on a genome instead of a sequence file: <c>--bed</c> and
/// <c>--genome</c> give positives (windows of <c>--length</c> bases centred on each peak, default
/// 1,000) and <c>--negatives</c> their background; <c>--exclude</c> drops windows overlapping a blacklist; <c>--test-chromosomes</c> and
/// <c>--validation-chromosomes</c> split by chromosome so neighbouring regions never leak between parts.
/// </summary>
internal sealed class GenomeOptions
{
    public const int DefaultLength = 1000;

    public Option<FileInfo?> Bed { get; } = new("--bed") { HelpName = "FILE", Description = "Peaks (BED, .gz accepted) instead of --data; needs --genome." };

    public Option<FileInfo?> Genome { get; } = GenomeOption("The genome FASTA (.gz accepted) the --bed coordinates refer to.", required: false);

    public Option<NegativeKind> Negatives { get; } = Choices.Of("--negatives",
        "Background for the peaks: shuffle (dinucleotide-shuffled peaks) or gc-matched (genome background with the peaks' GC content).",
        [("shuffle", NegativeKind.Shuffle), ("gc-matched", NegativeKind.GcMatched)], () => NegativeKind.Shuffle);

    public Option<WindowAnchor> Anchor { get; } = Choices.Of("--anchor",
        "Where each peak's window sits: centre (the middle of the interval) or summit (narrowPeak column 10, as MACS2 writes it; a summit of -1 falls back to the middle).",
        [("centre", WindowAnchor.Centre), ("summit", WindowAnchor.Summit)], () => WindowAnchor.Centre);

    public Option<FileInfo?> Exclude { get; } = new("--exclude") { HelpName = "FILE", Description = "Regions to leave out (BED, e.g. the ENCODE blacklist): peak and background windows sharing a base with one are dropped and counted; regions on chromosomes the genome lacks are ignored. Goes with --bed." };

    public GenomeFileOptions Files { get; } = new();

    public Option<string?> TestChromosomes { get; } = new("--test-chromosomes") { HelpName = "chr8,chr9", Description = "Hold out these chromosomes for testing instead of a random fraction." };

    public Option<string?> ValidationChromosomes { get; } = new("--validation-chromosomes") { HelpName = "chr7", Description = "Use these chromosomes for early stopping (with --test-chromosomes)." };

    /// <summary>
    /// The genome FASTA option, <c>--genome</c> in every command (<c>--fasta</c>, <c>scan</c>'s old name, is an alias).
    /// </summary>
    public static Option<FileInfo?> GenomeOption(string description, bool required) => new("--genome", "--fasta")
    {
        HelpName = "FILE",
        Description = description,
        Required = required,
    };

    /// <summary>Adds the options and their rules; <paramref name="notWithGenome"/> are the command's options that --bed replaces.</summary>
    public void AddTo(Command command, params Option[] notWithGenome)
    {
        foreach (var option in new Option[] { Bed, Genome, Negatives, Anchor, Exclude, TestChromosomes, ValidationChromosomes }) command.Options.Add(option);
        Files.AddTo(command);
        command.Needs(Bed, Genome, "FILE (the FASTA its coordinates refer to)");
        command.Needs(ValidationChromosomes, TestChromosomes);
        command.Validators.Add(result =>
        {
            if (!result.Given(Bed))
            {
                if (result.Given(Genome)) result.AddError("--genome goes with --bed (peaks on that genome).");
                if (result.Given(Negatives)) result.AddError("--negatives goes with --bed (the background of its peaks).");
                if (result.Given(Exclude)) result.AddError("--exclude goes with --bed (regions to leave out of its peaks and background).");
                if (result.Given(Anchor)) result.AddError("--anchor goes with --bed (where its peaks' windows sit).");
            }
            else if (notWithGenome.FirstOrDefault(result.Given) is { } other)
                result.AddError($"{other.Name} does not go with --bed; the peaks and --genome are the data.");
        });
    }

    public bool UseGenome(ParseResult parse) => parse.GetValue(Bed) != null;

    /// <summary>Loads the genome and builds positives and negatives, reporting both.</summary>
    public IDataView Load(MLContext ml, ParseResult parse, int? length, int seed, CliConsole console) =>
        LoadWithChromosomes(ml, parse, length, seed, console).Data;

    /// <summary>
    /// <see cref="Load"/>, also returning the genome's chromosomes in its order: chromosome folds break ties
    /// in row count by it, so that the fold table does not depend on the order of the BED file.
    /// </summary>
    public (IDataView Data, IReadOnlyList<string> Chromosomes) LoadWithChromosomes(MLContext ml, ParseResult parse, int? length, int seed, CliConsole console)
    {
        var genome = Files.Load(parse, parse.GetValue(Genome)!, console);
        var exclude = parse.GetValue(Exclude) is { } excludeFile ? CliErrors.UserInput(() => ExcludedRegions.FromBed(excludeFile.FullName)) : null;
        var options = new PeakTrainingOptions
        {
            BedPath = parse.GetValue(Bed)!.FullName,
            Length = length ?? DefaultLength,
            Anchor = parse.GetValue(Anchor),
            Negatives = parse.GetValue(Negatives),
            Seed = seed,
            Exclude = exclude,
        };
        var (data, report) = CliErrors.UserInput(() => PeakTrainingData.Build(ml, genome, options));
        console.Status(report.ToString());
        return (data, genome.Chromosomes);
    }

    /// <summary>The chromosome split when --test-chromosomes is given, else null; <paramref name="labelColumn"/> is what the report counts per part.</summary>
    public ChromosomeSplitResult? Split(ParseResult parse, IDataView data, CliConsole console, string labelColumn = IntervalSequenceSchema.LabelColumn)
    {
        string[] test = List(parse.GetValue(TestChromosomes)), validation = List(parse.GetValue(ValidationChromosomes));
        if (test.Length == 0) return null;
        var split = CliErrors.UserInput(() => ChromosomeSplit.Split(data, test, validation.Length > 0 ? validation : null, labelColumn: labelColumn));
        console.Status(split.Report.ToString());
        return split;
    }

    private static string[] List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
