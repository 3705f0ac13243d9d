using System.Buffers.Binary;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes bigWig files (version 4, as UCSC bedGraphToBigWig): bedGraph sections in
/// zlib-compressed blocks, the chromosome B+ tree, the R-tree index, the total summary and zoom
/// levels (which UCSC's bigWigInfo and bigWigSummary and pyBigWig's stats read). Files are written
/// all or nothing: into a temporary file beside the target, then renamed over it.
/// </summary>
public static class BigWigWriter
{
    private const int MaxReduction = int.MaxValue / 4;

    /// <summary>
    /// Writes <paramref name="records"/> as a bigWig. Records come sorted by the chromosomes'
    /// order in <paramref name="chromosomes"/> (which also gives the file's chromosome ids), then by
    /// start, without overlaps; they are streamed, so memory does not grow with their number.
    /// </summary>
    /// <param name="path">The bigWig to write (replaced if it exists).</param>
    /// <param name="chromosomes">The chromosomes and their lengths (at most 2^32 - 1 bases each).</param>
    /// <param name="records">The intervals and their values.</param>
    /// <param name="options">Block and tree sizes; null for UCSC's defaults.</param>
    /// <exception cref="ArgumentException">A record names a chromosome not in <paramref name="chromosomes"/>, is out of order, overlaps the previous one, is empty, passes its chromosome's end or has a NaN value; the message names the record. Nothing is written.</exception>
    public static void Write(string path, IReadOnlyList<TrackChromosome> chromosomes, IEnumerable<BedGraphRecord> records, BigWigWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(chromosomes);
        ArgumentNullException.ThrowIfNull(records);
        options ??= new BigWigWriteOptions();
        if (options.ItemsPerSlot is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(options), options.ItemsPerSlot, "ItemsPerSlot must be 1 to 65535 (a section counts its records in 16 bits).");
        if (options.BlockSize is < 2 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "BlockSize must be 2 to 65535 (a tree node counts its children in 16 bits).");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chromosome in chromosomes)
        {
            if (string.IsNullOrEmpty(chromosome.Name) || chromosome.Name.Any(c => c is <= ' ' or > '~'))
                throw new ArgumentException($"Chromosome name '{chromosome.Name}' is empty or not printable ASCII.", nameof(chromosomes));
            if (chromosome.Length is < 0 or > uint.MaxValue)
                throw new ArgumentException($"Chromosome '{chromosome.Name}' has length {chromosome.Length}; bigWig stores lengths in 32 bits.", nameof(chromosomes));
            if (!names.Add(chromosome.Name)) throw new ArgumentException($"Chromosome '{chromosome.Name}' is listed twice.", nameof(chromosomes));
        }

        AtomicFile.Write(path, output =>
        {
            // The records again, compactly, for the zoom passes (records are streamed once), beside the target and deleted on close.
            string scratchPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.records");
            using var scratch = new FileStream(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            WriteFile(output, scratch, chromosomes, records, options);
        });
    }

    /// <summary>
    /// Writes every chromosome of <paramref name="track"/> as a bigWig: runs of equal values become
    /// one record each; runs of zeros are left out unless <see cref="BigWigWriteOptions.KeepZeros"/>.
    /// For predictions held in arrays, pass an <see cref="InMemoryCoverageTrack"/>.
    /// </summary>
    /// <param name="path">The bigWig to write (replaced if it exists).</param>
    /// <param name="track">The track, read chromosome by chromosome in chunks.</param>
    /// <param name="options">Block sizes and zero handling; null for the defaults.</param>
    /// <exception cref="ArgumentException">The track has a NaN value; the message names where.</exception>
    public static void WriteTrack(string path, ICoverageTrack track, BigWigWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        Write(path, track.Chromosomes, Runs(track, options?.KeepZeros ?? false), options);
    }

    /// <summary>The track's runs of equal values, chromosome by chromosome (zero runs only when <paramref name="keepZeros"/>).</summary>
    internal static IEnumerable<BedGraphRecord> Runs(ICoverageTrack track, bool keepZeros)
    {
        const int Chunk = 1 << 20;
        var buffer = new float[Chunk];
        foreach (var chromosome in track.Chromosomes)
        {
            long runStart = 0;
            float runValue = 0;
            for (long at = 0; at < chromosome.Length; at += Chunk)
            {
                int length = (int)Math.Min(Chunk, chromosome.Length - at);
                track.Read(chromosome.Name, at, buffer.AsSpan(0, length));
                for (int i = 0; i < length; i++)
                {
                    if (buffer[i] == runValue && at + i > 0) continue;
                    if (at + i > runStart && (keepZeros || runValue != 0))
                        yield return new BedGraphRecord(chromosome.Name, runStart, at + i, runValue);
                    (runStart, runValue) = (at + i, buffer[i]);
                }
            }
            if (chromosome.Length > runStart && (keepZeros || runValue != 0))
                yield return new BedGraphRecord(chromosome.Name, runStart, chromosome.Length, runValue);
        }
    }

