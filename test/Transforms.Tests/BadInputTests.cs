using Microsoft.ML;
using Microsoft.ML.Data;
using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>Every kind of bad input fails with a message naming column, row and character or type.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Illegal_character_names_column_row_character_and_position()
    {
        var ml = NewContext();
        var sequences = Enumerable.Repeat("ACGTACGT", 20).ToArray();
        sequences[17] = "ACGZACGT";
        var data = Load(ml, sequences);
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 8).Fit(data).Transform(data);

        var error = Assert.Throws<InvalidOperationException>(() => ReadColumn(transformed, "Features"));
        Assert.Contains("column 'Sequence'", error.Message);
        Assert.Contains("row 17 (0-based)", error.Message);
        Assert.Contains("'Z' (U+005A)", error.Message);
        Assert.Contains("position 3 (0-based)", error.Message);
        Assert.Contains("ACG[Z]ACGT", error.Message);
        Assert.Contains("UnknownCharacterPolicy.Zeros", error.Message);
    }

    [Fact]
    public void Illegal_character_in_a_truncated_part_is_still_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EncodeOne("ACGTACGTx", 4));
        Assert.Contains("'x'", error.Message);
        Assert.Contains("position 8 (0-based)", error.Message);
    }

    [Fact]
    public void Non_ascii_and_control_characters_are_shown_by_code_point()
    {
        var accented = Assert.Throws<InvalidOperationException>(() => EncodeOne("ACé", 3));
        Assert.Contains("'é' (U+00E9)", accented.Message);
        var tab = Assert.Throws<InvalidOperationException>(() => EncodeOne("A\tC", 3));
        Assert.Contains("character U+0009 at position 1", tab.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_or_empty_sequence_names_the_row(string? bad)
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT", "ACGT", bad);
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(data).Transform(data);

        var error = Assert.Throws<InvalidOperationException>(() => ReadColumn(transformed, "Features"));
        Assert.Contains("column 'Sequence'", error.Message);
        Assert.Contains("row 2 (0-based)", error.Message);
        Assert.Contains("empty or missing", error.Message);

        var fitError = Assert.Throws<InvalidOperationException>(() => ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(data));
        Assert.Contains("row 2 (0-based)", fitError.Message);
    }

    [Fact]
    public void PredictionEngine_reports_illegal_characters_too()
    {
        var ml = NewContext();
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(Load(ml, "ACGT"));
        var engine = ml.Model.CreatePredictionEngine<SequenceRow, EncodedRow>(model);
        Assert.Equal(16, engine.Predict(new SequenceRow { Sequence = "ACGT" }).Features.Length);
        var error = Assert.Throws<InvalidOperationException>(() => engine.Predict(new SequenceRow { Sequence = "AC?T" }));
        Assert.Contains("'?'", error.Message);
        Assert.Contains("column 'Sequence'", error.Message);
    }

    [Fact]
    public void Learning_a_length_from_no_rows_is_a_clear_error()
    {
        var ml = NewContext();
        var empty = ml.Data.LoadFromEnumerable(new List<SequenceRow>());
        var error = Assert.Throws<InvalidOperationException>(() => ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(empty));
        Assert.Contains("'Sequence'", error.Message);
        Assert.Contains("no rows", error.Message);
        Assert.Contains("Set the length", error.Message);

        // With a length there is nothing to learn, so empty data is fine.
        var transformer = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 10).Fit(empty);
        Assert.Empty(ReadColumn(transformer.Transform(empty), "Features"));
    }

    [Fact]
    public void Missing_column_is_reported_at_every_stage_with_the_available_columns()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var estimator = ml.Transforms.OneHotEncodeSequence("Features", "Seq", 4);
        var transformer = OneHotSequenceTransformer.Create(ml, new SequenceEncodingSpec(SequenceAlphabet.Dna, 4), "Features", "Seq");

        foreach (var action in new Action[]
        {
            () => estimator.GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema)),
            () => estimator.Fit(data),
            () => transformer.GetOutputSchema(data.Schema),
            () => transformer.Transform(data),
            () => transformer.GetRowToRowMapper(data.Schema),
        })
        {
            var error = Assert.ThrowsAny<ArgumentException>(action);
            Assert.Contains("input column 'Seq' was not found", error.Message);
            Assert.Contains("Available columns: 'Sequence', 'Score'", error.Message);
        }
    }

    [Fact]
    public void Non_text_column_is_reported_with_its_actual_type()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var estimator = ml.Transforms.OneHotEncodeSequence("Features", "Score", 4);
        var transformer = OneHotSequenceTransformer.Create(ml, new SequenceEncodingSpec(SequenceAlphabet.Dna, 4), "Features", "Score");

        foreach (var action in new Action[]
        {
            () => estimator.GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema)),
            () => estimator.Fit(data),
            () => transformer.GetOutputSchema(data.Schema),
            () => transformer.Transform(data),
        })
        {
            var error = Assert.ThrowsAny<ArgumentException>(action);
            Assert.Contains("input column 'Score' has type Single", error.Message);
            Assert.Contains("expected text", error.Message);
        }
    }

    [Fact]
    public void Vector_of_text_is_not_a_sequence_column()
    {
        var ml = NewContext();
        var data = ml.Transforms.Text.TokenizeIntoWords("Words", "Sequence").Fit(Load(ml, "AC GT")).Transform(Load(ml, "AC GT"));
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence("Features", "Words", 4).Fit(data));
        Assert.Contains("'Words' has type Vector<String>", error.Message);

        var shapeError = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence("Features", "Words", 4)
            .GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema)));
        Assert.Contains("'Words' has type Vector<String> (variable size)", shapeError.Message);
    }

    [Fact]
    public void Invalid_options_fail_at_construction_naming_the_option()
    {
        var ml = NewContext();
        Assert.Equal("Length", Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence("F", "S", length: 0)).ParamName);
        Assert.Equal("MaxLength", Assert.ThrowsAny<ArgumentException>(() =>
            ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options { MaxLength = 0 })).ParamName);
        Assert.Equal("OutputColumnName", Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence("")).ParamName);
        Assert.ThrowsAny<ArgumentException>(() =>
            ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options { UnknownCharacters = (UnknownCharacterPolicy)5 }));
    }

    [Fact]
    public void Invalid_annotation_text_is_reported_by_TryRead()
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(SequenceEncodingSpec.AnnotationKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = "{}".AsMemory());
        var schemaBuilder = new DataViewSchema.Builder();
        schemaBuilder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, 4), builder.ToAnnotations());
        var column = schemaBuilder.ToSchema()["Features"];

        var error = Assert.Throws<InvalidOperationException>(() => SequenceEncodingSpec.TryRead(column, out _));
        Assert.Contains("Column 'Features'", error.Message);
        Assert.Contains("\"formatVersion\" is missing", error.Message);
    }
}
