using Cnn.MLNet.Onnx.Export;
using Cnn.MLNet.Onnx.Tests.Support;
using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.OneHot;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Cnn.MLNet.Onnx.Tests;

/// <summary>
/// The one-hot encoding as ONNX nodes (<see cref="SequenceEncodingOnnxWriter"/>) against our encoder,
/// bit for bit, on encoding-only graphs run by ONNX Runtime, and once through stock ML.NET
/// (<c>TokenizeIntoCharactersAsKeys</c> → <c>ApplyOnnxModel</c>).
/// </summary>
public class SequenceEncodingExportTests
{
    private static readonly CnnOnnxExportOptions Zeros = new() { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Zeros };

    // Every length from empty to well past the window: n = 0, n < L and n > L with odd and even differences, n = L.
    private static IEnumerable<string> AllLengths(string pool, int upTo)
    {
        for (int n = 0; n <= upTo; n++)
        {
            yield return string.Concat(Enumerable.Range(0, n).Select(i => pool[(i * 7 + n) % pool.Length]));
        }
    }

    private static void AssertGraphMatchesEncoder(SequenceEncodingSpec spec, CnnOnnxExportOptions options, IEnumerable<string> sequences)
    {
        var reference = EncodingGraphs.With(spec, UnknownCharacterPolicy.Zeros); // same table; the graph never errors
        using var session = new InferenceSession(EncodingGraphs.Build(spec, options));
        foreach (string sequence in sequences)
        {
            var outputs = EncodingGraphs.Run(session, sequence, options.TokenizerMarkers);
            EncodingGraphs.AssertBitwiseEqual(EncodingGraphs.Reference(reference, sequence), outputs[EncodingGraphs.Output],
                $"{spec} on '{sequence}' (length {sequence.Length})");
        }
    }

