namespace Cnn.MLNet.Transforms.Tests;

/// <summary>The encoding spec: JSON round trip and validation, and the compatibility check.</summary>
public sealed class SpecTests
{
    private static readonly SequenceEncodingSpec Dna50 = new(SequenceAlphabet.Dna, 50);

    [Fact]
    public void Json_has_every_field_and_round_trips()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Rna, 120, SequenceAnchor.Centre, UnknownCharacterPolicy.Zeros,
            softMaskChannel: true, reverseComplement: true);
        string json = spec.ToJson();

        Assert.Equal(
            """{"formatVersion":1,"alphabet":"Rna","channels":["A","C","G","U","softmask"],"length":120,"anchor":"Centre","unknownCharacters":"Zeros","softMaskChannel":true,"reverseComplement":true}""",
            json);
        var back = SequenceEncodingSpec.FromJson(json);
        Assert.Equal(spec, back);
        Assert.Equal(spec.GetHashCode(), back.GetHashCode());
        Assert.Equal(5, back.ChannelCount);
        Assert.Equal(600, back.VectorSize);
    }

    [Fact]
    public void Defaults_are_dna_left_error_no_mask_forward_strand()
    {
        Assert.Equal(1, Dna50.FormatVersion); // first order is still written in the format that predates orders
        Assert.Equal(1, Dna50.Order);
        Assert.Equal(["A", "C", "G", "T"], Dna50.Channels);
        Assert.Equal(SequenceAnchor.Left, Dna50.Anchor);
        Assert.Equal(UnknownCharacterPolicy.Error, Dna50.UnknownCharacters);
        Assert.False(Dna50.SoftMaskChannel);
        Assert.False(Dna50.ReverseComplement);
        Assert.Equal(20, new SequenceEncodingSpec(SequenceAlphabet.Protein, 3).ChannelCount);
    }

    [Theory]
    [InlineData("""{"formatVersion":3,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "format version 3 is not supported")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":0,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "length must be between 1")]
    [InlineData("""{"formatVersion":1,"alphabet":"Xna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "\"alphabet\" has the unknown value \"Xna\"")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"1","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "\"anchor\" has the unknown value \"1\"")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","U"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "channels [A, C, G, U] do not match alphabet Dna")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":true,"reverseComplement":false}""", "do not match alphabet Dna with softMaskChannel true")]
    [InlineData("""{"formatVersion":1,"alphabet":"Protein","channels":["A","C","D","E","F","G","H","I","K","L","M","N","P","Q","R","S","T","V","W","Y"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":true}""", "DNA and RNA only")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "\"length\" is missing")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":"5","anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "\"length\" must be a number, found string")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5.5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false}""", "must be a 32-bit integer")]
    [InlineData("""{"formatVersion":1,"alphabet":"Dna","channels":["A","C","G","T"],"length":5,"anchor":"Left","unknownCharacters":"Error","softMaskChannel":false,"reverseComplement":false,"extra":1}""", "unknown field \"extra\"")]
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"formatVersion":1,""", "not valid JSON")]
    public void FromJson_rejects_invalid_specs_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SequenceEncodingSpec.FromJson(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EnsureCompatible_accepts_an_equal_spec()
    {
        Dna50.EnsureCompatible(SequenceEncodingSpec.FromJson(Dna50.ToJson()));
    }

    [Fact]
    public void EnsureCompatible_names_every_differing_field_with_both_values()
    {
        var scoring = new SequenceEncodingSpec(SequenceAlphabet.Rna, 60, SequenceAnchor.Right, UnknownCharacterPolicy.Zeros,
            softMaskChannel: true, reverseComplement: true);
        var error = Assert.Throws<InvalidOperationException>(() => Dna50.EnsureCompatible(scoring));

        Assert.Contains("Alphabet: expected Dna, found Rna", error.Message);
        Assert.Contains("Channels: expected [A,C,G,T], found [A,C,G,U,softmask]", error.Message);
        Assert.Contains("Length: expected 50, found 60", error.Message);
        Assert.Contains("Anchor: expected Left, found Right", error.Message);
        Assert.Contains("UnknownCharacters: expected Error, found Zeros", error.Message);
        Assert.Contains("SoftMaskChannel: expected false, found true", error.Message);
        Assert.Contains("ReverseComplement: expected false, found true", error.Message);
        Assert.DoesNotContain("FormatVersion", error.Message);
    }

    [Fact]
    public void EnsureCompatible_names_only_the_differing_field()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Dna50.EnsureCompatible(new SequenceEncodingSpec(SequenceAlphabet.Dna, 51)));
        Assert.Contains("Length: expected 50, found 51", error.Message);
        Assert.DoesNotContain("Anchor", error.Message);
        Assert.DoesNotContain("Alphabet", error.Message);
    }

    [Fact]
    public void Constructor_rejects_out_of_range_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceEncodingSpec(SequenceAlphabet.Dna, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceEncodingSpec((SequenceAlphabet)7, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceEncodingSpec(SequenceAlphabet.Dna, 10, (SequenceAnchor)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceEncodingSpec(SequenceAlphabet.Protein, int.MaxValue / 10));
    }
}
