using System.Buffers.Binary;
using System.IO.Compression;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads and unpacks bigWig data blocks: zlib-compressed unless the header's uncompressBufSize is
/// 0. zlib's Adler-32 is the format's only checksum, so a flipped byte in a block is found here;
/// every record is also checked to lie inside its block and on the chromosome the index promised.
/// </summary>
internal static class BigWigBlocks
{
    public const int MaxBlockSize = 64 << 20;

    /// <summary>The block's bytes, decompressed. <paramref name="maxSize"/> is the header's uncompressBufSize (0: stored raw).</summary>
    public static byte[] Load(BigWigFileAccess file, BigWigIndex.Block block, uint maxSize)
    {
        // Real blocks hold itemsPerSlot records (UCSC: 1024, about 12 KiB); a size beyond this is
        // a damaged index, refused before allocating it.
        if (block.Size > MaxBlockSize) throw file.Damaged(block.Offset, $"the index gives a block of {block.Size} bytes, larger than any real block");
        byte[] stored = file.Read(block.Offset, block.Size, "a data block");
        if (maxSize == 0) return stored;
        byte[] buffer = new byte[maxSize];
        int length = 0;
        bool overflow = false;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress);
            int n;
            while ((n = zlib.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
                // A full buffer must also be the end of the stream: more than the header promised
                // comes only from a damaged block.
                if (length == buffer.Length && zlib.ReadByte() >= 0)
                {
                    overflow = true;
                    break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw file.Damaged(block.Offset, $"the zlib data block of {block.Size} bytes does not decompress (checksum or data error: {e.Message})", e);
        }
        if (overflow) throw file.Damaged(block.Offset, $"a data block decompresses to more than the header's uncompressBufSize ({maxSize} bytes)");
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Writes the values of the block's records on chromosome <paramref name="chromosomeId"/> into
    /// <paramref name="destination"/>, which holds bases [start, start + length).
    /// </summary>
    public static void Fill(BigWigFileAccess file, BigWigIndex.Block block, byte[] data, uint chromosomeCount, uint chromosomeId, long start, Span<float> destination)
    {
        int at = 0;
        while (at < data.Length)
        {
            long sectionOffset = block.Offset;
            if (data.Length - at < BigWigLayout.SectionHeaderSize)
                throw file.Damaged(sectionOffset, $"a data block ends {data.Length - at} bytes into a section header (byte {at} of {data.Length} decompressed)");
            var header = data.AsSpan(at, BigWigLayout.SectionHeaderSize);
            uint chromosome = BinaryPrimitives.ReadUInt32LittleEndian(header);
            uint sectionStart = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            uint step = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            uint span = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
            byte type = header[20];
            int count = BinaryPrimitives.ReadUInt16LittleEndian(header[22..]);
            if (chromosome >= chromosomeCount)
                throw file.Damaged(sectionOffset, $"a section (byte {at} of the decompressed block) names chromosome id {chromosome}, but the file declares {chromosomeCount} chromosomes");
            int itemSize = type switch
            {
                BigWigLayout.BedGraphSection => 12,
                BigWigLayout.VariableStepSection => 8,
                BigWigLayout.FixedStepSection => 4,
                _ => throw file.Damaged(sectionOffset, $"a section (byte {at} of the decompressed block) has type {type}, not 1 (bedGraph), 2 (variableStep) or 3 (fixedStep)"),
            };
            at += BigWigLayout.SectionHeaderSize;
            if ((long)count * itemSize > data.Length - at)
                throw file.Damaged(sectionOffset, $"a section (byte {at - BigWigLayout.SectionHeaderSize} of the decompressed block) declares {count} records of {itemSize} bytes, more than the {data.Length - at} bytes left in the block");
            var items = data.AsSpan(at, count * itemSize);
            at += count * itemSize;
            if (chromosome != chromosomeId) continue;
            for (int i = 0; i < count; i++)
            {
                var item = items.Slice(i * itemSize, itemSize);
                long from, to;
                float value;
                switch (type)
                {
                    case BigWigLayout.BedGraphSection:
                        from = BinaryPrimitives.ReadUInt32LittleEndian(item);
                        to = BinaryPrimitives.ReadUInt32LittleEndian(item[4..]);
                        value = BinaryPrimitives.ReadSingleLittleEndian(item[8..]);
                        break;
                    case BigWigLayout.VariableStepSection:
                        from = BinaryPrimitives.ReadUInt32LittleEndian(item);
                        to = from + span;
                        value = BinaryPrimitives.ReadSingleLittleEndian(item[4..]);
                        break;
                    default:
                        from = sectionStart + (long)step * i;
                        to = from + span;
                        value = BinaryPrimitives.ReadSingleLittleEndian(item);
                        break;
                }
                if (to < from)
                    throw file.Damaged(sectionOffset, $"a record ends ({to}) before it starts ({from})");
                long lo = Math.Max(from, start), hi = Math.Min(to, start + destination.Length);
                if (hi > lo) destination.Slice((int)(lo - start), (int)(hi - lo)).Fill(value);
            }
        }
    }
}
