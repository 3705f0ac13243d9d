using Microsoft.ML;
using Microsoft.ML.Data;
using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>The transform as an ML.NET citizen: schema, laziness, chains, PredictionEngine.</summary>
public sealed class SchemaAndPipelineTests
{
    [Fact]
    public void Output_column_is_a_known_size_float_vector_carrying_the_spec()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var transformer = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            Length = 7,
            SoftMaskChannel = true,
        }).Fit(data);
        var column = transformer.Transform(data).Schema["Features"];

        var type = Assert.IsType<VectorDataViewType>(column.Type);
        Assert.Equal(NumberDataViewType.Single, type.ItemType);
        Assert.True(type.IsKnownSize);
        Assert.Equal(5 * 7, type.Size);
        Assert.True(SequenceEncodingSpec.TryRead(column, out var spec));
        Assert.Equal(transformer.Spec, spec);
        Assert.Equal(["A", "C", "G", "T", "softmask"], spec.Channels);
        Assert.Equal(transformer.Transform(data).Schema, transformer.GetOutputSchema(data.Schema), new SchemaNameTypeComparer());
    }

    [Fact]
    public void Columns_without_the_annotation_have_no_spec()
    {
        var data = Load(NewContext(), "ACGT");
        Assert.False(SequenceEncodingSpec.TryRead(data.Schema["Sequence"], out var spec));
        Assert.Null(spec);
    }

    [Fact]
    public void Estimator_declares_the_output_column_with_its_annotation()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var estimator = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4);
        var shape = estimator.GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema));

        var features = shape.Single(c => c.Name == "Features");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, features.Kind);
        Assert.Equal(NumberDataViewType.Single, features.ItemType);
        Assert.False(features.IsKey);
        Assert.Contains(features.Annotations, a => a.Name == SequenceEncodingSpec.AnnotationKind && a.ItemType is TextDataViewType);
        Assert.Contains(shape, c => c.Name == "Sequence");
        Assert.Contains(shape, c => c.Name == "Score");
    }

    [Fact]
    public void Pass_through_columns_are_preserved_and_a_same_named_input_is_hidden()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT", "TTTT");
        var transformed = ml.Transforms.OneHotEncodeSequence("Sequence", length: 4).Fit(data).Transform(data);

        Assert.Equal(3, transformed.Schema.Count);
        Assert.True(transformed.Schema[0].IsHidden);
        Assert.Equal("Sequence", transformed.Schema[0].Name);
        Assert.IsType<VectorDataViewType>(transformed.Schema["Sequence"].Type);
        Assert.Equal([0f, 1f], transformed.GetColumn<float>("Score").ToArray());
        Assert.Equal(EncodeOne("TTTT", 4), ReadColumn(transformed, "Sequence")[1]);
    }

    [Fact]
    public void Only_the_input_column_is_requested_upstream_and_only_when_the_output_is_active()
    {
        var ml = NewContext();
        var source = new RecordingDataView(Load(ml, "ACGT", "GGGG"));
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(source).Transform(source);

        using (var cursor = transformed.GetRowCursor([transformed.Schema["Features"]]))
        {
            Assert.True(cursor.IsColumnActive(transformed.Schema["Features"]));
            Assert.False(cursor.IsColumnActive(transformed.Schema["Score"]));
        }
        Assert.Equal(["Sequence"], source.Requests[^1]);

        using (var cursor = transformed.GetRowCursor([transformed.Schema["Score"]]))
        {
            Assert.False(cursor.IsColumnActive(transformed.Schema["Features"]));
            Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(transformed.Schema["Features"]));
        }
        Assert.Equal(["Score"], source.Requests[^1]);
    }

    [Fact]
    public void Reading_the_output_twice_at_one_position_gives_the_same_values_and_reads_only_the_current_row()
    {
        var ml = NewContext();
        var source = new RecordingDataView(Load(ml, "ACGT", "GGGG"));
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(source).Transform(source);
        var column = transformed.Schema["Features"];
        source.GetterCalls.Clear();

        using var cursor = transformed.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> first = default, second = default;
        Assert.True(cursor.MoveNext());
        getter(ref first);
        getter(ref second);
        Assert.Equal(2, source.GetterCalls["Sequence"]);
        Assert.Equal(EncodeOne("ACGT", 4), first.DenseValues());
        Assert.Equal(first.DenseValues(), second.DenseValues());
        Assert.True(cursor.MoveNext());
        getter(ref first);
        Assert.Equal(3, source.GetterCalls["Sequence"]);
        Assert.Equal(EncodeOne("GGGG", 4), first.DenseValues());
    }

    [Fact]
    public void Reading_the_wrong_type_names_the_column_and_its_type()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(data).Transform(data);
        using var cursor = transformed.GetRowCursor(transformed.Schema);
        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(transformed.Schema["Features"]));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void Transform_and_PredictionEngine_give_identical_encodings()
    {
        var ml = NewContext();
        string[] sequences = ["ACGTNRY", "acg", "GGGGGGGGGG", "T-A.C"];
        var data = Load(ml, sequences);
        var model = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            SoftMaskChannel = true,
            Anchor = SequenceAnchor.Centre,
            ReverseComplement = true,
        }).Fit(data);
        var viaTransform = ReadColumn(model.Transform(data), "Features");

        var engine = ml.Model.CreatePredictionEngine<SequenceRow, EncodedRow>(model);
        for (int i = 0; i < sequences.Length; i++)
        {
            var prediction = engine.Predict(new SequenceRow { Sequence = sequences[i], Score = 7 });
            Assert.Equal(viaTransform[i], prediction.Features);
            Assert.Equal(7, prediction.Score);
        }
    }

    [Fact]
    public void Works_inside_an_estimator_chain_with_stock_ML_NET_components()
    {
        var ml = NewContext();
        var rows = Enumerable.Range(0, 40).Select(i => new LabelledRow
        {
            Label = i % 2 == 0,
            Text = i % 2 == 0 ? "AAAAGGGG" : "TTTTCCCC",
            Extra = i,
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);

        var pipeline = ml.Transforms.CopyColumns("Sequence", "Text")
            .Append(ml.Transforms.OneHotEncodeSequence("Encoded", "Sequence", length: 8))
            .Append(ml.Transforms.Concatenate("Features", "Encoded", "Extra"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20));
        var model = pipeline.Fit(data);
        var scored = model.Transform(data);

        Assert.Equal((4 * 8) + 1, ((VectorDataViewType)scored.Schema["Features"].Type).Size);
        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.Equal(1.0, metrics.AreaUnderRocCurve, 6);
        Assert.True(SequenceEncodingSpec.TryRead(scored.Schema["Encoded"], out var spec));
        Assert.Equal(8, spec.Length);

        var engine = ml.Model.CreatePredictionEngine<LabelledRow, BinaryPrediction>(model);
        Assert.True(engine.Predict(new LabelledRow { Text = "AAAAGGGG", Extra = 0 }).PredictedLabel);
        Assert.False(engine.Predict(new LabelledRow { Text = "TTTTCCCC", Extra = 1 }).PredictedLabel);
    }

    [Fact]
    public void Fit_learns_a_length_per_call_without_writing_it_back()
    {
        var ml = NewContext();
        var options = new OneHotSequenceEstimator.Options { InputColumnName = "Sequence" };
        var estimator = ml.Transforms.OneHotEncodeSequence(options);

        var first = estimator.Fit(Load(ml, "ACG", "ACGTA"));
        var second = estimator.Fit(Load(ml, "ACGTACGT"));
        var third = estimator.Fit(Load(ml, "AC"));

        Assert.Equal([5, 8, 2], new[] { first.Spec.Length, second.Spec.Length, third.Spec.Length });
        Assert.Null(options.Length);
        Assert.Equal(OneHotSequenceEstimator.Options.DefaultMaxLength, options.MaxLength);
    }

    [Fact]
    public void Estimator_copies_its_options()
    {
        var ml = NewContext();
        var options = new OneHotSequenceEstimator.Options { InputColumnName = "Sequence" };
        var estimator = ml.Transforms.OneHotEncodeSequence(options);
        options.Length = 2;
        options.Alphabet = SequenceAlphabet.Protein;

        var transformer = estimator.Fit(Load(ml, "ACGTA"));
        Assert.Equal(5, transformer.Spec.Length);
        Assert.Equal(SequenceAlphabet.Dna, transformer.Spec.Alphabet);
    }

    [Fact]
    public void Transformer_rebuilt_from_a_spec_encodes_identically()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGTN", "rykm");
        var original = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            SoftMaskChannel = true,
            Anchor = SequenceAnchor.Right,
        }).Fit(data);

        var rebuilt = OneHotSequenceTransformer.Create(ml, SequenceEncodingSpec.FromJson(original.Spec.ToJson()), "Features", "Sequence");
        Assert.Equal(original.Spec, rebuilt.Spec);
        Assert.Equal("Sequence", rebuilt.InputColumnName);
        Assert.Equal("Features", rebuilt.OutputColumnName);
        Assert.Equal(ReadColumn(original.Transform(data), "Features"), ReadColumn(rebuilt.Transform(data), "Features"));
    }

    [Fact]
    public void Model_save_explains_why_it_is_not_supported()
    {
        var ml = NewContext();
        var data = Load(ml, "ACGT");
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 4).Fit(data);
        using var stream = new MemoryStream();
        var error = Assert.ThrowsAny<Exception>(() => ml.Model.Save(model, data.Schema, stream));
        var notSupported = error as NotSupportedException ?? error.InnerException as NotSupportedException;
        Assert.NotNull(notSupported);
        Assert.Contains("no public way to register a loader", notSupported.Message);
        Assert.Contains("Spec.ToJson()", notSupported.Message);
    }

    [Fact]
    public void Cursor_sets_encode_every_row_once()
    {
        var ml = NewContext();
        string[] sequences = [.. Enumerable.Range(0, 50).Select(i => new string("ACGT"[i % 4], 1 + (i % 7)))];
        var data = ml.Data.Cache(Load(ml, sequences));
        var transformed = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", 7).Fit(data).Transform(data);
        var columns = new[] { transformed.Schema["Features"], transformed.Schema["Score"] };
        var cursors = transformed.GetRowCursorSet(columns, 2);
        int rows = 0;
        foreach (var cursor in cursors)
        {
            using (cursor)
            {
                var features = cursor.GetGetter<VBuffer<float>>(columns[0]);
                var score = cursor.GetGetter<float>(columns[1]);
                VBuffer<float> value = default;
                float index = 0;
                while (cursor.MoveNext())
                {
                    features(ref value);
                    score(ref index);
                    Assert.Equal(EncodeOne(sequences[(int)index], 7), value.DenseValues());
                    rows++;
                }
            }
        }
        Assert.Equal(50, rows);
    }

    public sealed class LabelledRow
    {
        public bool Label { get; set; }

        public string Text { get; set; } = "";

        public float Extra { get; set; }
    }

    public sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }
    }

    private sealed class SchemaNameTypeComparer : IEqualityComparer<DataViewSchema>
    {
        public bool Equals(DataViewSchema? x, DataViewSchema? y) =>
            x!.Count == y!.Count && x.Zip(y).All(p => p.First.Name == p.Second.Name && p.First.Type.Equals(p.Second.Type) && p.First.IsHidden == p.Second.IsHidden);

        public int GetHashCode(DataViewSchema obj) => obj.Count;
    }
}
