using System.Text.Json;

namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// The JSON form of <see cref="SequenceEncodingSpec"/>: written with a fixed field order,
/// read strictly (every field required, no unknown fields, names rather than numbers for enums)
/// so that a saved spec either round-trips exactly or fails with a message saying why.
/// </summary>
/// <remarks>
/// Version 1 has no <c>order</c> field and means order 1; version 2 requires it. A first-order spec
/// is written as version 1, so its JSON is what it was before orders existed and older builds read
/// it; an older build given a higher-order spec refuses its version instead of ignoring the order.
/// </remarks>
internal static class SequenceEncodingSpecJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Writes <paramref name="spec"/> as compact JSON.</summary>
    public static string Write(SequenceEncodingSpec spec)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber(JsonNames.FormatVersion, spec.FormatVersion);
            writer.WriteString(JsonNames.Alphabet, spec.Alphabet.ToString());
            writer.WriteStartArray(JsonNames.Channels);
            foreach (var channel in spec.Channels)
            {
                writer.WriteStringValue(channel);
            }
            writer.WriteEndArray();
            writer.WriteNumber(JsonNames.Length, spec.Length);
            if (spec.FormatVersion >= OrderVersion)
            {
                writer.WriteNumber(JsonNames.Order, spec.Order);
            }
            writer.WriteString(JsonNames.Anchor, spec.Anchor.ToString());
            writer.WriteString(JsonNames.UnknownCharacters, spec.UnknownCharacters.ToString());
            writer.WriteBoolean(JsonNames.SoftMaskChannel, spec.SoftMaskChannel);
            writer.WriteBoolean(JsonNames.ReverseComplement, spec.ReverseComplement);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a spec; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SequenceEncodingSpec Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Sequence encoding spec: the text is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"expected a JSON object, found {root.ValueKind}");
            }
            foreach (var property in root.EnumerateObject())
            {
                if (!JsonNames.All.Contains(property.Name))
                {
                    throw Invalid($"unknown field \"{property.Name}\" (known fields: {string.Join(", ", JsonNames.All)})");
                }
            }

            int version = ReadInt(root, JsonNames.FormatVersion);
            if (version < 1 || version > SequenceEncodingSpec.CurrentFormatVersion)
            {
                throw Invalid($"format version {version} is not supported; this build of Cnn.MLNet reads versions 1 to {SequenceEncodingSpec.CurrentFormatVersion}");
            }
            if (version < OrderVersion && root.TryGetProperty(JsonNames.Order, out _))
            {
                throw Invalid($"the field \"{JsonNames.Order}\" needs format version {OrderVersion} or later; this spec says version {version}");
            }
            int order = version < OrderVersion ? 1 : ReadInt(root, JsonNames.Order);
            var alphabet = ReadEnum<SequenceAlphabet>(root, JsonNames.Alphabet);
            int length = ReadInt(root, JsonNames.Length);
            var anchor = ReadEnum<SequenceAnchor>(root, JsonNames.Anchor);
            var unknown = ReadEnum<UnknownCharacterPolicy>(root, JsonNames.UnknownCharacters);
            bool softMask = ReadBool(root, JsonNames.SoftMaskChannel);
            bool reverseComplement = ReadBool(root, JsonNames.ReverseComplement);
            string[] channels = ReadStrings(root, JsonNames.Channels);

            SequenceEncodingSpec spec;
            try
            {
                spec = new SequenceEncodingSpec(alphabet, length, anchor, unknown, softMask, reverseComplement, order);
            }
            catch (ArgumentException e)
            {
                // Drop the " (Parameter 'x')" and "Actual value was" suffixes: the field is named already.
                throw Invalid(e.Message.Split(" (Parameter")[0].TrimEnd('.'), e);
            }
            if (spec.FormatVersion != version)
            {
                throw Invalid($"format version {version} with order {order}: an order-1 spec is written as version 1, a higher order as version {OrderVersion}");
            }
            if (!channels.SequenceEqual(spec.Channels))
            {
                throw Invalid($"channels [{string.Join(", ", channels)}] do not match alphabet {alphabet} "
                    + $"with {(order > 1 ? $"order {order} and " : "")}softMaskChannel {softMask.ToString().ToLowerInvariant()}, which has channels [{string.Join(", ", spec.Channels)}]");
            }
            return spec;
        }
    }

    /// <summary>The first format version with the <c>order</c> field.</summary>
    private const int OrderVersion = 2;

    private static FormatException Invalid(string detail, Exception? inner = null) =>
        new($"Invalid sequence encoding spec: {detail}.", inner);

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw Invalid($"the field \"{name}\" is missing");
        }
        bool matches = kind == JsonValueKind.True
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
            : value.ValueKind == kind;
        if (!matches)
        {
            string expected = kind == JsonValueKind.True ? "a boolean" : $"a {kind.ToString().ToLowerInvariant()}";
            throw Invalid($"the field \"{name}\" must be {expected}, found {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
        }
        return value;
    }

    private static int ReadInt(JsonElement root, string name)
    {
        var value = Required(root, name, JsonValueKind.Number);
        if (!value.TryGetInt32(out int result))
        {
            throw Invalid($"the field \"{name}\" must be a 32-bit integer, found {value.GetRawText()}");
        }
        return result;
    }

    private static bool ReadBool(JsonElement root, string name) =>
        Required(root, name, JsonValueKind.True).GetBoolean();

    private static T ReadEnum<T>(JsonElement root, string name) where T : struct, Enum
    {
        string text = Required(root, name, JsonValueKind.String).GetString()!;
        // Names only: numeric strings such as "1" are not accepted.
        if (!Enum.GetNames<T>().Contains(text, StringComparer.Ordinal))
        {
            throw Invalid($"the field \"{name}\" has the unknown value \"{text}\" (expected one of {string.Join(", ", Enum.GetNames<T>())})");
        }
        return Enum.Parse<T>(text);
    }

    private static string[] ReadStrings(JsonElement root, string name)
    {
        var array = Required(root, name, JsonValueKind.Array);
        var result = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"the field \"{name}\" must hold strings only, found {item.GetRawText()}");
            }
            result.Add(item.GetString()!);
        }
        return [.. result];
    }

    private static class JsonNames
    {
        public const string FormatVersion = "formatVersion";
        public const string Alphabet = "alphabet";
        public const string Channels = "channels";
        public const string Length = "length";
        public const string Order = "order";
        public const string Anchor = "anchor";
        public const string UnknownCharacters = "unknownCharacters";
        public const string SoftMaskChannel = "softMaskChannel";
        public const string ReverseComplement = "reverseComplement";

        public static readonly string[] All =
            [FormatVersion, Alphabet, Channels, Length, Order, Anchor, UnknownCharacters, SoftMaskChannel, ReverseComplement];
    }
}
