using System.Collections.ObjectModel;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A reference genome: chromosome names, lengths and bases, read with <see cref="Slice"/>. Case is
/// kept, because lowercase marks soft-masked (repeat) bases. Load it once and share it: every
/// interval view, sampler and scan reads from the same copy.
/// </summary>
/// <remarks>
/// Today the bases are held in memory (one ASCII byte array per chromosome, internal). The public
/// surface deliberately exposes no arrays, so an indexed on-disk genome (<c>.fai</c>/<c>.gzi</c>)
/// can take their place without changing callers.
/// </remarks>
public sealed class Genome
{
    private const int ListedNames = 5;
    private readonly Dictionary<string, byte[]> _sequences;
    private readonly string[] _chromosomes;

    private Genome(string path, string[] chromosomes, Dictionary<string, byte[]> sequences)
    {
        Path = path;
        _chromosomes = chromosomes;
        _sequences = sequences;
        Sequences = new ReadOnlyDictionary<string, byte[]>(sequences);
    }

    /// <summary>The FASTA path as the caller gave it, for messages.</summary>
    public string Path { get; }

    /// <summary>The chromosome names (the first word of each header), in file order.</summary>
    public IReadOnlyList<string> Chromosomes => _chromosomes;

    /// <summary>Chromosome name → its bases as ASCII bytes (case kept). Names are case-sensitive.</summary>
    /// <remarks>The arrays are the genome's own, shared by every reader: do not write to them.</remarks>
    internal IReadOnlyDictionary<string, byte[]> Sequences { get; }

    /// <summary>The total number of bases over all chromosomes.</summary>
    public long TotalLength => _sequences.Values.Sum(s => (long)s.Length);

    /// <summary>
    /// Loads a genome FASTA (multi-record, wrapped lines of any width, optionally gzip-compressed).
    /// Blank lines and <c>;</c> comment lines are ignored; each chromosome is named by the first
    /// word of its header.
    /// </summary>
    /// <param name="path">The FASTA file (<c>.fa</c>, <c>.fasta</c>, <c>.fa.gz</c>, …).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">
    /// The file has no records, content comes before the first header, a header has no name, a
    /// chromosome name repeats, a record has no sequence lines, or a line holds a character other
    /// than an ASCII letter. The message names the file and line.
    /// </exception>
    public static Genome Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"Genome FASTA '{path}' was not found.", path);

        using var lines = LineReader.Open(path, fullPath);
        var builder = new GenomeBuilder(path);
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            var content = line.AsSpan().Trim();
            if (content.IsEmpty || content[0] == ';')
                continue;
            if (content[0] == '>')
                builder.StartRecord(content, lines.LineNumber);
            else
                builder.AppendBases(content, lines.LineNumber);
        }
        var (names, sequences) = builder.Finish(lines.LineNumber);
        return new Genome(path, names, sequences);
    }

    /// <summary>Whether the genome has a chromosome of this name (case-sensitive).</summary>
    public bool Contains(string chromosome) => _sequences.ContainsKey(chromosome);

    /// <summary>The number of bases of <paramref name="chromosome"/>.</summary>
    /// <exception cref="ArgumentException">The genome has no such chromosome.</exception>
    public int LengthOf(string chromosome) => Bases(chromosome).Length;

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
        byte[] bases = Bases(chromosome);
        return string.Create(length, (bases, start), static (span, state) => Copy(state.bases, state.start, span));
    }

    /// <summary>
    /// Writes the bases <c>[start, start + destination.Length)</c> of <paramref name="bases"/> into
    /// <paramref name="destination"/> as <see cref="Slice"/> returns them (N outside the chromosome,
    /// case kept). The genome scanner fills a reused buffer with it, so a window costs no string.
    /// </summary>
    internal static void Copy(byte[] bases, long start, Span<char> destination)
    {
        long first = Math.Clamp(start, 0, bases.Length);
        long last = Math.Clamp(start + destination.Length, 0, bases.Length);
        int lead = (int)Math.Min(destination.Length, Math.Max(0, -start));
        destination[..lead].Fill('N');
        int copied = (int)Math.Max(0, last - first);
        // Latin-1 maps each byte to the char of the same code, as a (char) cast does, but vectorised.
        Encoding.Latin1.GetChars(bases.AsSpan((int)first, copied), destination.Slice(lead, copied));
        destination[(lead + copied)..].Fill('N');
    }

    /// <summary>"'chr1', 'chr2', … (24 in all)": a few names for messages.</summary>
    internal string ListSomeNames() =>
        string.Join(", ", _chromosomes.Take(ListedNames).Select(n => $"'{n}'"))
        + (_chromosomes.Length > ListedNames ? $", … ({_chromosomes.Length} in all)" : "");

    /// <summary>
    /// For messages about a chromosome the genome lacks: when the name differs from one of the
    /// genome's only by the <c>chr</c> prefix (UCSC <c>chr1</c> against Ensembl/NCBI <c>1</c>), a
    /// sentence naming both styles; otherwise empty.
    /// </summary>
    internal string NamingHint(string chromosome)
    {
        string other = chromosome.StartsWith("chr", StringComparison.OrdinalIgnoreCase) ? chromosome[3..] : "chr" + chromosome;
        string? match = _chromosomes.FirstOrDefault(c => string.Equals(c, other, StringComparison.OrdinalIgnoreCase));
        if (match is null) return "";
        bool genomeUcsc = match.StartsWith("chr", StringComparison.OrdinalIgnoreCase);
        string ucsc = "UCSC names ('chr1')", ensembl = "Ensembl/NCBI names ('1')";
        return $" The genome has '{match}': it uses {(genomeUcsc ? ucsc : ensembl)} and this input {(genomeUcsc ? ensembl : ucsc)}; "
            + "rename the chromosomes of one of them to match.";
    }

    private byte[] Bases(string chromosome)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        if (_sequences.TryGetValue(chromosome, out var bases))
            return bases;
        throw new ArgumentException(
            $"The genome '{Path}' has no chromosome '{chromosome}'. Its chromosomes: {ListSomeNames()}.{NamingHint(chromosome)}", nameof(chromosome));
    }
}
