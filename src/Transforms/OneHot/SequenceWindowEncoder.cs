using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// Encodes one sequence into a channel-major (channels × length) float matrix for a given
/// <see cref="SequenceEncodingSpec"/>. Built once per spec; immutable and thread-safe. The hot
/// path is a lookup in a 128-row table of per-character channel weights (soft-mask weight and
/// strand already folded in) and allocates nothing. A k-mer encoding (<see cref="SequenceEncodingSpec.Order"/>
/// &gt; 1) encodes the window's bases this way into a pooled buffer first, then writes each k-mer
/// column as the product of its bases' columns (<see cref="KmerProducts"/>).
/// </summary>
internal sealed class SequenceWindowEncoder
{
    /// <summary>
    /// Rows of the lookup table: one per ASCII character. Row 127 (DEL, never a valid symbol)
    /// also stands for every character outside ASCII, so lookups clamp instead of branching.
    /// </summary>
    internal const int TableRows = 128;

    private readonly float[] _weights;   // TableRows × base channels, row-major
    private readonly byte[] _illegal;    // TableRows: 1 where the character is an error under the policy
    private readonly int _channels;      // base channels: symbols (+ soft mask); the k-mer channels come after
    private readonly int _length;        // bases
    private readonly int _order;
    private readonly int[]? _kmerDigits; // order > 1: KmerChannels.Digits
    private readonly SequenceAnchor _anchor;
    private readonly bool _reverse;

    /// <summary>Builds the lookup table for <paramref name="spec"/>.</summary>
    public SequenceWindowEncoder(SequenceEncodingSpec spec)
    {
        Spec = spec;
        Alphabet = AlphabetDefinition.For(spec.Alphabet);
        _order = spec.Order;
        // The soft-mask channel exists at order 1 only, so at higher orders the bases are the symbols.
        _channels = _order == 1 ? spec.ChannelCount : Alphabet.Channels.Length;
        _length = spec.Length;
        _kmerDigits = _order == 1 ? null : KmerChannels.Digits(_channels, _order);
        _anchor = spec.Anchor;
        _reverse = spec.ReverseComplement;
        (_weights, _illegal) = BuildTable(spec, Alphabet);
    }

    /// <summary>The spec this encoder implements.</summary>
    public SequenceEncodingSpec Spec { get; }

    /// <summary>The alphabet's symbols, for error messages.</summary>
    public AlphabetDefinition Alphabet { get; }

    /// <summary>
    /// The per-base lookup table, <see cref="TableRows"/> × <see cref="BaseChannelCount"/> row-major
    /// (soft-mask weight and strand folded in), for exporters that must reproduce the encoding (ONNX).
    /// </summary>
    internal ReadOnlySpan<float> Table => _weights;

    /// <summary>
    /// Columns of <see cref="Table"/>: the spec's channels at order 1, the alphabet's symbols at
    /// higher orders (whose k-mer channels are products of these).
    /// </summary>
    internal int BaseChannelCount => _channels;

    /// <summary>Whether the character of table row <paramref name="row"/> is an error under the spec's policy.</summary>
    internal bool IsIllegal(int row) => _illegal[row] != 0;

    /// <summary>
    /// Where the window takes its characters from and where they land (before any reverse
    /// complement flip): <c>sequence[SourceStart .. SourceStart + Count)</c> goes to positions
    /// <c>[TargetStart .. TargetStart + Count)</c>.
    /// </summary>
    internal static (int SourceStart, int TargetStart, int Count) Place(int sequenceLength, int length, SequenceAnchor anchor)
    {
        if (sequenceLength <= length)
        {
            int pad = length - sequenceLength;
            int target = anchor switch
            {
                SequenceAnchor.Left => 0,
                SequenceAnchor.Right => pad,
                _ => pad / 2, // Centre: the odd extra padding column goes at the end.
            };
            return (0, target, sequenceLength);
        }

        int excess = sequenceLength - length;
        int source = anchor switch
        {
            SequenceAnchor.Left => 0,
            SequenceAnchor.Right => excess,
            _ => excess / 2, // Centre: drop ⌊excess / 2⌋ from the start.
        };
        return (source, 0, length);
    }

