using System.Buffers.Binary;
using System.IO.Compression;

namespace Cnn.MLNet.Genomics.Tests.Tracks;

/// <summary>
/// Damaged bigWigs are <see cref="InvalidDataException"/>s that name the file and the offset:
/// truncation, a flipped byte in a compressed block (zlib's Adler-32), bad tree magic numbers and
/// offsets outside the file. Never a wrong value, a crash or a huge allocation.
/// </summary>
public class BigWigDamageTests
{
    private static readonly TrackChromosome[] s_chromosomes = [new("chr1", 200000), new("chr2", 100000)];

    private static string WriteSample(TrackTempFolder folder)
    {
        string path = folder.File("sample.bw");
        BigWigWriter.Write(path, s_chromosomes, BigWigWriterTests.RandomRecords(11, s_chromosomes));
        return path;
    }

    /// <summary>Opens the file and reads every base; the error that stops it.</summary>
    private static InvalidDataException ReadAll(string path) => Assert.Throws<InvalidDataException>(() =>
    {
        using var bigWig = BigWigFile.Open(path);
        var values = new float[1 << 16];
        foreach (var chromosome in bigWig.Chromosomes)
            for (long at = 0; at < chromosome.Length; at += values.Length) bigWig.Read(chromosome.Name, at, values);
    });

    private static void Patch(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }

    private static ulong U64(string path, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(File.ReadAllBytes(path).AsSpan((int)offset));

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.01)]
    public void TruncatedFile_NamesTheFileAndAnOffset(double keep)
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var error = ReadAll(path);
        Assert.Contains(path, error.Message);
        Assert.Contains("offset", error.Message);
    }

    [Fact]
    public void FlippedByteInACompressedBlock_FailsTheChecksum_NamingTheBlock()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        BigWigIndex.Block block;
        using (var access = new BigWigFileAccess(path))
            block = BigWigIndex.Overlapping(access, (long)U64(path, 24), 0, 0, 200000)[^1];
        byte[] bytes = File.ReadAllBytes(path);
        long at = block.Offset + (block.Size / 2);
        Patch(path, at, [(byte)(bytes[at] ^ 0x10)]);
        var error = ReadAll(path);
        Assert.Contains(path, error.Message);
        Assert.Contains($"offset {block.Offset}", error.Message);
        Assert.Contains("zlib", error.Message);
    }

    [Fact]
    public void BadChromosomeTreeMagic_NamesTheTreeOffset()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        long tree = (long)U64(path, 8);
        Patch(path, tree, [0xDE, 0xAD, 0xBE, 0xEF]);
        var error = Assert.Throws<InvalidDataException>(() => BigWigFile.Open(path));
        Assert.Contains($"'{path}' is damaged at offset {tree}", error.Message);
        Assert.Contains("0x78CA8C91", error.Message);
    }

    [Fact]
    public void BadIndexMagic_NamesTheIndexOffset()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        long index = (long)U64(path, 24);
        Patch(path, index, [0, 0, 0, 0]);
        var error = ReadAll(path);
        Assert.Contains($"'{path}' is damaged at offset {index}", error.Message);
        Assert.Contains("0x2468ACE0", error.Message);
    }

    [Fact]
    public void HeaderOffsetPastTheEnd_NamesTheHeaderField()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        Patch(path, 24, BitConverter.GetBytes(new FileInfo(path).Length + 100));
        var error = Assert.Throws<InvalidDataException>(() => BigWigFile.Open(path));
        Assert.Contains($"'{path}' is damaged at offset 24", error.Message);
    }

    [Fact]
    public void IndexLeafPointingOutsideTheFile_NamesTheLeaf()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        // Small files have a one-node R-tree: its root is a leaf right after the 48-byte header.
        long root = (long)U64(path, 24) + 48;
        Assert.Equal(1, File.ReadAllBytes(path)[root]);
        long firstItem = root + 4;
        Patch(path, firstItem + 16, BitConverter.GetBytes(long.MaxValue / 2));
        var error = ReadAll(path);
        Assert.Contains($"'{path}' is damaged at offset {firstItem}", error.Message);
        Assert.Contains("outside the file", error.Message);
    }

    /// <summary>
    /// Replaces the first data block with <paramref name="change"/>d contents, validly compressed
    /// (so zlib's checksum passes), appended at the end and pointed to by the R-tree's first leaf.
    /// Returns the new block's offset.
    /// </summary>
    private static long RewriteFirstBlock(string path, Action<byte[]> change)
    {
        long root = (long)U64(path, 24) + 48, firstItem = root + 4;
        long offset = (long)U64(path, firstItem + 16), size = (long)U64(path, firstItem + 24);
        byte[] file = File.ReadAllBytes(path);
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(file, (int)offset, (int)size), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] block = inflated.ToArray();
        change(block);
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(block);
        long newOffset = file.Length;
        using (var stream = new FileStream(path, FileMode.Append)) stream.Write(deflated.ToArray());
        Patch(path, firstItem + 16, BitConverter.GetBytes(newOffset));
        Patch(path, firstItem + 24, BitConverter.GetBytes(deflated.Length));
        return newOffset;
    }

    [Fact]
    public void SectionNamingAnUnknownChromosome_NamesTheBlock()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        long block = RewriteFirstBlock(path, b => BinaryPrimitives.WriteUInt32LittleEndian(b, 7));
        var error = ReadAll(path);
        Assert.Contains($"'{path}' is damaged at offset {block}", error.Message);
        Assert.Contains("chromosome id 7", error.Message);
    }

    [Fact]
    public void SectionClaimingMoreRecordsThanItsBlockHolds_NamesTheBlock()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        long block = RewriteFirstBlock(path, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(22), ushort.MaxValue));
        var error = ReadAll(path);
        Assert.Contains($"'{path}' is damaged at offset {block}", error.Message);
        Assert.Contains("65535 records", error.Message);
    }

    [Fact]
    public void SectionOfUnknownType_NamesTheBlock()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        long block = RewriteFirstBlock(path, b => b[20] = 9);
        var error = ReadAll(path);
        Assert.Contains($"'{path}' is damaged at offset {block}", error.Message);
        Assert.Contains("type 9", error.Message);
    }

    [Fact]
    public void BigEndianFile_IsRefusedSayingSo()
    {
        using var folder = new TrackTempFolder();
        string path = WriteSample(folder);
        Patch(path, 0, [0x88, 0x8F, 0xFC, 0x26]);
        var error = Assert.Throws<InvalidDataException>(() => CoverageTracks.Open(path));
        Assert.Contains("big-endian", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void NotABigWig_NamesTheMagic()
    {
        using var folder = new TrackTempFolder();
        string path = folder.File("text.bw");
        File.WriteAllText(path, new string('x', 200));
        var error = Assert.Throws<InvalidDataException>(() => BigWigFile.Open(path));
        Assert.Contains($"'{path}' is damaged at offset 0", error.Message);
        Assert.Contains("magic", error.Message);
    }
}
