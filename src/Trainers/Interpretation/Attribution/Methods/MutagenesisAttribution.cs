using System.Buffers;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// In-silico mutagenesis: every single-base substitution of every row is scored, in chunks of at
/// most <see cref="MutantValuesPerPass"/> values, and stored as score(mutant) − score(reference)
/// at its base and position (0 for the reference base). Through <see cref="CnnModel.Forward(ReadOnlySpan{float}, int, Span{float})"/>,
/// so reverse-complement-averaged models are scored as they predict.
/// </summary>
internal sealed class MutagenesisAttribution : IAttributionMethod
{
    /// <summary>Nucleotide channels (A, C, G, T/U) at the start of a DNA/RNA encoding; a soft-mask channel may follow.</summary>
    public const int NucleotideChannels = 4;

    /// <summary>Mutant values (rows × input size) per forward pass, at most.</summary>
    private const int MutantValuesPerPass = 1 << 20;

    public bool SumsToDelta => false;

    public void Compute(CnnModel model, ReadOnlySpan<float> inputs, AttributionBatch batch)
    {
        int rows = batch.Rows, size = model.Input.Size, length = model.Input.Length, k = model.Outputs;
        var reference = new float[rows * k];
        model.Forward(inputs, rows, reference);

        int chunk = Math.Clamp(MutantValuesPerPass / size, 1, 1024);
        var mutants = ArrayPool<float>.Shared.Rent(chunk * size);
        var mutantOutputs = ArrayPool<float>.Shared.Rent(chunk * k);
        var pending = new (int Row, int Position, int Base)[chunk];
        var effects = batch.Contributions;
        try
        {
            int count = 0;
            for (int r = 0; r < rows; r++)
            {
                var row = inputs.Slice(r * size, size);
                for (int p = 0; p < length; p++)
                {
                    for (int b = 0; b < NucleotideChannels; b++)
                    {
                        if (IsOneHot(row, length, p, b)) continue; // the reference itself: effect 0, no forward pass
                        var mutant = mutants.AsSpan(count * size, size);
                        row.CopyTo(mutant);
                        for (int c = 0; c < NucleotideChannels; c++) mutant[c * length + p] = c == b ? 1 : 0;
                        pending[count++] = (r, p, b);
                        if (count == chunk)
                        {
                            Flush(model, count, mutants, mutantOutputs, pending, batch.Weights, reference, effects);
                            count = 0;
                        }
                    }
                }
            }
            if (count > 0) Flush(model, count, mutants, mutantOutputs, pending, batch.Weights, reference, effects);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(mutants);
            ArrayPool<float>.Shared.Return(mutantOutputs);
        }
    }

    private static void Flush(CnnModel model, int n, float[] mutants, float[] mutantOutputs, (int Row, int Position, int Base)[] pending, float[] weights, float[] reference, float[] effects)
    {
        int size = model.Input.Size, length = model.Input.Length, k = model.Outputs;
        model.Forward(mutants.AsSpan(0, n * size), n, mutantOutputs);
        for (int i = 0; i < n; i++)
        {
            var (r, p, b) = pending[i];
            double effect = 0;
            for (int j = 0; j < k; j++)
                if (weights[r * k + j] != 0) effect += weights[r * k + j] * (mutantOutputs[i * k + j] - reference[r * k + j]);
            effects[r * size + b * length + p] = (float)effect;
        }
    }

    /// <summary>True when position <paramref name="p"/> holds exactly base <paramref name="b"/> (1 there, 0 in the other nucleotide channels).</summary>
    private static bool IsOneHot(ReadOnlySpan<float> row, int length, int p, int b)
    {
        for (int c = 0; c < NucleotideChannels; c++)
            if (row[c * length + p] != (c == b ? 1f : 0f)) return false;
        return true;
    }
}
