namespace Cnn.MLNet.Genomics;

/// <summary>How <see cref="BigWigWriter"/> lays out a bigWig; the defaults are UCSC bedGraphToBigWig's.</summary>
public sealed class BigWigWriteOptions
{
    /// <summary>Records per compressed data block (UCSC: 1024). Smaller blocks make small region reads cheaper and files larger.</summary>
    public int ItemsPerSlot { get; set; } = 1024;

    /// <summary>Children per node of the chromosome tree and the R-tree index (UCSC: 256).</summary>
    public int BlockSize { get; set; } = 256;

    /// <summary>
    /// Whether runs of zeros are written as records when writing from a track or arrays (false, the
    /// default: uncovered bases read 0 anyway, and omitting them keeps prediction files small).
    /// </summary>
    public bool KeepZeros { get; set; }
}
