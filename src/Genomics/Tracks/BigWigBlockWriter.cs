using System.IO.Compression;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Compresses blocks (zlib, as UCSC's compress()) into the output and remembers each one's place
/// and base range for the R-tree, and the largest uncompressed block for the header's
/// uncompressBufSize.
/// </summary>
internal sealed class BigWigBlockWriter(Stream output)
{
    private readonly MemoryStream _compressed = new();

    public List<BigWigTreeWriter.IndexEntry> Entries { get; } = [];

    public int MaxUncompressed { get; private set; }

    public void Write(ReadOnlySpan<byte> block, uint chromosome, uint start, uint end)
    {
        _compressed.SetLength(0);
        using (var zlib = new ZLibStream(_compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(block);
        long offset = output.Position;
        output.Write(_compressed.GetBuffer().AsSpan(0, (int)_compressed.Length));
        Entries.Add(new BigWigTreeWriter.IndexEntry(chromosome, start, chromosome, end, offset, _compressed.Length));
        MaxUncompressed = Math.Max(MaxUncompressed, block.Length);
    }
}
