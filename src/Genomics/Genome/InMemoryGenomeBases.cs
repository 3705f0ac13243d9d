using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>A genome held as one ASCII byte array per chromosome (a FASTA read whole, or arrays a test builds).</summary>
internal sealed class InMemoryGenomeBases : GenomeBases
{
    private readonly string[] _names;
    private readonly byte[][] _bases;

    /// <summary>Wraps the arrays (not copied; nobody may write to them afterwards).</summary>
    public InMemoryGenomeBases(IReadOnlyList<string> names, IReadOnlyDictionary<string, byte[]> sequences)
    {
        _names = names.ToArray();
        _bases = _names.Select(n => sequences[n]).ToArray();
    }

    /// <summary>Wraps a name → bases map, chromosomes in the map's order.</summary>
    public static InMemoryGenomeBases Of(IReadOnlyDictionary<string, byte[]> sequences) => new(sequences.Keys.ToArray(), sequences);

    /// <inheritdoc/>
    public override IReadOnlyList<string> Names => _names;

    /// <inheritdoc/>
    public override long LengthOf(int chromosome) => _bases[chromosome].LongLength;

    /// <summary>The array itself, for the plain scan loop benchmark that reads raw bytes.</summary>
    public byte[] Array(int chromosome) => _bases[chromosome];

    /// <inheritdoc/>
    // Overridden so the scanner's hot path converts straight from the array, without a second copy.
    public override void Read(int chromosome, long start, Span<char> destination)
    {
        var (lead, first, count) = Inside(chromosome, start, destination.Length);
        destination[..lead].Fill('N');
        Encoding.Latin1.GetChars(_bases[chromosome].AsSpan((int)first, count), destination.Slice(lead, count));
        destination[(lead + count)..].Fill('N');
    }

    /// <inheritdoc/>
    protected override void ReadInside(int chromosome, long start, Span<byte> destination) =>
        _bases[chromosome].AsSpan((int)start, destination.Length).CopyTo(destination);
}
