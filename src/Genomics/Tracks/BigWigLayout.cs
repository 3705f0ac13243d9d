namespace Cnn.MLNet.Genomics;

/// <summary>
/// The bigWig format's fixed numbers (UCSC bbiFile.h, bwgInternal.h; Kent et al. 2010): magic
/// numbers, record sizes and section types. All integers are little-endian in files this library
/// reads and writes; files written on big-endian machines carry the magic byte-swapped.
/// </summary>
internal static class BigWigLayout
{
    public const uint Magic = 0x888FFC26;
    public const uint SwappedMagic = 0x26FC8F88;
    public const uint ChromosomeTreeMagic = 0x78CA8C91;
    public const uint IndexMagic = 0x2468ACE0;

    /// <summary>magic, version, zoomLevels, chromTreeOffset, dataOffset, indexOffset, fieldCount, definedFieldCount, autoSqlOffset, totalSummaryOffset, uncompressBufSize, extensionOffset.</summary>
    public const int HeaderSize = 64;
    /// <summary>reductionLevel, reserved, dataOffset, indexOffset.</summary>
    public const int ZoomHeaderSize = 24;
    /// <summary>UCSC's writers reserve room for this many zoom headers.</summary>
    public const int MaxZoomLevels = 10;
    /// <summary>validCount (u64), min, max, sum, sumSquares (doubles).</summary>
    public const int TotalSummarySize = 40;
    /// <summary>magic, blockSize, keySize, valSize, itemCount (u64), reserved (u64).</summary>
    public const int ChromosomeTreeHeaderSize = 32;
    /// <summary>magic, blockSize, itemCount (u64), startChrom, startBase, endChrom, endBase, endFileOffset (u64), itemsPerSlot, reserved.</summary>
    public const int IndexHeaderSize = 48;
    /// <summary>isLeaf, reserved, count (u16).</summary>
    public const int NodeHeaderSize = 4;
    /// <summary>A leaf entry of the R-tree: the range (4 × u32), dataOffset and dataSize (u64).</summary>
    public const int IndexLeafItemSize = 32;
    /// <summary>An inner entry of the R-tree: the range (4 × u32) and the child's offset (u64).</summary>
    public const int IndexInnerItemSize = 24;
    /// <summary>chromId, chromStart, chromEnd, itemStep, itemSpan, type (u8), reserved (u8), itemCount (u16).</summary>
    public const int SectionHeaderSize = 24;
    /// <summary>chromId, start, end, validCount, then min, max, sum, sumSquares as floats.</summary>
    public const int ZoomRecordSize = 32;

    public const byte BedGraphSection = 1;
    public const byte VariableStepSection = 2;
    public const byte FixedStepSection = 3;

    /// <summary>Trees deeper than this are loops in a damaged file, not real indexes.</summary>
    public const int MaxTreeDepth = 32;
}