    /// <summary>
    /// Encodes <paramref name="sequence"/> into <paramref name="destination"/> (exactly
    /// channels × length values, every one written).
    /// </summary>
    /// <returns>
    /// −1 on success; otherwise the 0-based index in <paramref name="sequence"/> of the first
    /// character that the spec's policy rejects (the whole sequence is checked, including any
    /// part truncated away). <paramref name="destination"/> is then unspecified.
    /// </returns>
    public int Encode(ReadOnlySpan<char> sequence, Span<float> destination)
    {
        if (destination.Length != Spec.VectorSize)
        {
            throw new ArgumentException(
                $"Destination holds {destination.Length} values; the encoding needs {Spec.VectorSize}.", nameof(destination));
        }
        if (_order == 1)
        {
            return EncodeBases(sequence, destination);
        }

        // Rented rather than cached per encoder: the encoder is shared by concurrent cursors.
        int size = _channels * _length;
        var bases = ArrayPool<float>.Shared.Rent(size);
        try
        {
            int illegal = EncodeBases(sequence, bases.AsSpan(0, size));
            if (illegal < 0)
            {
                KmerProducts.Write(bases.AsSpan(0, size), _length, _order, _kmerDigits!, destination);
            }
            return illegal;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bases);
        }
    }

    // The first-order encoding of the placed window (channels × length bases) into destination.
    private int EncodeBases(ReadOnlySpan<char> sequence, Span<float> destination)
    {
        var (source, target, count) = Place(sequence.Length, _length, _anchor);
        // Reverse complement flips the placed window along positions.
        int first = _reverse ? _length - target - count : target;
        if (count < _length)
        {
            ClearPadding(destination, first, count);
        }

        var window = sequence.Slice(source, count);
        int flags = _channels == 4
            ? FillFourChannels(window, destination, first)
            : FillAnyChannels(window, destination, first);
        if (count < sequence.Length)
        {
            flags |= Scan(sequence[..source]) | Scan(sequence[(source + count)..]);
        }
        return flags == 0 ? -1 : FirstIllegal(sequence);
    }

    private void ClearPadding(Span<float> destination, int first, int count)
    {
        for (int c = 0; c < _channels; c++)
        {
            var row = destination.Slice(c * _length, _length);
            row[..first].Clear();
            row[(first + count)..].Clear();
        }
    }

    // The common case (DNA/RNA without a soft-mask channel), unrolled over the four channels.
    private int FillFourChannels(ReadOnlySpan<char> window, Span<float> destination, int first)
    {
        ref char chars = ref MemoryMarshal.GetReference(window);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref byte illegal = ref MemoryMarshal.GetArrayDataReference(_illegal);
        ref float output = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), first);
        nint stride = _length;
        nint count = window.Length;
        nint step = _reverse ? -1 : 1;
        nint position = _reverse ? count - 1 : 0;
        int flags = 0;
        for (nint i = 0; i < count; i++, position += step)
        {
            nint code = (nint)Math.Min((uint)Unsafe.Add(ref chars, i), TableRows - 1u);
            flags |= Unsafe.Add(ref illegal, code);
            ref float row = ref Unsafe.Add(ref weights, code * 4);
            ref float cell = ref Unsafe.Add(ref output, position);
            cell = row;
            Unsafe.Add(ref cell, stride) = Unsafe.Add(ref row, 1);
            Unsafe.Add(ref cell, 2 * stride) = Unsafe.Add(ref row, 2);
            Unsafe.Add(ref cell, 3 * stride) = Unsafe.Add(ref row, 3);
        }
        return flags;
    }

    private int FillAnyChannels(ReadOnlySpan<char> window, Span<float> destination, int first)
    {
        ref char chars = ref MemoryMarshal.GetReference(window);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref byte illegal = ref MemoryMarshal.GetArrayDataReference(_illegal);
        ref float output = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), first);
        nint stride = _length;
        nint channels = _channels;
        nint count = window.Length;
        nint step = _reverse ? -1 : 1;
        nint position = _reverse ? count - 1 : 0;
        int flags = 0;
        for (nint i = 0; i < count; i++, position += step)
        {
            nint code = (nint)Math.Min((uint)Unsafe.Add(ref chars, i), TableRows - 1u);
            flags |= Unsafe.Add(ref illegal, code);
            ref float row = ref Unsafe.Add(ref weights, code * channels);
            ref float cell = ref Unsafe.Add(ref output, position);
            for (nint c = 0; c < channels; c++)
            {
                Unsafe.Add(ref cell, c * stride) = Unsafe.Add(ref row, c);
            }
        }
        return flags;
    }

    private int Scan(ReadOnlySpan<char> characters)
    {
        int flags = 0;
        foreach (char c in characters)
        {
            flags |= _illegal[Math.Min((int)c, TableRows - 1)];
        }
        return flags;
    }

    private int FirstIllegal(ReadOnlySpan<char> sequence)
    {
        for (int i = 0; i < sequence.Length; i++)
        {
            if (_illegal[Math.Min((int)sequence[i], TableRows - 1)] != 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static (float[] Weights, byte[] Illegal) BuildTable(SequenceEncodingSpec spec, AlphabetDefinition alphabet)
    {
        int channels = spec.Order == 1 ? spec.ChannelCount : alphabet.Channels.Length;
        var weights = new float[TableRows * channels];
        var illegal = new byte[TableRows];
        byte unknown = spec.UnknownCharacters == UnknownCharacterPolicy.Error ? (byte)1 : (byte)0;
        illegal.AsSpan().Fill(unknown);

        foreach (char gap in AlphabetDefinition.GapCharacters)
        {
            illegal[gap] = 0; // all-zero column
        }
        foreach (var (symbol, members) in alphabet.Symbols)
        {
            float weight = 1f / members.Length;
            foreach (char upperOrLower in new[] { symbol, char.ToLowerInvariant(symbol) })
            {
                illegal[upperOrLower] = 0;
                foreach (char member in members)
                {
                    int channel = alphabet.Channels.IndexOf(member);
                    if (spec.ReverseComplement)
                    {
                        channel = alphabet.ComplementChannel![channel];
                    }
                    weights[upperOrLower * channels + channel] += weight;
                }
            }
        }
        if (spec.SoftMaskChannel)
        {
            // Lowercase symbols of the alphabet (bases and ambiguity codes) are soft-masked.
            // Gaps, unknown characters (all-zero under UnknownCharacterPolicy.Zeros) and padding
            // are not.
            foreach (char symbol in alphabet.Symbols.Keys)
            {
                weights[char.ToLowerInvariant(symbol) * channels + channels - 1] = 1f;
            }
        }
        return (weights, illegal);
    }
}
