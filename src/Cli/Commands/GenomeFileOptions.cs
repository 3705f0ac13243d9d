using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// How a command opens its genome FASTA, shared by every command that reads one: <c>--build-index</c>
/// (write a missing <c>.fai</c>/<c>.gzi</c>, so the genome is read from disk instead of memory) and
/// <c>--chrom-aliases</c> (accept other names for its chromosomes, e.g. <c>1</c> for <c>chr1</c>).
/// </summary>
internal sealed class GenomeFileOptions
{
    public Option<bool> BuildIndex { get; } = new("--build-index")
    {
        Description = "Write the genome's missing index next to it (.fai, plus .gzi for bgzip; as 'samtools faidx' does) and read it from disk instead of memory.",
    };

    public Option<FileInfo?> ChromosomeAliases { get; } = new("--chrom-aliases")
    {
        HelpName = "FILE",
        Description = "Chromosome aliases: each line lists names of one sequence (tab- or space-separated, e.g. UCSC chromAlias.txt); the genome's name is canonical, the others are accepted for it.",
    };

    /// <summary>Adds the two options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(BuildIndex);
        command.Options.Add(ChromosomeAliases);
    }

    /// <summary>Loads the genome at <paramref name="genome"/> with these options, printing how it was read when that matters.</summary>
    public Genome Load(ParseResult parse, FileInfo genome, CliConsole console)
    {
        var options = new GenomeLoadOptions
        {
            BuildIndex = parse.GetValue(BuildIndex),
            ChromosomeAliasesPath = parse.GetValue(ChromosomeAliases)?.FullName,
        };
        var loaded = CliErrors.UserInput(() => Genome.Load(genome.FullName, options));
        if (loaded.Note is { } note) console.Status("note: " + note);
        return loaded;
    }
}
