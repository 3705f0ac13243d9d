using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The reference inputs of DeepLIFT and integrated gradients for one model: which kind the
/// options resolve to for this input, how many per row, and the references of a batch of rows.
/// </summary>
internal sealed class AttributionReferences
{
    private readonly InputShape _input;
    private readonly int _seed;
    private readonly double _blurSigma;

    private AttributionReferences(InputShape input, AttributionBaseline kind, int count, int seed, double blurSigma)
    {
        _input = input;
        Kind = kind;
        Count = count;
        _seed = seed;
        _blurSigma = blurSigma;
    }

    /// <summary>The resolved baseline (never <see cref="AttributionBaseline.Automatic"/>).</summary>
    public AttributionBaseline Kind { get; }

    /// <summary>References per row.</summary>
    public int Count { get; }

    /// <summary>Resolves <paramref name="options"/>' baseline for <paramref name="input"/> and checks that it fits.</summary>
    /// <exception cref="ArgumentException">The baseline does not apply to this input (the message says which inputs it needs), or the counts are out of range.</exception>
    public static AttributionReferences For(InputShape input, AttributionMethod method, AttributionOptions options)
    {
        var kind = options.Baseline;
        bool shufflable = IsOneHotNucleotides(input) && input.Encoding!.Order == 1;
        if (kind == AttributionBaseline.Automatic)
            kind = method == AttributionMethod.DeepLift && shufflable ? AttributionBaseline.DinucleotideShuffle : AttributionBaseline.Zero;
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(options), kind, "Attribution: Baseline must be Automatic, DinucleotideShuffle, Zero, Uniform or Blurred.");
        if (kind == AttributionBaseline.DinucleotideShuffle && !shufflable)
            throw new ArgumentException($"Attribution: dinucleotide-shuffled references need one-hot DNA or RNA of order 1, but this model's input is {Describe(input)}. "
                + "Use Baseline = Zero (or Uniform for sequences, Blurred for images).", nameof(options));
        if (kind == AttributionBaseline.Uniform && input.Encoding == null)
            throw new ArgumentException($"Attribution: the uniform baseline is the mean one-hot column of a sequence alphabet, but this model's input is {Describe(input)}. Use Baseline = Zero.", nameof(options));
        if (kind == AttributionBaseline.Blurred && !input.IsImage)
            throw new ArgumentException($"Attribution: the blurred baseline blurs images, but this model's input is {Describe(input)}. Use Baseline = DinucleotideShuffle, Uniform or Zero.", nameof(options));
        if (kind == AttributionBaseline.Blurred && !(options.BlurSigma > 0 && double.IsFinite(options.BlurSigma)))
            throw new ArgumentOutOfRangeException(nameof(options), options.BlurSigma, "Attribution: BlurSigma must be a positive number of pixels.");
        if (options.References < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.References, "Attribution: References must be at least 1.");
        int count = kind == AttributionBaseline.DinucleotideShuffle ? options.References : 1;
        return new AttributionReferences(input, kind, count, options.Seed, options.BlurSigma);
    }

    /// <summary>Whether <paramref name="input"/> is one-hot DNA or RNA (any order).</summary>
    public static bool IsOneHotNucleotides(InputShape input) =>
        !input.IsImage && input.Encoding is { Alphabet: SequenceAlphabet.Dna or SequenceAlphabet.Rna };

    /// <summary>Writes the <see cref="Count"/> references of each of <paramref name="rows"/> rows, row by row (rows × Count × size values).</summary>
    public void Fill(ReadOnlySpan<float> inputs, int rows, Span<float> references)
    {
        int size = _input.Size;
        for (int r = 0; r < rows; r++)
        {
            var row = inputs.Slice(r * size, size);
            var target = references.Slice(r * Count * size, Count * size);
            switch (Kind)
            {
                case AttributionBaseline.Zero: target.Clear(); break;
                case AttributionBaseline.Uniform: FillUniform(target); break;
                case AttributionBaseline.Blurred: GaussianBlur.Apply(row, _input.Channels, _input.Height!.Value, _input.Length, _blurSigma, target); break;
                case AttributionBaseline.DinucleotideShuffle: FillShuffles(row, target); break;
                default: throw new InvalidOperationException($"Unresolved baseline {Kind}.");
            }
        }
    }

    private void FillUniform(Span<float> target)
    {
        var encoding = _input.Encoding!;
        int symbols = encoding.ChannelCount - (encoding.SoftMaskChannel ? 1 : 0);
        int positions = _input.Length;
        target.Clear();
        for (int c = 0; c < symbols; c++) target.Slice(c * positions, positions).Fill(1f / symbols);
    }

    /// <summary>Shuffles the row's columns (each position's channel values are one symbol) keeping dinucleotide counts.</summary>
    private void FillShuffles(ReadOnlySpan<float> row, Span<float> target)
    {
        int channels = _input.Channels, length = _input.Length;
        var symbols = new int[length];
        var columns = new List<float[]>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var column = new float[channels];
        var key = new char[channels * 2];
        for (int p = 0; p < length; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                column[c] = row[c * length + p];
                int bits = BitConverter.SingleToInt32Bits(column[c]);
                key[2 * c] = (char)(bits & 0xFFFF);
                key[2 * c + 1] = (char)((bits >> 16) & 0xFFFF);
            }
            string k = new(key);
            if (!index.TryGetValue(k, out int symbol))
            {
                symbol = columns.Count;
                index.Add(k, symbol);
                columns.Add((float[])column.Clone());
            }
            symbols[p] = symbol;
        }
        var shuffled = new int[Count * length];
        DinucleotideShuffle.Shuffle(symbols, Count, new Random(SeedOf(row)), shuffled);
        for (int n = 0; n < Count; n++)
        {
            var reference = target.Slice(n * channels * length, channels * length);
            for (int p = 0; p < length; p++)
            {
                var values = columns[shuffled[n * length + p]];
                for (int c = 0; c < channels; c++) reference[c * length + p] = values[c];
            }
        }
    }

    /// <summary>A seed from the options' seed and the row's values (FNV-1a): the same sequence gets the same shuffles in any batch, row or process.</summary>
    private int SeedOf(ReadOnlySpan<float> row)
    {
        uint hash = 2166136261u ^ (uint)_seed;
        foreach (float v in row)
        {
            hash ^= (uint)BitConverter.SingleToInt32Bits(v);
            hash *= 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }

    private static string Describe(InputShape input) =>
        input.IsImage ? $"images ({input})"
        : input.Encoding is { } e ? $"{e.Alphabet} sequences of order {e.Order} ({input})"
        : $"a plain vector ({input})";
}
