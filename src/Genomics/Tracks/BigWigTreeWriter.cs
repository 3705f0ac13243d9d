using System.Buffers.Binary;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes a bigWig's two trees: the chromosome B+ tree (names to ids and lengths, keys sorted so
/// UCSC's lookup can descend it) and the R-tree index over data blocks, both built bottom-up and
/// written root first, as bbiFile.h lays them out.
/// </summary>
internal static class BigWigTreeWriter
{
    /// <summary>A leaf of the R-tree: a block and the range of bases it holds, from (StartChromosome, StartBase) to (EndChromosome, EndBase).</summary>
    public readonly record struct IndexEntry(uint StartChromosome, uint StartBase, uint EndChromosome, uint EndBase, long Offset, long Size);

    /// <summary>Writes the chromosome B+ tree at the stream's position; ids are the chromosomes' positions in the list.</summary>
    public static void WriteChromosomeTree(Stream stream, IReadOnlyList<TrackChromosome> chromosomes, int blockSize)
    {
        var sorted = chromosomes.Select((c, id) => (Key: Encoding.ASCII.GetBytes(c.Name), Id: (uint)id, Length: (uint)c.Length))
            .OrderBy(c => c.Key, ByteOrder.Instance).ToArray();
        int keySize = Math.Max(1, sorted.Length == 0 ? 1 : sorted.Max(c => c.Key.Length));
        int perNode = Math.Max(1, Math.Min(blockSize, sorted.Length));
        int itemSize = keySize + 8;
        // Every node, leaf or not, is written padded to perNode items (as UCSC does), so a level's
        // node offsets follow from the node size.
        int nodeSize = BigWigLayout.NodeHeaderSize + perNode * itemSize;
        var header = new byte[BigWigLayout.ChromosomeTreeHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, BigWigLayout.ChromosomeTreeMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)perNode);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)keySize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), 8);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), (ulong)sorted.Length);
        stream.Write(header);

        // Levels from the leaves up: level[0] holds the leaves' first item indices.
        var levelCounts = new List<int> { Math.Max(1, Ceiling(sorted.Length, perNode)) };
        while (levelCounts[^1] > 1) levelCounts.Add(Ceiling(levelCounts[^1], perNode));
        long position = stream.Position;
        var levelOffsets = new long[levelCounts.Count];
        for (int level = levelCounts.Count - 1; level >= 0; level--)
        {
            levelOffsets[level] = position;
            position += (long)levelCounts[level] * nodeSize;
        }
        // How many chromosomes one node of each level spans.
        var span = new long[levelCounts.Count];
        span[0] = perNode;
        for (int level = 1; level < span.Length; level++) span[level] = span[level - 1] * perNode;

        var node = new byte[nodeSize];
        for (int level = levelCounts.Count - 1; level >= 0; level--)
            for (int n = 0; n < levelCounts[level]; n++)
            {
                Array.Clear(node);
                long first = n * span[level];
                long childSpan = level == 0 ? 1 : span[level - 1];
                int count = (int)Math.Min(perNode, Ceiling(sorted.Length - first, childSpan));
                node[0] = level == 0 ? (byte)1 : (byte)0;
                BinaryPrimitives.WriteUInt16LittleEndian(node.AsSpan(2), (ushort)Math.Max(0, count));
                for (int i = 0; i < count; i++)
                {
                    var item = node.AsSpan(BigWigLayout.NodeHeaderSize + i * itemSize, itemSize);
                    var chromosome = sorted[first + i * childSpan];
                    chromosome.Key.CopyTo(item);
                    if (level == 0)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(item[keySize..], chromosome.Id);
                        BinaryPrimitives.WriteUInt32LittleEndian(item[(keySize + 4)..], chromosome.Length);
                    }
                    else
                    {
                        long child = (first / childSpan) + i;
                        BinaryPrimitives.WriteUInt64LittleEndian(item[keySize..], (ulong)(levelOffsets[level - 1] + child * nodeSize));
                    }
                }
                stream.Write(node);
            }
    }

    /// <summary>Writes an R-tree index over <paramref name="entries"/> (sorted) at the stream's position.</summary>
    public static void WriteIndex(Stream stream, IReadOnlyList<IndexEntry> entries, int blockSize, int itemsPerSlot, long dataEnd)
    {
        // Levels from the leaves up; each node is a run of entries of the level below.
        var levels = new List<List<(int First, int Count)>>();
        var level0 = new List<(int, int)>();
        for (int i = 0; i < Math.Max(1, entries.Count); i += blockSize) level0.Add((i, Math.Min(blockSize, entries.Count - i)));
        levels.Add(level0);
        while (levels[^1].Count > 1)
        {
            var below = levels[^1];
            var above = new List<(int, int)>();
            for (int i = 0; i < below.Count; i += blockSize) above.Add((i, Math.Min(blockSize, below.Count - i)));
            levels.Add(above);
        }
        // The range each node covers, from its first entry's start to its last entry's end (entries are sorted).
        var ranges = new List<(uint, uint, uint, uint)[]>();
        ranges.Add(levels[0].Select(n => n.Count == 0 ? default : (entries[n.First].StartChromosome, entries[n.First].StartBase, entries[n.First + n.Count - 1].EndChromosome, MaxEnd(entries, n))).ToArray());
        for (int level = 1; level < levels.Count; level++)
        {
            var below = ranges[level - 1];
            ranges.Add(levels[level].Select(n => (below[n.First].Item1, below[n.First].Item2, below[n.First + n.Count - 1].Item3, below[n.First + n.Count - 1].Item4)).ToArray());
        }
        long position = stream.Position + BigWigLayout.IndexHeaderSize;
        var offsets = new long[levels.Count][];
        for (int level = levels.Count - 1; level >= 0; level--)
        {
            int itemSize = level == 0 ? BigWigLayout.IndexLeafItemSize : BigWigLayout.IndexInnerItemSize;
            offsets[level] = new long[levels[level].Count];
            for (int n = 0; n < levels[level].Count; n++)
            {
                offsets[level][n] = position;
                position += BigWigLayout.NodeHeaderSize + (long)levels[level][n].Count * itemSize;
            }
        }

        var root = ranges[^1][0];
        var header = new byte[BigWigLayout.IndexHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, BigWigLayout.IndexMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)blockSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), (ulong)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), root.Item1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), root.Item2);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), root.Item3);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), root.Item4);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)dataEnd);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)itemsPerSlot);
        stream.Write(header);

        for (int level = levels.Count - 1; level >= 0; level--)
        {
            bool leaf = level == 0;
            int itemSize = leaf ? BigWigLayout.IndexLeafItemSize : BigWigLayout.IndexInnerItemSize;
            foreach (var (first, count) in levels[level])
            {
                var node = new byte[BigWigLayout.NodeHeaderSize + count * itemSize];
                node[0] = leaf ? (byte)1 : (byte)0;
                BinaryPrimitives.WriteUInt16LittleEndian(node.AsSpan(2), (ushort)count);
                for (int i = 0; i < count; i++)
                {
                    var item = node.AsSpan(BigWigLayout.NodeHeaderSize + i * itemSize, itemSize);
                    var range = leaf ? (entries[first + i].StartChromosome, entries[first + i].StartBase, entries[first + i].EndChromosome, entries[first + i].EndBase) : ranges[level - 1][first + i];
                    BinaryPrimitives.WriteUInt32LittleEndian(item, range.Item1);
                    BinaryPrimitives.WriteUInt32LittleEndian(item[4..], range.Item2);
                    BinaryPrimitives.WriteUInt32LittleEndian(item[8..], range.Item3);
                    BinaryPrimitives.WriteUInt32LittleEndian(item[12..], range.Item4);
                    if (leaf)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(item[16..], (ulong)entries[first + i].Offset);
                        BinaryPrimitives.WriteUInt64LittleEndian(item[24..], (ulong)entries[first + i].Size);
                    }
                    else BinaryPrimitives.WriteUInt64LittleEndian(item[16..], (ulong)offsets[level - 1][first + i]);
                }
                stream.Write(node);
            }
        }
    }

    // Entries are sorted and do not overlap, so the last entry ends last.
    private static uint MaxEnd(IReadOnlyList<IndexEntry> entries, (int First, int Count) node) => entries[node.First + node.Count - 1].EndBase;

    private static int Ceiling(long count, long per) => (int)((count + per - 1) / per);

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
