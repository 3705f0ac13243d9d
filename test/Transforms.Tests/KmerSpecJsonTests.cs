namespace Cnn.MLNet.Transforms.Tests;

/// <summary>The k-mer order in the spec's JSON (format version 2) and compatibility with version 1 documents.</summary>
public sealed class KmerSpecJsonTests
{
    private const string Version1Dna =
        """{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""";

    [Fact]
    public void A_higher_order_spec_is_written_as_version_2_with_its_order_and_round_trips()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Rna, 30, SequenceAnchor.Right, UnknownCharacterPolicy.Zeros, reverseComplement: true, order: 2);
        string json = spec.ToJson();
        Assert.StartsWith("{\"formatVersion\":2,\"alphabet\":\"Rna\",\"channels\":[\"AA\",\"AC\",\"AG\",\"AU\",\"CA\",", json);
        Assert.Contains("\"length\":30,\"order\":2,\"anchor\":\"Right\",", json);
        var back = SequenceEncodingSpec.FromJson(json);
        Assert.Equal(spec, back);
        Assert.Equal(2, back.Order);
        Assert.Equal(29, back.Positions);
        Assert.Equal(spec.GetHashCode(), back.GetHashCode());
    }

    [Fact]
    public void A_first_order_spec_is_still_written_as_version_1_without_an_order()
    {
        Assert.Equal(Version1Dna, new SequenceEncodingSpec(SequenceAlphabet.Dna, 5).ToJson());
    }

    [Fact]
    public void A_version_1_document_reads_as_order_1()
    {
        var spec = SequenceEncodingSpec.FromJson(Version1Dna);
        Assert.Equal(1, spec.Order);
        Assert.Equal(5, spec.Positions);
        Assert.Equal(new SequenceEncodingSpec(SequenceAlphabet.Dna, 5), spec);
    }

    [Theory]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"order":1,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""",
        "the field \"order\" needs format version 2")]
    [InlineData("""{"formatVersion":2,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""",
        "the field \"order\" is missing")]
    [InlineData("""{"formatVersion":2,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"order":1,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""",
        "an order-1 spec is written as version 1")]
    [InlineData("""{"formatVersion":2,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"order":2,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""",
        "do not match alphabet Dna with order 2")]
    [InlineData("""{"formatVersion":2,"alphabet":"Dna","channels":[],"length":5,"order":7,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""",
        "Order (the k-mer order of the one-hot encoding) must be between 1 and 4")]
    public void Inconsistent_order_fields_are_rejected(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SequenceEncodingSpec.FromJson(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Specs_of_different_orders_are_not_compatible()
    {
        var first = new SequenceEncodingSpec(SequenceAlphabet.Dna, 20);
        var second = new SequenceEncodingSpec(SequenceAlphabet.Dna, 20, order: 2);
        Assert.NotEqual(first, second);
        var error = Assert.Throws<InvalidOperationException>(() => second.EnsureCompatible(first));
        Assert.Contains("Order: expected 2, found 1", error.Message);
    }
}
