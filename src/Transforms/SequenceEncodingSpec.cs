using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cnn.MLNet.Transforms.OneHot;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms;

/// <summary>
/// Everything that determines how a sequence becomes a (channels × positions) matrix: alphabet,
/// channel order, k-mer order, window length and anchor, unknown-character policy, soft-mask
/// channel and strand. Immutable. It travels with the encoded column (as the
/// <see cref="AnnotationKind"/> annotation), with the transformer
/// (<see cref="OneHotSequenceTransformer.Spec"/>) and with a saved model (as JSON), so that data
/// scored later can be checked (<see cref="EnsureCompatible"/>) to be encoded exactly as the
/// training data was.
/// </summary>
/// <remarks>
/// The encoded vector is channel-major: value (channel c, position p) is at index
/// <c>c × Positions + p</c>, matching Conv1D's (channels, length) input layout. At
/// <see cref="Order"/> 1 (the default) there is one channel per symbol and
/// <see cref="Positions"/> equals <see cref="Length"/>; at order k there is one channel per k-mer
/// and <see cref="Positions"/> is <c>Length − k + 1</c> (position i is the k-mer starting at base i).
/// </remarks>
public sealed class SequenceEncodingSpec : IEquatable<SequenceEncodingSpec>
{
    /// <summary>
    /// The newest JSON format version this build writes and reads. Version 2 added the k-mer
    /// <see cref="Order"/>; a first-order spec is still written as version 1 (no order field), so
    /// its JSON is unchanged and older builds keep reading it, and a version 1 document reads as
    /// order 1.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>The highest k-mer <see cref="Order"/> an encoding may use.</summary>
    public const int MaxOrder = 4;

    /// <summary>
    /// The most channels a k-mer encoding may have (alphabet size ^ <see cref="Order"/>): 1,024, so
    /// DNA and RNA go up to order 4 (256 channels) and protein up to order 2 (400 channels); protein
    /// trimers (8,000 channels per position) are refused.
    /// </summary>
    public const int MaxKmerChannels = 1024;

    /// <summary>
    /// The annotation kind under which the encoded column carries its spec: a scalar text value
    /// holding <see cref="ToJson"/>'s output.
    /// </summary>
    public const string AnnotationKind = "Cnn.MLNet.SequenceEncoding";

    /// <summary>The name of the optional soft-mask channel (always the last channel).</summary>
    public const string SoftMaskChannelName = "softmask";

    /// <summary>
    /// The largest vector an encoding may produce (channels × length): the largest .NET array.
    /// </summary>
    public const int MaxVectorSize = 0x7FFFFFC7;

    private readonly string[] _channels;

