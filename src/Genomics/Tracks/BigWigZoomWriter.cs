using System.Buffers.Binary;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Builds one zoom level from the written records: bins of <c>reduction</c> bases aligned to the
/// chromosome start (the last one clipped to the chromosome), each summarising the covered bases
/// in it (count, min, max, sum, sum of squares). Aligned bins let readers (pyBigWig's stats, UCSC's
/// bigWigSummary) weigh partial overlaps by the fraction of the bin they cover.
/// </summary>
internal sealed class BigWigZoomWriter
{
    private readonly BigWigBlockWriter _blocks;
    private readonly long _reduction;
    private readonly int _itemsPerSlot;
    private readonly IReadOnlyList<TrackChromosome> _chromosomes;
    private readonly byte[] _block;
    private int _count;
    private uint _blockChromosome, _blockStart, _blockEnd;
    // The bin being filled.
    private bool _open;
    private uint _chromosome;
    private long _bin;
    private long _valid;
    private float _min, _max;
    private double _sum, _sumSquares;

    public BigWigZoomWriter(BigWigBlockWriter blocks, long reduction, int itemsPerSlot, IReadOnlyList<TrackChromosome> chromosomes)
    {
        _blocks = blocks;
        _reduction = reduction;
        _itemsPerSlot = itemsPerSlot;
        _chromosomes = chromosomes;
        _block = new byte[itemsPerSlot * BigWigLayout.ZoomRecordSize];
    }

    /// <summary>How many zoom records were written.</summary>
    public long Records { get; private set; }

    public void Add(uint chromosome, long start, long end, float value)
    {
        for (long bin = start / _reduction; bin * _reduction < end; bin++)
        {
            if (!_open || chromosome != _chromosome || bin != _bin)
            {
                Close();
                (_open, _chromosome, _bin, _valid, _min, _max, _sum, _sumSquares) = (true, chromosome, bin, 0, value, value, 0, 0);
            }
            long bases = Math.Min(end, (bin + 1) * _reduction) - Math.Max(start, bin * _reduction);
            _valid += bases;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _sum += (double)value * bases;
            _sumSquares += (double)value * value * bases;
        }
    }

    /// <summary>Writes what is left.</summary>
    public void Finish()
    {
        Close();
        Flush();
    }

    private void Close()
    {
        if (!_open) return;
        _open = false;
        if (_count == _itemsPerSlot || (_count > 0 && _blockChromosome != _chromosome)) Flush();
        uint start = (uint)(_bin * _reduction), end = (uint)Math.Min((_bin + 1) * _reduction, _chromosomes[(int)_chromosome].Length);
        var record = _block.AsSpan(_count * BigWigLayout.ZoomRecordSize, BigWigLayout.ZoomRecordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record, _chromosome);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], end);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)_valid);
        BinaryPrimitives.WriteSingleLittleEndian(record[16..], _min);
        BinaryPrimitives.WriteSingleLittleEndian(record[20..], _max);
        BinaryPrimitives.WriteSingleLittleEndian(record[24..], (float)_sum);
        BinaryPrimitives.WriteSingleLittleEndian(record[28..], (float)_sumSquares);
        if (_count == 0) (_blockChromosome, _blockStart) = (_chromosome, start);
        _blockEnd = end;
        _count++;
        Records++;
    }

    private void Flush()
    {
        if (_count == 0) return;
        _blocks.Write(_block.AsSpan(0, _count * BigWigLayout.ZoomRecordSize), _blockChromosome, _blockStart, _blockEnd);
        _count = 0;
    }
}
