using System.Buffers.Binary;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads a bigWig's chromosome B+ tree (bbiFile.h: bptFile) into the list of chromosomes, indexed
/// by the ids the data sections use. The whole tree is read at open: it holds one entry per
/// chromosome, small next to the data.
/// </summary>
internal static class BigWigChromosomeTree
{
    public static TrackChromosome[] Read(BigWigFileAccess file, long offset)
    {
        byte[] header = file.Read(offset, BigWigLayout.ChromosomeTreeHeaderSize, "the chromosome tree header");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic != BigWigLayout.ChromosomeTreeMagic)
            throw file.Damaged(offset, $"the chromosome B+ tree magic is 0x{magic:X8}, not 0x{BigWigLayout.ChromosomeTreeMagic:X8}");
        uint keySize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        uint valueSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
        ulong itemCount = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(16));
        // A chromosome value is its id and its length (two u32); names longer than 255 would be a damaged key size.
        if (valueSize != 8) throw file.Damaged(offset + 12, $"the chromosome tree's value size is {valueSize}, not 8 (id and length)");
        if (keySize is 0 or > 255) throw file.Damaged(offset + 8, $"the chromosome tree's key size {keySize} is not 1 to 255");
        if (itemCount > (ulong)(file.Length / (keySize + valueSize)))
            throw file.Damaged(offset + 16, $"the chromosome tree declares {itemCount} chromosomes, more than the file can hold");
        var chromosomes = new TrackChromosome?[itemCount];
        ReadNode(file, offset + BigWigLayout.ChromosomeTreeHeaderSize, (int)keySize, chromosomes, 0);
        for (int id = 0; id < chromosomes.Length; id++)
            if (chromosomes[id] is null) throw file.Damaged(offset, $"the chromosome tree declares {itemCount} chromosomes but has no entry for id {id}");
        return chromosomes!;
    }

    private static void ReadNode(BigWigFileAccess file, long offset, int keySize, TrackChromosome?[] chromosomes, int depth)
    {
        if (depth > BigWigLayout.MaxTreeDepth) throw file.Damaged(offset, "the chromosome tree is deeper than any real one (a loop?)");
        byte[] header = file.Read(offset, BigWigLayout.NodeHeaderSize, "a chromosome tree node");
        bool leaf = header[0] != 0;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(2));
        int itemSize = keySize + 8;
        byte[] items = file.Read(offset + BigWigLayout.NodeHeaderSize, (long)count * itemSize, "a chromosome tree node's items");
        for (int i = 0; i < count; i++)
        {
            var item = items.AsSpan(i * itemSize, itemSize);
            long itemOffset = offset + BigWigLayout.NodeHeaderSize + (long)i * itemSize;
            if (!leaf)
            {
                ReadNode(file, (long)BinaryPrimitives.ReadUInt64LittleEndian(item[keySize..]), keySize, chromosomes, depth + 1);
                continue;
            }
            var key = item[..keySize];
            int nameLength = key.IndexOf((byte)0);
            string name = Encoding.ASCII.GetString(nameLength < 0 ? key : key[..nameLength]);
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(item[keySize..]);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(item[(keySize + 4)..]);
            if (name.Length == 0) throw file.Damaged(itemOffset, "a chromosome has an empty name");
            if (id >= chromosomes.Length) throw file.Damaged(itemOffset, $"chromosome '{name}' has id {id}, but the tree declares only {chromosomes.Length} chromosomes");
            if (chromosomes[id] is not null) throw file.Damaged(itemOffset, $"chromosome id {id} is given to both '{chromosomes[id]!.Name}' and '{name}'");
            chromosomes[id] = new TrackChromosome(name, length);
        }
    }
}
