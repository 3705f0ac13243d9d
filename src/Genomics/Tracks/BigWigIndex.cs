using System.Buffers.Binary;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Walks a bigWig R-tree (bbiFile.h: cirTree) down to the data blocks that overlap one region of
/// one chromosome, reading only the nodes on the way: a region read costs the tree's depth plus
/// its blocks, never the whole file.
/// </summary>
internal static class BigWigIndex
{
    /// <summary>A data block: where it is and how many bytes it takes.</summary>
    public readonly record struct Block(long Offset, long Size);

    /// <summary>The blocks whose range overlaps bases [start, end) of chromosome <paramref name="chromosomeId"/>, in file order.</summary>
    public static List<Block> Overlapping(BigWigFileAccess file, long indexOffset, uint chromosomeId, long start, long end)
    {
        byte[] header = file.Read(indexOffset, BigWigLayout.IndexHeaderSize, "the R-tree index header");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic != BigWigLayout.IndexMagic)
            throw file.Damaged(indexOffset, $"the R-tree index magic is 0x{magic:X8}, not 0x{BigWigLayout.IndexMagic:X8}");
        var blocks = new List<Block>();
        Walk(file, indexOffset + BigWigLayout.IndexHeaderSize, chromosomeId, start, end, blocks, 0);
        return blocks;
    }

    private static void Walk(BigWigFileAccess file, long offset, uint chromosome, long start, long end, List<Block> blocks, int depth)
    {
        if (depth > BigWigLayout.MaxTreeDepth) throw file.Damaged(offset, "the R-tree index is deeper than any real one (a loop?)");
        byte[] header = file.Read(offset, BigWigLayout.NodeHeaderSize, "an R-tree node");
        bool leaf = header[0] != 0;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(2));
        int itemSize = leaf ? BigWigLayout.IndexLeafItemSize : BigWigLayout.IndexInnerItemSize;
        byte[] items = file.Read(offset + BigWigLayout.NodeHeaderSize, (long)count * itemSize, "an R-tree node's items");
        for (int i = 0; i < count; i++)
        {
            var item = items.AsSpan(i * itemSize, itemSize);
            uint startChromosome = BinaryPrimitives.ReadUInt32LittleEndian(item);
            uint startBase = BinaryPrimitives.ReadUInt32LittleEndian(item[4..]);
            uint endChromosome = BinaryPrimitives.ReadUInt32LittleEndian(item[8..]);
            uint endBase = BinaryPrimitives.ReadUInt32LittleEndian(item[12..]);
            // The item covers (startChromosome, startBase) up to (endChromosome, endBase), ordered
            // by chromosome id then base; it may span several chromosomes.
            bool startsBeforeEnd = startChromosome < chromosome || (startChromosome == chromosome && startBase < end);
            bool endsAfterStart = endChromosome > chromosome || (endChromosome == chromosome && endBase > start);
            if (!startsBeforeEnd || !endsAfterStart) continue;
            long target = (long)BinaryPrimitives.ReadUInt64LittleEndian(item[16..]);
            long itemOffset = offset + BigWigLayout.NodeHeaderSize + (long)i * itemSize;
            if (leaf)
            {
                long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(item[24..]);
                if (target < 0 || size < 0 || target > file.Length || size > file.Length - target)
                    throw file.Damaged(itemOffset, $"an R-tree leaf points to a block at offset {target} of {size} bytes, outside the file ({file.Length} bytes)");
                blocks.Add(new Block(target, size));
            }
            else
            {
                if (target < 0 || target >= file.Length) throw file.Damaged(itemOffset, $"an R-tree node points to a child at offset {target}, outside the file ({file.Length} bytes)");
                Walk(file, target, chromosome, start, end, blocks, depth + 1);
            }
        }
    }
}
