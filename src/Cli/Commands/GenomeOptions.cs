using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>train</c>'s options for peaks on a genome instead of a sequence file: <c>--bed</c> and
/// <c>--genome</c> give positives (windows of <c>--length</c> bases centred on each peak, default
/// 1,000) and <c>--negatives</c> their background; <c>--test-chromosomes</c> and
/// <c>--validation-chromosomes</c> split by chromosome so neighbouring regions never leak between parts.
/// </summary>
internal sealed class GenomeOptions
{
    public const int DefaultLength = 1000;

    public Option<FileInfo?> Bed { get; } = new("--bed") { HelpName = "FILE", Description = "Peaks (BED, .gz accepted) instead of --data; needs --genome." };

    public Option<FileInfo?> Genome { get; } = new("--genome") { HelpName = "FILE", Description = "The genome FASTA (.gz accepted) the --bed coordinates refer to." };

    public Option<string> Negatives { get; } = new("--negatives") { Description = "shuffle (dinucleotide-shuffled peaks) or gc-matched (genome background with the peaks' GC content).", DefaultValueFactory = _ => "shuffle" };

    public Option<string?> TestChromosomes { get; } = new("--test-chromosomes") { HelpName = "chr8,chr9", Description = "Hold out these chromosomes for testing instead of a random fraction." };

    public Option<string?> ValidationChromosomes { get; } = new("--validation-chromosomes") { HelpName = "chr7", Description = "Use these chromosomes for early stopping (with --test-chromosomes)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Bed, Genome, Negatives, TestChromosomes, ValidationChromosomes }) command.Options.Add(option);
    }

    public bool UseGenome(ParseResult parse, params Option[] notWithGenome)
    {
        bool bed = parse.GetValue(Bed) != null;
        if (!bed)
        {
            if (parse.GetValue(Genome) != null) throw new ArgumentException("--genome goes with --bed (peaks on that genome).");
            return false;
        }
        if (parse.GetValue(Genome) == null) throw new ArgumentException("--bed needs --genome FILE (the FASTA its coordinates refer to).");
        if (notWithGenome.FirstOrDefault(option => parse.Given(option)) is { } other)
            throw new ArgumentException($"{other.Name} does not go with --bed; the peaks and --genome are the data.");
        NegativeKindOf(parse);
        return true;
    }

    /// <summary>Loads the genome and builds positives and negatives, reporting both.</summary>
    public IDataView Load(MLContext ml, ParseResult parse, int? length, int seed, CliConsole console)
    {
        var genome = Genomics.Genome.Load(parse.GetValue(Genome)!.FullName);
        var (data, report) = PeakTrainingData.Build(ml, genome, parse.GetValue(Bed)!.FullName, length ?? DefaultLength, NegativeKindOf(parse), seed);
        console.Status(report.ToString());
        return data;
    }

    /// <summary>The chromosome split when --test-chromosomes is given, else null.</summary>
    public ChromosomeSplitResult? Split(ParseResult parse, IDataView data, CliConsole console)
    {
        string[] test = List(parse.GetValue(TestChromosomes)), validation = List(parse.GetValue(ValidationChromosomes));
        if (test.Length == 0)
        {
            if (validation.Length > 0) throw new ArgumentException("--validation-chromosomes goes with --test-chromosomes.");
            return null;
        }
        var split = ChromosomeSplit.Split(data, test, validation.Length > 0 ? validation : null);
        console.Status(split.Report.ToString());
        return split;
    }

    private NegativeKind NegativeKindOf(ParseResult parse) => parse.GetValue(Negatives)!.ToLowerInvariant() switch
    {
        "shuffle" => NegativeKind.Shuffle,
        "gc-matched" => NegativeKind.GcMatched,
        var other => throw new ArgumentException($"Unknown --negatives '{other}': use shuffle or gc-matched."),
    };

    private static string[] List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
