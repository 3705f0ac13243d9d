using System.Runtime.InteropServices;
using Cnn.MLNet.Genomics;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// The scan a user would write by hand, the baseline of <see cref="ScanBenchmarks"/>: over the
/// windows the scanner scores (<see cref="GenomeScanWindows.Count"/> per chromosome, N-padded past
/// the end as the scanner pads), per batch a 128 × 4 lookup table one-hot encodes each window's
/// bytes channel-major into one reused <c>float[]</c>, one block copy moves it into one reused
/// tensor, the network runs under <c>inference_mode</c> and the sigmoid of the logits is copied out.
/// No IDataView, no bedGraph.
/// </summary>
public sealed class PlainScanLoop : IDisposable
{
    private const int Channels = 4;
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly int _length;
    private readonly int _batchSize;
    private readonly float[] _table = new float[128 * Channels];
    private readonly float[] _buffer;
    private readonly Tensor _batch;
    private float[] _values = [];

    /// <summary>A loop over <paramref name="length"/>-base windows, <paramref name="batchSize"/> per forward pass of <paramref name="network"/>.</summary>
    public PlainScanLoop(nn.Module<Tensor, Tensor> network, int length, int batchSize)
    {
        _network = network;
        _length = length;
        _batchSize = batchSize;
        for (int ch = 0; ch < 128; ch++)
        {
            int channel = "ACGT".IndexOf(char.ToUpperInvariant((char)ch));
            for (int k = 0; k < Channels; k++)
                _table[ch * Channels + k] = channel < 0 ? 0.25f : channel == k ? 1f : 0f;
        }
        _buffer = new float[batchSize * Channels * length];
        _batch = torch.zeros(batchSize, Channels * length);
    }

    /// <summary>Scores every window of <paramref name="genome"/> at <paramref name="stride"/>; returns the last probability.</summary>
    public float Run(Genome genome, int stride)
    {
        int length = _length, size = Channels * length;
        long total = genome.Chromosomes.Sum(c => GenomeScanWindows.Count(genome.LengthOf(c), length, stride));
        if (_values.Length < total) _values = new float[total];
        using var inference = torch.inference_mode();
        int written = 0;
        foreach (string name in genome.Chromosomes)
        {
            byte[] bases = ((InMemoryGenomeBases)genome.Bases).Array(genome.IndexOf(name));
            long windows = GenomeScanWindows.Count(bases.Length, length, stride);
            for (long first = 0; first < windows; first += _batchSize)
            {
                int count = (int)Math.Min(_batchSize, windows - first);
                for (int r = 0; r < count; r++)
                {
                    long start = (first + r) * stride;
                    var row = _buffer.AsSpan(r * size, size);
                    for (int p = 0; p < length; p++)
                    {
                        long at = start + p;
                        int symbol = at < bases.Length ? bases[at] & 0x7F : 'N';
                        int t = symbol * Channels;
                        for (int k = 0; k < Channels; k++)
                            row[k * length + p] = _table[t + k];
                    }
                }
                MemoryMarshal.AsBytes(_buffer.AsSpan(0, count * size)).CopyTo(_batch.bytes);
                using var scope = NewDisposeScope();
                var input = count == _batchSize ? _batch : _batch.narrow(0, 0, count);
                var probabilities = torch.sigmoid(_network.forward(input));
                probabilities.data<float>().CopyTo(_values.AsSpan(written, count), 0, 0);
                written += count;
            }
        }
        return _values[written - 1];
    }

    /// <summary>Releases the batch tensor.</summary>
    public void Dispose() => _batch.Dispose();
}
