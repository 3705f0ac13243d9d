namespace Cnn.MLNet.Genomics;

/// <summary>
/// A reference genome: chromosome names, lengths and bases, read with <see cref="Slice"/>. Case is
/// kept, because lowercase marks soft-masked (repeat) bases. Load it once and share it: every
/// interval view, sampler and scan reads from the same copy. Dispose it when done: an indexed
/// genome holds its FASTA open.
/// </summary>
/// <remarks>
/// A FASTA with a samtools index (<c>.fai</c>, plus <c>.gzi</c> for bgzip) is read from disk on
/// demand, so a whole human genome costs a few megabytes; without one it is read into memory (one
/// byte per base). Both give the same bases. With a chromosome alias file
/// (<see cref="GenomeLoadOptions.ChromosomeAliasesPath"/>) every method that takes a chromosome
/// name also accepts its aliases.
/// </remarks>
public sealed class Genome : IDisposable
{
    private const int ListedNames = 5;
    private readonly GenomeBases _bases;
    private readonly string[] _chromosomes;
    private readonly Dictionary<string, int> _index;

    private Genome(string path, GenomeBases bases, Dictionary<string, int> aliases, string? note)
    {
        Path = path;
        _bases = bases;
        _chromosomes = bases.Names.ToArray();
        _index = new Dictionary<string, int>(aliases, StringComparer.Ordinal);
        for (int i = 0; i < _chromosomes.Length; i++) _index[_chromosomes[i]] = i;
        Note = note;
    }

    /// <summary>The FASTA path as the caller gave it, for messages.</summary>
    public string Path { get; }

    /// <summary>The chromosome names (the first word of each header), in file order.</summary>
    public IReadOnlyList<string> Chromosomes => _chromosomes;

    /// <summary>Whether the bases are read from disk through an index (<c>.fai</c>/<c>.gzi</c>) rather than held in memory.</summary>
    public bool IsIndexed => _bases is IndexedGenomeBases;

    /// <summary>What the user should know about how the genome was read (a plain-gzip FASTA, or a large one without an index, read whole into memory), or null.</summary>
    public string? Note { get; }

    /// <summary>The storage the bases are read from (chromosomes by index, in <see cref="Chromosomes"/> order).</summary>
    internal GenomeBases Bases => _bases;

    /// <summary>The total number of bases over all chromosomes.</summary>
    public long TotalLength => Enumerable.Range(0, _chromosomes.Length).Sum(_bases.LengthOf);

    /// <summary>
    /// Loads a genome FASTA (multi-record, wrapped lines of any width, optionally gzip-compressed):
    /// from disk through its index when <c>path.fai</c> exists (and <c>path.gzi</c> for bgzip),
    /// otherwise read into memory. Blank lines and <c>;</c> comment lines are ignored when read into
    /// memory; each chromosome is named by the first word of its header.
    /// </summary>
    /// <param name="path">The FASTA file (<c>.fa</c>, <c>.fasta</c>, <c>.fa.gz</c>, …).</param>
    /// <exception cref="FileNotFoundException">The file does not exist, or a bgzip FASTA has a <c>.fai</c> but no <c>.gzi</c>.</exception>
    /// <exception cref="FormatException">
    /// The file has no records, content comes before the first header, a header has no name, a
    /// chromosome name repeats, a record has no sequence lines, or a line holds a character other
    /// than an ASCII letter (the message names the file and line); or its index is malformed or does
    /// not match it (the message names the index file and line), or the compressed data is corrupt or
    /// truncated (the message names the byte offset).
    /// </exception>
    public static Genome Load(string path) => Load(path, new GenomeLoadOptions());

    /// <summary>Loads a genome FASTA as <see cref="Load(string)"/> does, optionally building its index and reading chromosome aliases.</summary>
    /// <param name="path">The FASTA file.</param>
    /// <param name="options">Index building and chromosome aliases.</param>
    /// <exception cref="FileNotFoundException">The FASTA, a needed <c>.gzi</c> or the alias file does not exist.</exception>
    /// <exception cref="FormatException">As for <see cref="Load(string)"/>; also a plain-gzip FASTA with <see cref="GenomeLoadOptions.BuildIndex"/>, and an alias file where a name maps to two chromosomes (naming the file and line).</exception>
    public static Genome Load(string path, GenomeLoadOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"Genome FASTA '{path}' was not found.", path);

