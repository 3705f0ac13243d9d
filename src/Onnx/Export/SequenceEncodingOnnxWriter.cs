using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.OneHot;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The one-hot sequence encoding (<see cref="SequenceWindowEncoder"/>) as ONNX nodes fed by ML.NET's
/// <c>TokenizeIntoCharactersAsKeys</c> (key&lt;UInt16&gt; = the UTF-16 code unit, optionally between the
/// 0x02/0x03 markers). Reproduces the encoder bit for bit:
/// <list type="number">
/// <item>codes → int64, markers sliced off (clamped, so an empty row stays empty), flattened to [m],
/// clamped to row 127 (every non-ASCII character shares DEL's row, as in the encoder);</item>
/// <item>placement (<see cref="SequenceWindowEncoder.Place"/>) as one index per output position:
/// position p reads character <c>p + start − before</c> (start = characters dropped at the front,
/// before = padding at the front), or the zero sentinel row 128 when that falls outside the
/// sequence; the reverse complement flips the position list (the channel swap is already in the
/// encoder's table);</item>
/// <item>one Gather from the transposed table [C, 129] gives channel-major [C, L] directly, then
/// [1, C × L];</item>
/// <item>at k-mer order k (<see cref="SequenceEncodingSpec.Order"/>) the table has the A base channels
/// and step 3 gives the bases [A, L]; the k shifted slices [A, P] (P = L − k + 1) are multiplied as
/// outer products over the channel axis, left to right ([A^j, 1, P] × [1, A, P] → [A^(j+1), P]), which
/// is the encoder's k-mer product (<see cref="KmerProducts"/>) in the same order, so bit for bit;
/// then [1, A^k × P].</item>
/// </list>
/// All shapes after the first Gather are constant, so no Pad over a possibly empty tensor is needed.
/// </summary>
internal static class SequenceEncodingOnnxWriter
{
    /// <summary>The graph output that counts unknown characters when Zeros overrides an Error policy.</summary>
    public const string UnknownCharactersOutput = "UnknownCharacters";

    private const long Int64 = (long)TensorProto.Types.DataType.Int64;
    private const long SentinelRow = SequenceWindowEncoder.TableRows; // the all-zero row appended to the table