    public static TheoryData<SequenceAnchor, bool, int> Placements()
    {
        var data = new TheoryData<SequenceAnchor, bool, int>();
        foreach (var anchor in Enum.GetValues<SequenceAnchor>())
        {
            foreach (bool reverse in new[] { false, true })
            {
                foreach (int length in new[] { 6, 7 })
                {
                    data.Add(anchor, reverse, length);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void SequenceEncodingExport_placement_matches_the_encoder_for_every_length(SequenceAnchor anchor, bool reverseComplement, int length)
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, length, anchor, UnknownCharacterPolicy.Zeros, reverseComplement: reverseComplement);
        AssertGraphMatchesEncoder(spec, Zeros, AllLengths("ACGTTGCAAGN", 2 * length + 3));
    }

    [Theory]
    [InlineData(SequenceAnchor.Left, false)]
    [InlineData(SequenceAnchor.Centre, false)]
    [InlineData(SequenceAnchor.Right, true)]
    [InlineData(SequenceAnchor.Centre, true)]
    public void SequenceEncodingExport_lowercase_and_soft_mask_channel_match(SequenceAnchor anchor, bool reverseComplement)
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 9, anchor, UnknownCharacterPolicy.Zeros, softMaskChannel: true, reverseComplement: reverseComplement);
        AssertGraphMatchesEncoder(spec, Zeros, AllLengths("ACgtTGcaAnRy-.", 14).Append("acgtACGTnN"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SequenceEncodingExport_iupac_codes_and_gaps_match(bool reverseComplement)
    {
        const string codes = "ACGTRYSWKMBDHVN-.acgtryswkmbdhvn";
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, codes.Length, SequenceAnchor.Left, UnknownCharacterPolicy.Error, reverseComplement: reverseComplement);
        // Error in the spec, Zeros in the export: every one of these must still encode as the encoder does.
        AssertGraphMatchesEncoder(spec, Zeros, [codes, "N-N.n", new string(codes.Reverse().ToArray())]);
    }

    [Theory]
    [InlineData(SequenceAlphabet.Dna, false)]
    [InlineData(SequenceAlphabet.Dna, true)]
    [InlineData(SequenceAlphabet.Rna, false)]
    [InlineData(SequenceAlphabet.Protein, true)]
    public void SequenceEncodingExport_every_ASCII_and_non_ASCII_character_matches_under_Zeros(SequenceAlphabet alphabet, bool softMask)
    {
        string ascii = new(Enumerable.Range(0, 128).Select(c => (char)c).ToArray());
        string nonAscii = "\u00e9\u00c0\u0100\u0391\u4e2d\uffff\ud83e\uddec\u00a0\u0080";
        var spec = new SequenceEncodingSpec(alphabet, 140, SequenceAnchor.Left, UnknownCharacterPolicy.Zeros, softMaskChannel: softMask);
        AssertGraphMatchesEncoder(spec, Zeros, [ascii, nonAscii, ascii + nonAscii, "A\u00e9C\u0002G\u0003T"]);
    }

    [Theory]
    [InlineData(SequenceAlphabet.Rna, SequenceAnchor.Centre, true)]
    [InlineData(SequenceAlphabet.Rna, SequenceAnchor.Right, false)]
    [InlineData(SequenceAlphabet.Protein, SequenceAnchor.Left, false)]
    [InlineData(SequenceAlphabet.Protein, SequenceAnchor.Centre, false)]
    public void SequenceEncodingExport_rna_and_protein_alphabets_match(SequenceAlphabet alphabet, SequenceAnchor anchor, bool reverseComplement)
    {
        string pool = alphabet == SequenceAlphabet.Rna ? "ACGUTuacgtNRy-." : "ACDEFGHIKLMNPQRSTVWYBZJXacdwy-.";
        var spec = new SequenceEncodingSpec(alphabet, 8, anchor, UnknownCharacterPolicy.Zeros, softMaskChannel: alphabet == SequenceAlphabet.Protein, reverseComplement: reverseComplement);
        AssertGraphMatchesEncoder(spec, Zeros, AllLengths(pool, 19).Append(pool));
    }

    [Theory]
    [InlineData(SequenceAnchor.Left)]
    [InlineData(SequenceAnchor.Centre)]
    [InlineData(SequenceAnchor.Right)]
    public void SequenceEncodingExport_without_tokenizer_markers_matches(SequenceAnchor anchor)
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 5, anchor, UnknownCharacterPolicy.Zeros, reverseComplement: anchor == SequenceAnchor.Right);
        var options = new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys, TokenizerMarkers = false };
        AssertGraphMatchesEncoder(spec, options, AllLengths("ACGTNacgtn-", 12).Append("\u0002ACG\u0003"));
    }

    public static TheoryData<int, SequenceAnchor, bool> KmerPlacements()
    {
        var data = new TheoryData<int, SequenceAnchor, bool>();
        foreach (int order in new[] { 2, 3 })
            foreach (var anchor in Enum.GetValues<SequenceAnchor>())
                foreach (bool reverse in new[] { false, true })
                    data.Add(order, anchor, reverse);
        return data;
    }

    [Theory]
    [MemberData(nameof(KmerPlacements))]
    public void SequenceEncodingExport_kmer_orders_match_the_encoder_with_unknown_letters_and_every_length(int order, SequenceAnchor anchor, bool reverseComplement)
    {
        // Unknown letters (X, é), ambiguity codes, gaps and lowercase; lengths from empty (all padding) to past the window.
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 7, anchor, UnknownCharacterPolicy.Zeros, reverseComplement: reverseComplement, order: order);
        AssertGraphMatchesEncoder(spec, Zeros, AllLengths("ACGTXgcaNRy-éT", 17).Append("ACGTACG").Append("acgtnXX"));
    }

    [Theory]
    [InlineData(SequenceAlphabet.Rna, 3)]
    [InlineData(SequenceAlphabet.Protein, 2)]
    public void SequenceEncodingExport_kmer_orders_of_rna_and_protein_match(SequenceAlphabet alphabet, int order)
    {
        string pool = alphabet == SequenceAlphabet.Rna ? "ACGUTuacgtNRyX-" : "ACDEFGHIKLMNPQRSTVWYBZJXacdwyO-";
        var spec = new SequenceEncodingSpec(alphabet, 6, SequenceAnchor.Centre, UnknownCharacterPolicy.Zeros, order: order);
        AssertGraphMatchesEncoder(spec, Zeros, AllLengths(pool, 13).Append(pool));
    }

    [Fact]
    public void SequenceEncodingExport_kmer_Zeros_override_counts_unknown_characters()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 5, SequenceAnchor.Left, UnknownCharacterPolicy.Error, order: 2);
        using var session = new InferenceSession(EncodingGraphs.Build(spec, Zeros));
        var lenient = EncodingGraphs.With(spec, UnknownCharacterPolicy.Zeros);
        foreach (var (sequence, unknown) in new[] { ("ACGTA", 0f), ("AXGTZ", 2f), ("AC", 0f), ("XACGTACX", 2f) })
        {
            var outputs = EncodingGraphs.Run(session, sequence, markers: true);
            Assert.Equal([unknown], outputs[SequenceEncodingOnnxWriter.UnknownCharactersOutput]);
            EncodingGraphs.AssertBitwiseEqual(EncodingGraphs.Reference(lenient, sequence), outputs[EncodingGraphs.Output], $"'{sequence}'");
        }
    }

    [Fact]
    public void SequenceEncodingExport_refuses_the_Error_policy_and_says_what_to_set()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 10);
        foreach (var options in new[]
        {
            new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys },
            new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Error },
        })
        {
            var error = Assert.Throws<NotSupportedException>(() => EncodingGraphs.Build(spec, options));
            Assert.Contains("UnknownCharacterPolicy.Error", error.Message);
            Assert.Contains("CnnOnnxExportOptions.UnknownCharacters = UnknownCharacterPolicy.Zeros", error.Message);
            Assert.Contains("OnnxInputKind.Features", error.Message);
        }
        // An Error override of a Zeros encoding is refused the same way.
        var zerosSpec = EncodingGraphs.With(spec, UnknownCharacterPolicy.Zeros);
        var overridden = Assert.Throws<NotSupportedException>(() => EncodingGraphs.Build(zerosSpec,
            new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Error }));
        Assert.Contains("UnknownCharacterPolicy.Error", overridden.Message);
    }

    [Theory]
    [InlineData(SequenceAnchor.Left, true)]
    [InlineData(SequenceAnchor.Right, false)]
    [InlineData(SequenceAnchor.Centre, true)]
    public void SequenceEncodingExport_Zeros_override_counts_unknown_characters_over_the_whole_sequence(SequenceAnchor anchor, bool markers)
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 4, anchor, UnknownCharacterPolicy.Error, softMaskChannel: true);
        var options = new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Zeros, TokenizerMarkers = markers };
        var strict = new SequenceWindowEncoder(spec);
        var lenient = EncodingGraphs.With(spec, UnknownCharacterPolicy.Zeros);
        string[] sequences =
        [
            "", "A", "ACGT", "acgtnRYkm-.", "XACGT", "ACGTX", "XXACGTXX", "ZACGTACGTz", "A\u00e9\uffffC", "U", "u*?",
            "\u0002\u0003", "\u0000ACG", new(Enumerable.Range(0, 128).Select(c => (char)c).ToArray()),
        ];
        using var session = new InferenceSession(EncodingGraphs.Build(spec, options));
        Assert.Equal([EncodingGraphs.Output, SequenceEncodingOnnxWriter.UnknownCharactersOutput], session.OutputMetadata.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([1, 1], session.OutputMetadata[SequenceEncodingOnnxWriter.UnknownCharactersOutput].Dimensions);
        foreach (string sequence in sequences)
        {
            // The encoder's own verdict, one character at a time.
            int expected = sequence.Count(c => strict.Encode(c.ToString(), new float[spec.VectorSize]) >= 0);
            var outputs = EncodingGraphs.Run(session, sequence, markers);
            Assert.Equal([(float)expected], outputs[SequenceEncodingOnnxWriter.UnknownCharactersOutput]);
            Assert.Equal(expected > 0, strict.Encode(sequence, new float[spec.VectorSize]) >= 0);
            EncodingGraphs.AssertBitwiseEqual(EncodingGraphs.Reference(lenient, sequence), outputs[EncodingGraphs.Output], $"'{sequence}'");
        }
    }

    [Fact]
    public void SequenceEncodingExport_a_Zeros_encoding_declares_no_UnknownCharacters_output()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 4, unknownCharacters: UnknownCharacterPolicy.Zeros);
        using var session = new InferenceSession(EncodingGraphs.Build(spec, new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys }));
        Assert.Equal([EncodingGraphs.Output], session.OutputMetadata.Keys.ToArray());
    }

    private sealed class Row
    {
        public string Sequence { get; set; } = "";
    }

    [Theory]
    [InlineData(SequenceAnchor.Centre, false, true, 1)]
    [InlineData(SequenceAnchor.Right, true, false, 1)]
    [InlineData(SequenceAnchor.Left, false, true, 2)]
    [InlineData(SequenceAnchor.Centre, true, true, 3)]
    public void SequenceEncodingExport_stock_MLNet_tokenizer_and_ApplyOnnxModel_reproduce_our_transform(SequenceAnchor anchor, bool reverseComplement, bool markers, int order)
    {
        bool softMask = order == 1; // the soft-mask channel needs order 1
        const int length = 12;
        var ml = new MLContext(seed: 1);
        var rows = new[]
        {
            "", "A", "ACGTN", "acgtACGTnnRY", "ACGTACGTACGTA", "TTTTGGGGCCCCAAAAT", "ACG-.TXA\u00e9C", "gattaca",
        }.Select(s => new Row { Sequence = s }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        // Our transform refuses an empty row (a graph cannot), so it sees the others; the empty row
        // must come out of the graph as the encoder's all-zero window.
        var nonEmpty = ml.Data.LoadFromEnumerable(rows.Where(r => r.Sequence.Length > 0));

        var ours = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            OutputColumnName = "Features",
            InputColumnName = "Sequence",
            Length = length,
            Anchor = anchor,
            UnknownCharacters = UnknownCharacterPolicy.Zeros,
            SoftMaskChannel = softMask,
            ReverseComplement = reverseComplement,
            Order = order,
        }).Fit(nonEmpty).Transform(nonEmpty);
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, length, anchor, UnknownCharacterPolicy.Error, softMaskChannel: softMask, reverseComplement: reverseComplement, order: order);
        var options = new CnnOnnxExportOptions { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Zeros, TokenizerMarkers = markers };

        using var model = new MemoryStream(EncodingGraphs.Build(spec, options));
        var stock = ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Tokens", "Sequence", useMarkerCharacters: markers)
            .Append(ml.Transforms.ApplyOnnxModel([EncodingGraphs.Output, SequenceEncodingOnnxWriter.UnknownCharactersOutput], [EncodingGraphs.Input], model));
        var scored = stock.Fit(data).Transform(data);

        var encodedColumn = scored.Schema[EncodingGraphs.Output];
        var encodedType = Assert.IsType<VectorDataViewType>(encodedColumn.Type);
        Assert.Equal(NumberDataViewType.Single, encodedType.ItemType);
        Assert.Equal(spec.VectorSize, encodedType.Size);

        var expected = ours.GetColumn<float[]>("Features").Prepend(new float[spec.VectorSize]).ToArray();
        var actual = scored.GetColumn<float[]>(EncodingGraphs.Output).ToArray();
        var unknown = scored.GetColumn<float[]>(SequenceEncodingOnnxWriter.UnknownCharactersOutput).ToArray();
        Assert.Equal(rows.Length, actual.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            EncodingGraphs.AssertBitwiseEqual(expected[i], actual[i], $"row {i} '{rows[i].Sequence}'");
        }
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 2f, 0f], unknown.Select(u => Assert.Single(u)).ToArray());
    }
}