        var (bases, note) = GenomeStorage.Open(path, fullPath, options);
        try
        {
            var aliases = options.ChromosomeAliasesPath is { } aliasPath ? ChromosomeAliases.Read(aliasPath, bases.Names) : [];
            return new Genome(path, bases, aliases, note);
        }
        catch
        {
            bases.Dispose();
            throw;
        }
    }

    /// <summary>A genome over chromosome arrays (tests and samplers build small genomes this way).</summary>
    internal static Genome FromArrays(string path, IReadOnlyDictionary<string, byte[]> sequences) =>
        new(path, InMemoryGenomeBases.Of(sequences), [], null);

    /// <summary>Closes the FASTA of an indexed genome; nothing to do for one in memory.</summary>
    public void Dispose() => _bases.Dispose();

    /// <summary>Whether the genome has a chromosome of this name (case-sensitive).</summary>
    /// <remarks>Aliases count too.</remarks>
    public bool Contains(string chromosome) => chromosome is not null && _index.ContainsKey(chromosome);

    /// <summary>The number of bases of <paramref name="chromosome"/>.</summary>
    /// <exception cref="ArgumentException">The genome has no such chromosome.</exception>
    public int LengthOf(string chromosome) => (int)_bases.LengthOf(IndexOf(chromosome));

    /// <summary>
    /// The bases <c>[start, start + length)</c> of <paramref name="chromosome"/> (0-based, end-exclusive,
    /// as BED coordinates), always exactly <paramref name="length"/> characters: positions before 0 or at
    /// or past the chromosome's end are filled with <c>N</c>. Case is kept.
    /// </summary>
    /// <exception cref="ArgumentException">The genome has no such chromosome.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public string Slice(string chromosome, long start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int index = IndexOf(chromosome);
        return string.Create(length, (_bases, index, start), static (span, state) => state._bases.Read(state.index, state.start, span));
    }

    /// <summary>"'chr1', 'chr2', … (24 in all)": a few names for messages.</summary>
    internal string ListSomeNames() =>
        string.Join(", ", _chromosomes.Take(ListedNames).Select(n => $"'{n}'"))
        + (_chromosomes.Length > ListedNames ? $", … ({_chromosomes.Length} in all)" : "");

    /// <summary>
    /// For messages about a chromosome the genome lacks: when the name differs from one of the
    /// genome's only by the <c>chr</c> prefix (UCSC <c>chr1</c> against Ensembl/NCBI <c>1</c>), a
    /// sentence naming both styles; either way it points to chromosome alias files.
    /// </summary>
    internal string NamingHint(string chromosome)
    {
        string other = chromosome.StartsWith("chr", StringComparison.OrdinalIgnoreCase) ? chromosome[3..] : "chr" + chromosome;
        string? match = _chromosomes.FirstOrDefault(c => string.Equals(c, other, StringComparison.OrdinalIgnoreCase));
        if (match is null) return " If the input names the genome's chromosomes another way, give a chromosome alias file (--chrom-aliases, GenomeLoadOptions.ChromosomeAliasesPath).";
        bool genomeUcsc = match.StartsWith("chr", StringComparison.OrdinalIgnoreCase);
        string ucsc = "UCSC names ('chr1')", ensembl = "Ensembl/NCBI names ('1')";
        return $" The genome has '{match}': it uses {(genomeUcsc ? ucsc : ensembl)} and this input {(genomeUcsc ? ensembl : ucsc)}; "
            + "rename the chromosomes of one of them to match, or give a chromosome alias file (--chrom-aliases, GenomeLoadOptions.ChromosomeAliasesPath).";
    }

    /// <summary>The genome's own name for <paramref name="chromosome"/> (itself, or what it is an alias of), or null when unknown.</summary>
    internal string? CanonicalName(string chromosome) => _index.TryGetValue(chromosome, out int i) ? _chromosomes[i] : null;

    /// <summary>The index (in <see cref="Chromosomes"/>) of a chromosome or alias.</summary>
    /// <exception cref="ArgumentException">The genome has no such chromosome; the message names some it has and how naming styles differ.</exception>
    internal int IndexOf(string chromosome)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        if (_index.TryGetValue(chromosome, out int index))
            return index;
        throw new ArgumentException(
            $"The genome '{Path}' has no chromosome '{chromosome}'. Its chromosomes: {ListSomeNames()}.{NamingHint(chromosome)}", nameof(chromosome));
    }
}
