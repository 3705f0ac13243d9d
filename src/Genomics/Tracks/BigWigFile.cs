using System.Buffers.Binary;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A bigWig file (UCSC; Kent et al. 2010) read by region: each read walks the R-tree index to the
/// data blocks that overlap the region and decompresses only those, so memory follows the region,
/// never the file. Reads are thread-safe (positioned reads, no shared state). Files written on
/// big-endian machines are refused with a message saying so.
/// </summary>
public sealed class BigWigFile : ICoverageTrack
{
    private readonly BigWigFileAccess _file;
    private readonly Dictionary<string, uint> _ids;
    private readonly long _indexOffset;
    private readonly uint _uncompressedSize;
    private readonly (int Reduction, long IndexOffset)[] _zooms;
    private readonly bool _missingAsZero;
    private readonly BigWigBlockCache _cache = new(8);
    private int _blocksLoaded;

    private BigWigFile(BigWigFileAccess file, bool missingAsZero)
    {
        _file = file;
        _missingAsZero = missingAsZero;
        if (file.Length < BigWigLayout.HeaderSize)
            throw file.Damaged(0, $"the file has {file.Length} bytes, fewer than the {BigWigLayout.HeaderSize}-byte bigWig header");
        byte[] header = file.Read(0, BigWigLayout.HeaderSize, "the header");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic == BigWigLayout.SwappedMagic)
            throw new InvalidDataException($"bigWig '{file.Path}' was written on a big-endian machine (byte-swapped magic at offset 0), which this reader does not support; convert it with bigWigToBedGraph and bedGraphToBigWig.");
        if (magic != BigWigLayout.Magic)
            throw file.Damaged(0, $"the magic number is 0x{magic:X8}, not bigWig's 0x{BigWigLayout.Magic:X8}");
        int zoomCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
        long chromosomeTree = Offset(header, 8, "the chromosome tree offset");
        _indexOffset = Offset(header, 24, "the index offset");
        long summaryOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(44));
        _uncompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(52));
        // 64 MiB is far above any writer's block (UCSC: itemsPerSlot × 12 bytes); more is damage, not data.
        if (_uncompressedSize > BigWigBlocks.MaxBlockSize)
            throw file.Damaged(52, $"uncompressBufSize is {_uncompressedSize} bytes, larger than any real block");

        byte[] zoomHeaders = file.Read(BigWigLayout.HeaderSize, (long)zoomCount * BigWigLayout.ZoomHeaderSize, "the zoom headers");
        _zooms = new (int, long)[zoomCount];
        for (int i = 0; i < zoomCount; i++)
        {
            int at = i * BigWigLayout.ZoomHeaderSize;
            uint reduction = BinaryPrimitives.ReadUInt32LittleEndian(zoomHeaders.AsSpan(at));
            if (reduction is 0 or > int.MaxValue) throw file.Damaged(BigWigLayout.HeaderSize + at, $"zoom level {i} has reduction {reduction}");
            _zooms[i] = ((int)reduction, Offset(zoomHeaders, at + 16, $"zoom level {i}'s index offset", BigWigLayout.HeaderSize));
        }
        ZoomLevels = _zooms.Select(z => z.Reduction).ToArray();

        if (summaryOffset != 0)
        {
            byte[] summary = file.Read(summaryOffset, BigWigLayout.TotalSummarySize, "the total summary");
            Summary = new BigWigSummary(0, 0, (long)BinaryPrimitives.ReadUInt64LittleEndian(summary),
                BinaryPrimitives.ReadDoubleLittleEndian(summary.AsSpan(8)), BinaryPrimitives.ReadDoubleLittleEndian(summary.AsSpan(16)),
                BinaryPrimitives.ReadDoubleLittleEndian(summary.AsSpan(24)), BinaryPrimitives.ReadDoubleLittleEndian(summary.AsSpan(32)));
        }

        var chromosomes = BigWigChromosomeTree.Read(file, chromosomeTree);
        Chromosomes = chromosomes;
        _ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (int id = 0; id < chromosomes.Length; id++)
            if (!_ids.TryAdd(chromosomes[id].Name, (uint)id))
                throw file.Damaged(chromosomeTree, $"chromosome '{chromosomes[id].Name}' is declared twice");
    }

    /// <summary>Opens a bigWig file; reads only its header and chromosome list until regions are read.</summary>
    /// <param name="path">The bigWig file.</param>
    /// <param name="options">How to open it (what a missing chromosome means); null for the defaults.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a bigWig, is big-endian, or its header or chromosome tree is damaged; the message names the file and offset.</exception>
    public static BigWigFile Open(string path, CoverageTrackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"bigWig '{path}' does not exist.", path);
        var file = new BigWigFileAccess(path);
        try
        {
            return new BigWigFile(file, options?.MissingAsZero ?? false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Source => _file.Path;

    /// <inheritdoc/>
    public IReadOnlyList<TrackChromosome> Chromosomes { get; }

    /// <summary>The zoom levels' reductions (bases each summary record stands for, at most), coarser with each level.</summary>
    public IReadOnlyList<int> ZoomLevels { get; }

    /// <summary>The file's total summary (covered bases, min, max, sum, sum of squares), or null when the file has none (versions before 2).</summary>
    public BigWigSummary? Summary { get; }

    /// <summary>Bytes read from the file so far: a region read must stay near its own blocks.</summary>
    internal long BytesRead => _file.BytesRead;

    /// <summary>Data and zoom blocks read and decompressed so far (not counting cache hits).</summary>
    internal int BlocksLoaded => Volatile.Read(ref _blocksLoaded);

    /// <inheritdoc/>
    public void Read(string chromosome, long start, Span<float> destination)
    {
        destination.Clear();
        if (!TryFind(chromosome, out uint id)) return;
        long from = Math.Max(start, 0), to = Math.Min(start + destination.Length, Chromosomes[(int)id].Length);
        if (to <= from) return;
        foreach (var block in BigWigIndex.Overlapping(_file, _indexOffset, id, from, to))
        {
            byte[] data = Load(block);
            BigWigBlocks.Fill(_file, block, data, (uint)Chromosomes.Count, id, start, destination);
        }
    }

    /// <summary>
    /// The summary records of zoom level <paramref name="level"/> (0: the finest) that overlap
    /// bases [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="chromosome"/>,
    /// in order. Records may reach past the region; a chromosome with no data has none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not one of <see cref="ZoomLevels"/>' indices.</exception>
    /// <exception cref="KeyNotFoundException">The file does not declare <paramref name="chromosome"/> and was not opened with <see cref="CoverageTrackOptions.MissingAsZero"/>.</exception>
    /// <exception cref="InvalidDataException">The zoom data is damaged; the message names the file and offset.</exception>
    public IReadOnlyList<BigWigSummary> ReadZoom(string chromosome, long start, long end, int level)
    {
        if (level < 0 || level >= _zooms.Length)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"bigWig '{Source}' has {_zooms.Length} zoom levels (0 to {_zooms.Length - 1}).");
        var records = new List<BigWigSummary>();
        if (!TryFind(chromosome, out uint id) || end <= start) return records;
        foreach (var block in BigWigIndex.Overlapping(_file, _zooms[level].IndexOffset, id, Math.Max(start, 0), end))
        {
            byte[] data = Load(block);
            if (data.Length % BigWigLayout.ZoomRecordSize != 0)
                throw _file.Damaged(block.Offset, $"a zoom block holds {data.Length} bytes, not a whole number of {BigWigLayout.ZoomRecordSize}-byte records");
            for (int at = 0; at < data.Length; at += BigWigLayout.ZoomRecordSize)
            {
                var item = data.AsSpan(at, BigWigLayout.ZoomRecordSize);
                uint chromosomeId = BinaryPrimitives.ReadUInt32LittleEndian(item);
                if (chromosomeId >= Chromosomes.Count)
                    throw _file.Damaged(block.Offset, $"a zoom record (byte {at} of the decompressed block) names chromosome id {chromosomeId}, but the file declares {Chromosomes.Count} chromosomes");
                long recordStart = BinaryPrimitives.ReadUInt32LittleEndian(item[4..]), recordEnd = BinaryPrimitives.ReadUInt32LittleEndian(item[8..]);
                if (chromosomeId != id || recordEnd <= start || recordStart >= end) continue;
                records.Add(new BigWigSummary(recordStart, recordEnd, BinaryPrimitives.ReadUInt32LittleEndian(item[12..]),
                    BinaryPrimitives.ReadSingleLittleEndian(item[16..]), BinaryPrimitives.ReadSingleLittleEndian(item[20..]),
                    BinaryPrimitives.ReadSingleLittleEndian(item[24..]), BinaryPrimitives.ReadSingleLittleEndian(item[28..])));
            }
        }
        records.Sort((a, b) => a.Start.CompareTo(b.Start));
        return records;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();

    // Cached blocks are shared between threads: they are only ever read.
    private byte[] Load(BigWigIndex.Block block) => _cache.GetOrLoad(block.Offset, () =>
    {
        Interlocked.Increment(ref _blocksLoaded);
        return BigWigBlocks.Load(_file, block, _uncompressedSize);
    });

    private bool TryFind(string chromosome, out uint id)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        if (_ids.TryGetValue(chromosome, out id)) return true;
        if (_missingAsZero) return false;
        throw new KeyNotFoundException($"Coverage track '{Source}' has no chromosome '{chromosome}' (its chromosomes: {string.Join(", ", Chromosomes.Take(10).Select(c => c.Name))}{(Chromosomes.Count > 10 ? ", …" : "")}); use --missing-as-zero to read it as zeros.");
    }

    private long Offset(byte[] buffer, int at, string what, long bufferOffset = 0)
    {
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(at));
        if (offset >= (ulong)_file.Length)
            throw _file.Damaged(bufferOffset + at, $"{what} is {offset}, past the end of the file ({_file.Length} bytes); the file is truncated or damaged");
        return (long)offset;
    }
}