    /// <summary>
    /// Appends the one-hot encoding: <paramref name="codes"/> is uint16 [1, n] (ML.NET character keys,
    /// with the tokenizer's markers when <c>options.TokenizerMarkers</c>); returns float [1, C × L],
    /// channel-major as the encoder writes it. Declares the extra <c>UnknownCharacters</c> output
    /// when <c>options.UnknownCharacters</c> overrides an Error policy (unless <paramref name="declareUnknownCount"/>
    /// is false: an ensemble declares it once, from its first member that counts); refuses what a graph cannot express.
    /// </summary>
    public static string Write(OnnxGraphBuilder graph, Cnn.MLNet.Transforms.SequenceEncodingSpec spec, string codes, CnnOnnxExportOptions options,
        bool declareUnknownCount = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(codes);
        ArgumentNullException.ThrowIfNull(options);

        var policy = options.UnknownCharacters ?? spec.UnknownCharacters;
        if (!Enum.IsDefined(policy))
        {
            throw new NotSupportedException(
                $"ONNX export: CnnOnnxExportOptions.UnknownCharacters = {(int)policy} is not an UnknownCharacterPolicy value; expected {string.Join(" or ", Enum.GetNames<UnknownCharacterPolicy>())}.");
        }
        if (policy == UnknownCharacterPolicy.Error)
        {
            throw new NotSupportedException(
                "ONNX export: the model's sequence encoding uses UnknownCharacterPolicy.Error, and an ONNX graph cannot raise an error "
                + "for a character outside the alphabet. Set CnnOnnxExportOptions.UnknownCharacters = UnknownCharacterPolicy.Zeros "
                + "(the graph then encodes such characters as all-zero columns and also outputs 'UnknownCharacters', their count per row, "
                + "so the caller can reject those rows), or export with OnnxInputKind.Features and encode with Cnn.MLNet.");
        }
        // Zeros from here on. The weights do not depend on the policy; the encoder's illegal rows (under
        // the spec's own Error policy) are exactly what the count must count.
        bool countUnknown = declareUnknownCount && CountsUnknown(spec);
        var encoder = new SequenceWindowEncoder(spec);
        int channels = encoder.BaseChannelCount; // the table's columns: the spec's channels at order 1, the bases above
        long length = spec.Length;
        const int rows = SequenceWindowEncoder.TableRows;

        // 1. Characters as table rows: [1, n] uint16 → [m] int64 in 0..127.
        string x = graph.Node("Cast", "encoding_codes", [codes], OnnxAttributes.Int("to", Int64));
        if (options.TokenizerMarkers)
        {
            // Drop ML.NET's 0x02 … 0x03; Slice clamps, so an empty row (no markers) stays empty.
            x = graph.Node("Slice", "encoding_unmarked", [x, graph.Longs("encoding_marker_start", 1), graph.Longs("encoding_marker_end", -1), graph.Longs("encoding_marker_axis", 1)]);
        }
        x = graph.Node("Squeeze", "encoding_characters", [x, graph.Longs("encoding_batch_axis", 0)]);
        string characterRows = graph.Node("Min", "encoding_rows", [x, graph.Longs("encoding_last_row", rows - 1)]);
        string count = graph.Node("Shape", "encoding_count", [characterRows]); // [1]: m

        // 2. Placement: the character read at each output position (before the sentinel check).
        // 0 … L−1, or L−1 … 0 when the reverse complement flips the placed window along positions
        // (Range from scalars, so the model does not carry L indices).
        string source = spec.ReverseComplement
            ? graph.Node("Range", "encoding_positions", [Int64Scalar(graph, "encoding_position_first", length - 1), Int64Scalar(graph, "encoding_position_limit", -1), Int64Scalar(graph, "encoding_position_step", -1)])
            : graph.Node("Range", "encoding_positions", [Int64Scalar(graph, "encoding_position_first", 0), Int64Scalar(graph, "encoding_position_limit", length), Int64Scalar(graph, "encoding_position_step", 1)]);
        string? offset = spec.Anchor switch
        {
            SequenceAnchor.Left => null, // start = before = 0
            // Right: start = excess, before = pad, and excess − pad = m − L.
            SequenceAnchor.Right => graph.Node("Sub", "encoding_offset", [count, graph.Longs("encoding_length", length)]),
            SequenceAnchor.Centre => CentreOffset(graph, count, length),
            _ => throw new NotSupportedException($"ONNX export: sequence anchor {spec.Anchor} is not supported."),
        };
        if (offset is not null)
        {
            source = graph.Node("Add", "encoding_source", [source, offset]);
        }
        string zero = graph.Longs("encoding_zero", 0);
        string inside = graph.Node("And", "encoding_inside", [
            graph.Node("GreaterOrEqual", "encoding_after_start", [source, zero]),
            graph.Node("Less", "encoding_before_end", [source, count])]);
        // Index m is the sentinel appended after the characters: padding reads the all-zero row.
        string safeSource = graph.Node("Where", "encoding_safe_source", [inside, source, count]);
        string rowsWithSentinel = graph.Node("Concat", "encoding_rows_sentinel",
            [characterRows, graph.Longs("encoding_sentinel", SentinelRow)], OnnxAttributes.Int("axis", 0));
        string windowRows = graph.Node("Gather", "encoding_window_rows", [rowsWithSentinel, safeSource], OnnxAttributes.Int("axis", 0));

        // 3. Lookup in the transposed table [C, 129] along axis 1: channel-major [C, L] directly.
        var table = encoder.Table;
        var transposed = new float[channels * (rows + 1)];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                transposed[c * (rows + 1) + r] = table[r * channels + c];
            }
        }
        string tableName = graph.Initializer("encoding_table", transposed, channels, rows + 1);
        string encoded = graph.Node("Gather", "encoding_onehot", [tableName, windowRows], OnnxAttributes.Int("axis", 1));
        if (spec.Order > 1)
        {
            encoded = Kmers(graph, encoded, channels, length, spec.Order);
        }
        string flat = graph.Node("Reshape", "encoding_features", [encoded, graph.Longs("encoding_flat_shape", 1, (long)spec.VectorSize)]);

        if (countUnknown)
        {
            // Over the whole sequence, truncated parts included, markers excluded (as the encoder validates).
            var illegal = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                illegal[r] = encoder.IsIllegal(r) ? 1f : 0f;
            }
            string flags = graph.Node("Gather", "encoding_unknown_flags", [graph.Initializer("encoding_illegal", illegal, rows), characterRows], OnnxAttributes.Int("axis", 0));
            string total = graph.Node("ReduceSum", "encoding_unknown_total", [flags], OnnxAttributes.Int("keepdims", 1)); // no axes: all; empty → 0
            string shaped = graph.Node("Reshape", "encoding_unknown_count", [total, graph.Longs("encoding_count_shape", 1, 1)]);
            graph.Output(shaped, UnknownCharactersOutput, TensorProto.Types.DataType.Float, 1L, 1L);
        }
        return flat;
    }

    // [A, L] bases → [A^k, P] k-mers: the product of k shifted slices, as outer products over channels.
    private static string Kmers(OnnxGraphBuilder graph, string bases, int alphabetSize, long length, int order)
    {
        long positions = length - order + 1;
        string axis = graph.Longs("encoding_kmer_axis", 1);
        string Shifted(int j) => graph.Node("Slice", $"encoding_kmer_slice{j}",
            [bases, graph.Longs($"encoding_kmer_start{j}", j), graph.Longs($"encoding_kmer_end{j}", j + positions), axis]);

        string product = Shifted(0);
        long channels = alphabetSize;
        for (int j = 1; j < order; j++)
        {
            string left = graph.Node("Reshape", $"encoding_kmer_left{j}", [product, graph.Longs($"encoding_kmer_left_shape{j}", channels, 1, positions)]);
            string right = graph.Node("Reshape", $"encoding_kmer_right{j}", [Shifted(j), graph.Longs($"encoding_kmer_right_shape{j}", 1, alphabetSize, positions)]);
            channels *= alphabetSize;
            string outer = graph.Node("Mul", $"encoding_kmer_outer{j}", [left, right]);
            product = graph.Node("Reshape", $"encoding_kmer_product{j}", [outer, graph.Longs($"encoding_kmer_product_shape{j}", channels, positions)]);
        }
        return product;
    }

    /// <summary>Whether the graph of <paramref name="spec"/> counts unknown characters (its own policy refuses them, so an export must override it with Zeros).</summary>
    public static bool CountsUnknown(Cnn.MLNet.Transforms.SequenceEncodingSpec spec) => spec.UnknownCharacters == UnknownCharacterPolicy.Error;

    private static string Int64Scalar(OnnxGraphBuilder graph, string hint, long value) => graph.Initializer(hint, [value]);

    // Centre: start = ⌊excess / 2⌋, before = ⌊pad / 2⌋ (the odd extra padding column goes at the end),
    // with excess = max(m − L, 0) and pad = max(L − m, 0); both are non-negative, so Div's truncation is the floor.
    private static string CentreOffset(OnnxGraphBuilder graph, string count, long length)
    {
        string zero = graph.Longs("encoding_centre_zero", 0);
        string two = graph.Longs("encoding_two", 2);
        string difference = graph.Node("Sub", "encoding_difference", [count, graph.Longs("encoding_centre_length", length)]);
        string excess = graph.Node("Max", "encoding_excess", [difference, zero]);
        string pad = graph.Node("Max", "encoding_pad", [graph.Node("Neg", "encoding_shortfall", [difference]), zero]);
        return graph.Node("Sub", "encoding_offset", [
            graph.Node("Div", "encoding_start", [excess, two]),
            graph.Node("Div", "encoding_before", [pad, two])]);
    }
}
