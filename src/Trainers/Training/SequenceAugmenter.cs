namespace Cnn.MLNet.Trainers;

/// <summary>
/// Applies <see cref="SequenceAugmentation"/> in place to a batch of flat one-hot rows before it
/// becomes a tensor: per row, one reverse-complement draw and one shift draw (seeded). For tasks
/// whose labels follow the sequence (coverage tracks), the row's label is flipped (and its stranded
/// pairs swapped) and shifted with it.
/// </summary>
internal sealed class SequenceAugmenter
{
    private readonly SequenceAugmentation _settings;
    private readonly StrandComplement _strands;
    private readonly int _channels, _length;
    private readonly Random _random;
    private readonly float[] _scratch;
    private readonly CnnTask? _labels;
    private readonly float[] _labelScratch;

    public SequenceAugmenter(SequenceAugmentation settings, StrandComplement strands, int seed, CnnTask? task = null)
    {
        _labels = task is { LabelsFollowSequence: true } ? task : null;
        _labelScratch = new float[_labels?.LabelWidth ?? 0];
        _settings = settings;
        _strands = strands;
        _channels = strands.Permutation.Length;
        _length = strands.Length;
        _random = new Random(seed);
        _scratch = new float[_channels * _length];
    }

    /// <summary>Augments the first <paramref name="rows"/> rows of <paramref name="batch"/> and, when they follow the sequence, of <paramref name="labels"/>.</summary>
    public void Apply(Span<float> batch, Span<float> labels, int rows)
    {
        int size = _scratch.Length, width = _labelScratch.Length;
        for (int r = 0; r < rows; r++)
        {
            var row = batch.Slice(r * size, size);
            var label = _labels != null ? labels.Slice(r * width, width) : default;
            if (_settings.ReverseComplement && _random.Next(2) == 1)
            {
                row.CopyTo(_scratch);
                _strands.Apply(_scratch, row);
                _labels?.ReverseComplementLabel(label, _labelScratch);
            }
            int shift = _settings.MaxShift > 0 ? _random.Next(-_settings.MaxShift, _settings.MaxShift + 1) : 0;
            if (shift == 0) continue;
            Shift(row, shift);
            _labels?.ShiftLabel(label, shift, _labelScratch);
        }
    }

    /// <summary>out[c, p] = in[c, p − shift], zero where that falls outside the sequence.</summary>
    internal void Shift(Span<float> row, int shift)
    {
        row.CopyTo(_scratch);
        for (int c = 0; c < _channels; c++)
        {
            var source = _scratch.AsSpan(c * _length, _length);
            var target = row.Slice(c * _length, _length);
            for (int p = 0; p < _length; p++)
            {
                int s = p - shift;
                target[p] = s >= 0 && s < _length ? source[s] : 0;
            }
        }
    }
}
