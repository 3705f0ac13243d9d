using System.Buffers;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Where a <see cref="Genome"/>'s bases live: in memory (<see cref="InMemoryGenomeBases"/>) or in an
/// indexed FASTA on disk (<see cref="IndexedGenomeBases"/>). Chromosomes are addressed by their
/// index in file order; reads outside a chromosome come back as <c>N</c>, case kept, so every
/// consumer (slices, scans, the GC sampler) cuts the same bases from either storage.
/// </summary>
/// <remarks>Implementations must allow concurrent reads: scan cursors may run in parallel.</remarks>
internal abstract class GenomeBases : IDisposable
{
    /// <summary>The chromosome names, in file order.</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>The number of bases of chromosome <paramref name="chromosome"/> (an index into <see cref="Names"/>).</summary>
    public abstract long LengthOf(int chromosome);

    /// <summary>Fills <paramref name="destination"/> with the bases from <paramref name="start"/> on, <c>N</c> outside the chromosome.</summary>
    public void Read(int chromosome, long start, Span<byte> destination)
    {
        var (lead, first, count) = Inside(chromosome, start, destination.Length);
        destination[..lead].Fill((byte)'N');
        if (count > 0) ReadInside(chromosome, first, destination.Slice(lead, count));
        destination[(lead + count)..].Fill((byte)'N');
    }

    /// <summary>As <see cref="Read(int, long, Span{byte})"/>, into characters (one per base).</summary>
    public virtual void Read(int chromosome, long start, Span<char> destination)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(destination.Length);
        try
        {
            var bytes = buffer.AsSpan(0, destination.Length);
            Read(chromosome, start, bytes);
            // Latin-1 maps each byte to the char of the same code, as a (char) cast does, but vectorised.
            Encoding.Latin1.GetChars(bytes, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads bases that all lie inside the chromosome.</summary>
    protected abstract void ReadInside(int chromosome, long start, Span<byte> destination);

    /// <summary>For a read of <paramref name="length"/> bases from <paramref name="start"/>: the N bases before the chromosome, and the first base and count inside it.</summary>
    protected (int Lead, long First, int Count) Inside(int chromosome, long start, int length)
    {
        long size = LengthOf(chromosome);
        long first = Math.Clamp(start, 0, size);
        long last = Math.Clamp(start + length, 0, size);
        int lead = (int)Math.Min(length, Math.Max(0, -start));
        return (lead, first, (int)Math.Max(0, last - first));
    }

    /// <inheritdoc/>
    public virtual void Dispose() { }
}