    private static void WriteFile(Stream output, FileStream scratch, IReadOnlyList<TrackChromosome> chromosomes, IEnumerable<BedGraphRecord> records, BigWigWriteOptions options)
    {
        // Header, room for UCSC's ten zoom headers, and the total summary: filled in at the end.
        output.Write(new byte[BigWigLayout.HeaderSize + BigWigLayout.MaxZoomLevels * BigWigLayout.ZoomHeaderSize + BigWigLayout.TotalSummarySize]);
        long chromosomeTreeOffset = output.Position;
        BigWigTreeWriter.WriteChromosomeTree(output, chromosomes, options.BlockSize);

        long dataOffset = output.Position;
        output.Write(new byte[8]);
        var data = new BigWigBlockWriter(output);
        var (recordCount, summary) = WriteData(data, scratch, chromosomes, records, options.ItemsPerSlot);
        long indexOffset = output.Position;
        BigWigTreeWriter.WriteIndex(output, data.Entries, options.BlockSize, options.ItemsPerSlot, indexOffset);

        var zooms = new List<(uint Reduction, long DataOffset, long IndexOffset)>();
        int maxUncompressed = data.MaxUncompressed;
        foreach (long reduction in Reductions(recordCount, summary.ValidCount, chromosomes))
        {
            long zoomData = output.Position;
            output.Write(new byte[4]);
            var blocks = new BigWigBlockWriter(output);
            var zoom = new BigWigZoomWriter(blocks, reduction, options.ItemsPerSlot, chromosomes);
            scratch.Position = 0;
            var record = new byte[16];
            while (scratch.Read(record) == record.Length)
                zoom.Add(BinaryPrimitives.ReadUInt32LittleEndian(record), BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(4)),
                    BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(8)), BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(12)));
            zoom.Finish();
            long zoomIndex = output.Position;
            BigWigTreeWriter.WriteIndex(output, blocks.Entries, options.BlockSize, options.ItemsPerSlot, zoomIndex);
            Patch(output, zoomData, BitConverter.GetBytes((uint)zoom.Records));
            zooms.Add(((uint)reduction, zoomData, zoomIndex));
            maxUncompressed = Math.Max(maxUncompressed, blocks.MaxUncompressed);
        }
        output.Seek(0, SeekOrigin.End);
        output.Write(BitConverter.GetBytes(BigWigLayout.Magic));

        var header = new byte[BigWigLayout.HeaderSize + BigWigLayout.MaxZoomLevels * BigWigLayout.ZoomHeaderSize + BigWigLayout.TotalSummarySize];
        var span = header.AsSpan();
        long summaryOffset = BigWigLayout.HeaderSize + (BigWigLayout.MaxZoomLevels * BigWigLayout.ZoomHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span, BigWigLayout.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], 4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)zooms.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)chromosomeTreeOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], (ulong)dataOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], (ulong)indexOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(span[44..], (ulong)summaryOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(span[52..], (uint)maxUncompressed);
        for (int i = 0; i < zooms.Count; i++)
        {
            var zoom = span[(BigWigLayout.HeaderSize + i * BigWigLayout.ZoomHeaderSize)..];
            BinaryPrimitives.WriteUInt32LittleEndian(zoom, zooms[i].Reduction);
            BinaryPrimitives.WriteUInt64LittleEndian(zoom[8..], (ulong)zooms[i].DataOffset);
            BinaryPrimitives.WriteUInt64LittleEndian(zoom[16..], (ulong)zooms[i].IndexOffset);
        }
        var total = span[(int)summaryOffset..];
        BinaryPrimitives.WriteUInt64LittleEndian(total, (ulong)summary.ValidCount);
        BinaryPrimitives.WriteDoubleLittleEndian(total[8..], summary.ValidCount == 0 ? 0 : summary.Min);
        BinaryPrimitives.WriteDoubleLittleEndian(total[16..], summary.ValidCount == 0 ? 0 : summary.Max);
        BinaryPrimitives.WriteDoubleLittleEndian(total[24..], summary.Sum);
        BinaryPrimitives.WriteDoubleLittleEndian(total[32..], summary.SumSquares);
        Patch(output, 0, header);
        Patch(output, dataOffset, BitConverter.GetBytes((ulong)data.Entries.Count));
    }

    /// <summary>Checks and packs the records into bedGraph sections, one chromosome per block; returns the record count and the total summary.</summary>
    private static (long Records, BigWigSummary Total) WriteData(BigWigBlockWriter data, FileStream scratch, IReadOnlyList<TrackChromosome> chromosomes, IEnumerable<BedGraphRecord> records, int itemsPerSlot)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < chromosomes.Count; i++) ids[chromosomes[i].Name] = i;
        var block = new byte[BigWigLayout.SectionHeaderSize + itemsPerSlot * 12];
        var scratchBuffer = new BufferedStream(scratch, 1 << 16);
        var packed = new byte[16];
        int count = 0, chromosome = -1;
        long previousEnd = 0, index = 0, valid = 0;
        uint blockStart = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;

        void Flush()
        {
            if (count == 0) return;
            var header = block.AsSpan(0, BigWigLayout.SectionHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)chromosome);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], blockStart);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)previousEnd);
            BinaryPrimitives.WriteUInt64LittleEndian(header[12..], 0); // itemStep, itemSpan: unused by bedGraph sections
            header[20] = BigWigLayout.BedGraphSection;
            header[21] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)count);
            data.Write(block.AsSpan(0, BigWigLayout.SectionHeaderSize + count * 12), (uint)chromosome, blockStart, (uint)previousEnd);
            count = 0;
        }

        foreach (var record in records)
        {
            string where = $"record {index} ({record.Chromosome}:{record.Start}-{record.End})";
            if (record.Chromosome is null || !ids.TryGetValue(record.Chromosome, out int id))
                throw new ArgumentException($"bigWig {where} names a chromosome the chromosome list does not have.", nameof(records));
            if (id < chromosome) throw new ArgumentException($"bigWig {where} comes after records of a later chromosome ('{chromosomes[chromosome].Name}'); sort records by the chromosome list's order.", nameof(records));
            if (record.Start < 0 || record.End <= record.Start) throw new ArgumentException($"bigWig {where} is empty or starts before 0.", nameof(records));
            if (record.End > chromosomes[id].Length) throw new ArgumentException($"bigWig {where} passes the chromosome's end ({chromosomes[id].Length}).", nameof(records));
            if (float.IsNaN(record.Value)) throw new ArgumentException($"bigWig {where} has a NaN value.", nameof(records));
            if (id != chromosome)
            {
                Flush();
                (chromosome, previousEnd) = (id, 0);
            }
            else if (record.Start < previousEnd)
                throw new ArgumentException($"bigWig {where} starts before the previous record's end ({previousEnd}); records must be sorted and must not overlap.", nameof(records));
            if (count == itemsPerSlot) Flush();
            if (count == 0) blockStart = (uint)record.Start;
            var item = block.AsSpan(BigWigLayout.SectionHeaderSize + count * 12, 12);
            BinaryPrimitives.WriteUInt32LittleEndian(item, (uint)record.Start);
            BinaryPrimitives.WriteUInt32LittleEndian(item[4..], (uint)record.End);
            BinaryPrimitives.WriteSingleLittleEndian(item[8..], record.Value);
            count++;
            previousEnd = record.End;

            BinaryPrimitives.WriteUInt32LittleEndian(packed, (uint)id);
            BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(4), (uint)record.Start);
            BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(8), (uint)record.End);
            BinaryPrimitives.WriteSingleLittleEndian(packed.AsSpan(12), record.Value);
            scratchBuffer.Write(packed);

            long bases = record.End - record.Start;
            valid += bases;
            min = Math.Min(min, record.Value);
            max = Math.Max(max, record.Value);
            sum += (double)record.Value * bases;
            sumSquares += (double)record.Value * record.Value * bases;
            index++;
        }
        Flush();
        scratchBuffer.Flush();
        return (index, new BigWigSummary(0, 0, valid, min, max, sum, sumSquares));
    }

    /// <summary>
    /// Zoom reductions: the first ten times the mean record span (as UCSC), each next four times
    /// coarser, until one bin covers the longest chromosome or ten levels are made.
    /// </summary>
    private static List<long> Reductions(long records, long coveredBases, IReadOnlyList<TrackChromosome> chromosomes)
    {
        var reductions = new List<long>();
        if (records == 0) return reductions;
        long longest = chromosomes.Max(c => c.Length);
        long reduction = Math.Clamp(coveredBases / records * 10, 10, MaxReduction);
        while (reductions.Count < BigWigLayout.MaxZoomLevels)
        {
            reductions.Add(reduction);
            if (reduction >= longest || reduction > MaxReduction / 4) break;
            reduction *= 4;
        }
        return reductions;
    }

    private static void Patch(Stream output, long offset, byte[] bytes)
    {
        long end = output.Position;
        output.Position = offset;
        output.Write(bytes);
        output.Position = end;
    }
}