    /// <summary>Creates a spec, checking every value.</summary>
    /// <param name="alphabet">The alphabet; it fixes the channels and their order.</param>
    /// <param name="length">The window length, in positions; at least 1.</param>
    /// <param name="anchor">Where a shorter sequence is padded and a longer one truncated.</param>
    /// <param name="unknownCharacters">What an unknown character becomes.</param>
    /// <param name="softMaskChannel">Whether to add a last channel that is 1 where the input was lowercase.</param>
    /// <param name="reverseComplement">Whether to encode the reverse complement of the window (DNA and RNA only).</param>
    /// <param name="order">
    /// The k-mer order: 1 (one channel per symbol) up to <see cref="MaxOrder"/> (one channel per
    /// k-mer, at most <see cref="MaxKmerChannels"/> channels); the soft-mask channel needs order 1.
    /// </param>
    /// <exception cref="ArgumentException">A value is out of range, reverse complement was asked for protein, or the order does not fit.</exception>
    public SequenceEncodingSpec(
        SequenceAlphabet alphabet,
        int length,
        SequenceAnchor anchor = SequenceAnchor.Left,
        UnknownCharacterPolicy unknownCharacters = UnknownCharacterPolicy.Error,
        bool softMaskChannel = false,
        bool reverseComplement = false,
        int order = 1)
    {
        var definition = AlphabetDefinition.For(alphabet);
        CheckDefined(anchor, nameof(anchor));
        CheckDefined(unknownCharacters, nameof(unknownCharacters));
        if (reverseComplement && definition.ComplementChannel is null)
        {
            throw new ArgumentException(
                $"Reverse complement is defined for DNA and RNA only, not for {alphabet}.", nameof(reverseComplement));
        }
        CheckOrder(definition, order, softMaskChannel);

        var channels = KmerChannels.Names(definition.Channels, order).ToList();
        if (softMaskChannel)
        {
            channels.Add(SoftMaskChannelName);
        }
        if (length < order || (long)(length - order + 1) * channels.Count > MaxVectorSize)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                string.Create(CultureInfo.InvariantCulture, $"The sequence length must be between {order} and {MaxVectorSize / channels.Count + order - 1:N0} for {channels.Count} channels{(order > 1 ? $" at Order = {order} (the length counts bases; a window needs at least one {order}-mer)" : "")}."));
        }

        FormatVersion = order == 1 ? 1 : CurrentFormatVersion;
        Alphabet = alphabet;
        _channels = [.. channels];
        Length = length;
        Order = order;
        Anchor = anchor;
        UnknownCharacters = unknownCharacters;
        SoftMaskChannel = softMaskChannel;
        ReverseComplement = reverseComplement;
    }

    /// <summary>
    /// The JSON format version this spec is written in: 1 for a first-order spec (the format
    /// before k-mer orders existed, so older builds read it), <see cref="CurrentFormatVersion"/> otherwise.
    /// </summary>
    public int FormatVersion { get; }

    /// <summary>The alphabet.</summary>
    public SequenceAlphabet Alphabet { get; }

    /// <summary>
    /// The channel names in order: at order 1 the alphabet's symbols (e.g. A, C, G, T), then
    /// <see cref="SoftMaskChannelName"/> when <see cref="SoftMaskChannel"/> is on; at order k every
    /// k-mer of the alphabet's symbols in lexicographic order of the alphabet's channel order
    /// (DNA order 2: AA, AC, AG, AT, CA, …, TT), so the k-mer b₀…b₍k−1₎ is channel
    /// Σ index(bⱼ) × A^(k−1−j) for an alphabet of A symbols.
    /// </summary>
    public IReadOnlyList<string> Channels => _channels;

    /// <summary>The number of channels (rows of the encoded matrix).</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>
    /// The window length in bases (symbols): shorter sequences are padded and longer ones truncated
    /// to it. At order 1 it is also the number of positions; at order k see <see cref="Positions"/>.
    /// </summary>
    public int Length { get; }

    /// <summary>
    /// The k-mer order: 1 encodes one symbol per position; k &gt; 1 encodes the k-mer starting at
    /// each base, one channel per k-mer (Janggu's <c>order</c>). A k-mer's column is the outer product
    /// of its bases' columns, so ambiguity codes spread over the k-mers they stand for, and a k-mer
    /// touching a gap, padding or an unknown character encoded as zeros is an all-zero column.
    /// </summary>
    public int Order { get; }

    /// <summary>
    /// The number of positions (columns of the encoded matrix): <see cref="Length"/> − <see cref="Order"/> + 1.
    /// </summary>
    public int Positions => Length - Order + 1;

    /// <summary>The size of the encoded vector: <see cref="ChannelCount"/> × <see cref="Positions"/>.</summary>
    public int VectorSize => _channels.Length * Positions;

    /// <summary>Where a shorter sequence is padded and a longer one truncated.</summary>
    public SequenceAnchor Anchor { get; }

    /// <summary>What an unknown character becomes.</summary>
    public UnknownCharacterPolicy UnknownCharacters { get; }

    /// <summary>Whether the last channel marks lowercase (soft-masked) input with 1.</summary>
    public bool SoftMaskChannel { get; }

    /// <summary>
    /// Whether the encoding is of the reverse complement of the window: the window is placed by
    /// <see cref="Anchor"/> on the given strand first, then flipped along positions with A↔T (U)
    /// and C↔G swapped (the soft-mask channel flips along positions too).
    /// </summary>
    public bool ReverseComplement { get; }

    /// <summary>Serialises the spec to compact JSON (camelCase names, enums as text).</summary>
    public string ToJson() => SequenceEncodingSpecJson.Write(this);

    /// <summary>
    /// Reads a spec written by <see cref="ToJson"/>. Every field is required; unknown fields, an
    /// unsupported format version, invalid values, and a channel list that does not match the
    /// alphabet and soft-mask setting are rejected.
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed or holds an invalid spec; the message says what is wrong.</exception>
    public static SequenceEncodingSpec FromJson(string json) => SequenceEncodingSpecJson.Read(json);

    /// <summary>
    /// Reads the spec that <see cref="OneHotSequenceTransformer"/> attached to a column of its
    /// output schema.
    /// </summary>
    /// <param name="column">A schema column, typically the encoded features column.</param>
    /// <param name="spec">The spec, when the column carries one.</param>
    /// <returns>True when the column carries a spec; false when it carries none.</returns>
    /// <exception cref="InvalidOperationException">The column carries the annotation but it is not a valid spec.</exception>
    public static bool TryRead(DataViewSchema.Column column, [NotNullWhen(true)] out SequenceEncodingSpec? spec)
    {
        spec = null;
        var annotation = column.Annotations.Schema.GetColumnOrNull(AnnotationKind);
        if (annotation is null)
        {
            return false;
        }
        if (annotation.Value.Type is not TextDataViewType)
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' has a '{AnnotationKind}' annotation of type {annotation.Value.Type}; expected text holding a sequence encoding spec.");
        }
        ReadOnlyMemory<char> json = default;
        column.Annotations.GetValue(AnnotationKind, ref json);
        try
        {
            spec = FromJson(json.ToString());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' carries an invalid '{AnnotationKind}' annotation: {e.Message}", e);
        }
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="actual"/> (e.g. the encoding of data being scored) is the
    /// same encoding as this one (e.g. the encoding the model was trained on).
    /// </summary>
    /// <param name="actual">The spec to compare with this, the expected one.</param>
    /// <exception cref="InvalidOperationException">
    /// The specs differ; the message names every differing field with its expected and actual value.
    /// </exception>
    public void EnsureCompatible(SequenceEncodingSpec actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        void Compare<T>(string field, T expected, T found)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, found))
            {
                differences.Add($"{field}: expected {Format(expected)}, found {Format(found)}");
            }
        }

        Compare(nameof(FormatVersion), FormatVersion, actual.FormatVersion);
        Compare(nameof(Alphabet), Alphabet, actual.Alphabet);
        Compare(nameof(Channels), string.Join(",", _channels), string.Join(",", actual._channels));
        Compare(nameof(Length), Length, actual.Length);
        Compare(nameof(Order), Order, actual.Order);
        Compare(nameof(Anchor), Anchor, actual.Anchor);
        Compare(nameof(UnknownCharacters), UnknownCharacters, actual.UnknownCharacters);
        Compare(nameof(SoftMaskChannel), SoftMaskChannel, actual.SoftMaskChannel);
        Compare(nameof(ReverseComplement), ReverseComplement, actual.ReverseComplement);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                "The sequences are not encoded the way the model expects. "
                + string.Join("; ", differences) + ".");
        }
    }

    /// <inheritdoc/>
    public bool Equals(SequenceEncodingSpec? other) =>
        other is not null
        && FormatVersion == other.FormatVersion
        && Alphabet == other.Alphabet
        && _channels.SequenceEqual(other._channels)
        && Length == other.Length
        && Order == other.Order
        && Anchor == other.Anchor
        && UnknownCharacters == other.UnknownCharacters
        && SoftMaskChannel == other.SoftMaskChannel
        && ReverseComplement == other.ReverseComplement;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SequenceEncodingSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(FormatVersion, Alphabet, Length, Order, Anchor, UnknownCharacters, SoftMaskChannel, ReverseComplement);

    /// <summary>The spec as JSON.</summary>
    public override string ToString() => ToJson();

    private static string Format<T>(T value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => $"[{s}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static void CheckOrder(AlphabetDefinition definition, int order, bool softMaskChannel)
    {
        if (order < 1 || order > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(Order), order,
                $"Order (the k-mer order of the one-hot encoding) must be between 1 and {MaxOrder}; 1 is one channel per symbol.");
        }
        long channels = KmerChannels.Count(definition.Channels.Length, order);
        if (channels > MaxKmerChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(Order), order, string.Create(CultureInfo.InvariantCulture,
                $"Order = {order} over the {definition.Alphabet} alphabet's {definition.Channels.Length} symbols would need {channels:N0} channels per position; "
                + $"at most {MaxKmerChannels:N0} are allowed. Use a lower Order."));
        }
        if (softMaskChannel && order > 1)
        {
            throw new ArgumentException(
                $"The soft-mask channel needs Order = 1; at Order = {order} a k-mer may span masked and unmasked bases. Turn SoftMaskChannel off or use Order = 1.",
                nameof(Order));
        }
    }

    private static void CheckDefined<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"Unknown {typeof(T).Name} value {Convert.ToInt32(value, CultureInfo.InvariantCulture)}; expected one of {string.Join(", ", Enum.GetNames<T>())}.");
        }
    }
}
