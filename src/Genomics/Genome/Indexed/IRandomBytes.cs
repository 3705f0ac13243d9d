namespace Cnn.MLNet.Genomics;

/// <summary>The uncompressed bytes of a FASTA, readable at any offset: the plain file itself, or a BGZF file through its <c>.gzi</c>.</summary>
internal interface IRandomBytes
{
    /// <summary>The number of (uncompressed) bytes.</summary>
    long Length { get; }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/> on; the range lies inside <see cref="Length"/>.</summary>
    void Read(long offset, Span<byte> destination);
}
