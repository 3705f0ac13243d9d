namespace Cnn.MLNet.Genomics;

/// <summary>How <see cref="Genome.Load(string, GenomeLoadOptions)"/> opens a genome FASTA.</summary>
public sealed class GenomeLoadOptions
{
    /// <summary>
    /// Write a missing index next to the FASTA before opening it: <c>.fai</c> (and <c>.gzi</c> for a
    /// bgzip FASTA), in the format <c>samtools faidx</c> writes, so the genome is then read from disk
    /// instead of memory. Refused for a plain-gzip FASTA, which cannot be read at random positions.
    /// Default false: without an index the genome is read into memory.
    /// </summary>
    public bool BuildIndex { get; set; }

    /// <summary>
    /// A chromosome alias file, or null (the default) for none. Each line that is not blank or a
    /// <c>#</c> comment lists tab- or space-separated names of one sequence (a two-column
    /// <c>alias name</c> file and UCSC's <c>chromAlias.txt</c> both fit); the name the genome has is
    /// the canonical one and the others are accepted for it wherever a chromosome is named.
    /// </summary>
    public string? ChromosomeAliasesPath { get; set; }
}
