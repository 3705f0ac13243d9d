using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class MLNetIntegrationTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    private sealed class BinaryRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
        public string id { get; set; } = "";
    }

    private sealed class FeatureRow
    {
        [VectorType(16)]
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    [Fact]
    public void CreateEnumerable_reads_typed_rows()
    {
        string path = _files.Write("binding.csv", "id,Sequence,Label\nr1,ACGT,1\nr2,TTGG,0\n");

        var rows = _files.ML.Data.CreateEnumerable<BinaryRow>(_files.Load(path, SequenceLabelKind.Boolean), reuseRowObject: false).ToList();

        Assert.Equal(["r1:ACGT:True", "r2:TTGG:False"], rows.Select(r => $"{r.id}:{r.Sequence}:{r.Label}").ToArray());
    }

    [Fact]
    public void A_cursor_with_some_columns_active_parses_only_those_but_still_checks_structure()
    {
        // Row 3's label is not binary, but only Sequence and id are requested.
        string path = _files.Write("partial.tsv", "Sequence\tLabel\tid\nACGT\t1\ta\nCCCC\tnot-a-bool\tb\n");
        var view = _files.Load(path, SequenceLabelKind.Boolean);
        var schema = view.Schema;

        using (var cursor = view.GetRowCursor([schema["Sequence"], schema["id"]]))
        {
            Assert.True(cursor.IsColumnActive(schema["Sequence"]));
            Assert.False(cursor.IsColumnActive(schema["Label"]));
            Assert.True(cursor.IsColumnActive(schema["id"]));
            var id = cursor.GetGetter<ReadOnlyMemory<char>>(schema["id"]);
            var ids = new List<string>();
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                id(ref value);
                ids.Add(value.ToString());
            }
            Assert.Equal(["a", "b"], ids);

            var inactive = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<bool>(schema["Label"]));
            Assert.Contains("column 'Label' is not active", inactive.Message);
        }

        File.AppendAllText(path, "GGGG\t0\n");
        using (var cursor = view.GetRowCursor([schema["Sequence"]]))
        {
            Assert.True(cursor.MoveNext());
            Assert.True(cursor.MoveNext());
            var error = Assert.Throws<FormatException>(() => cursor.MoveNext());
            Assert.StartsWith($"{path} line 4: expected 3 tab-separated fields", error.Message);
        }
    }

    [Fact]
    public void A_getter_of_the_wrong_type_names_the_column_and_both_types()
    {
        string path = _files.Write("types.tsv", "Sequence\tLabel\nACGT\t0.5\n");
        var view = _files.Load(path, SequenceLabelKind.Single);
        using var cursor = view.GetRowCursor(view.Schema);

        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(view.Schema["Label"]));
        Assert.Contains("column 'Label' holds Single (read as Single); it cannot be read as Double.", error.Message);

        var text = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<string>(view.Schema["Sequence"]));
        Assert.Contains("column 'Sequence' holds String (read as ReadOnlyMemory<char>); it cannot be read as String.", text.Message);

        var getter = cursor.GetGetter<float>(view.Schema["Label"]);
        float label = 0;
        Assert.Throws<InvalidOperationException>(() => getter(ref label)); // not on a row yet
        Assert.True(cursor.MoveNext());
        getter(ref label);
        Assert.Equal(0.5f, label);
    }

    [Fact]
    public void The_output_feeds_OneHotEncodeSequence_end_to_end()
    {
        string path = _files.Write("encode.fa", ">a 1\nAC\nGT\n>b 0\nacg\n");
        var data = _files.Load(path, SequenceLabelKind.Boolean);

        var encoded = _files.ML.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 4).Fit(data).Transform(data);
        var rows = _files.ML.Data.CreateEnumerable<FeatureRow>(encoded, reuseRowObject: false).ToList();

        Assert.Equal(2, rows.Count);
        // Channel-major (A, C, G, T) × 4 positions; 'acg' is padded at the end.
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, rows[0].Features);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 }, rows[1].Features);
        Assert.Equal([true, false], rows.Select(r => r.Label).ToArray());
    }

    [Fact]
    public void ShuffleRows_and_TrainTestSplit_work_on_the_unshuffleable_view()
    {
        var text = new System.Text.StringBuilder("Sequence\tLabel\tid\n");
        for (int i = 0; i < 200; i++) text.Append($"ACGT\t{i % 2}\tr{i}\n");
        var view = _files.Load(_files.Write("many.tsv", text.ToString()), SequenceLabelKind.Boolean);

        var shuffled = _files.ML.Data.CreateEnumerable<BinaryRow>(_files.ML.Data.ShuffleRows(view, seed: 3), reuseRowObject: false).Select(r => r.id).ToList();
        Assert.Equal(200, shuffled.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"r{i}").OrderBy(s => s), shuffled.OrderBy(s => s));
        Assert.NotEqual(Enumerable.Range(0, 200).Select(i => $"r{i}"), shuffled);

        var split = _files.ML.Data.TrainTestSplit(view, testFraction: 0.25, seed: 1);
        var train = _files.ML.Data.CreateEnumerable<BinaryRow>(split.TrainSet, reuseRowObject: false).Select(r => r.id).ToList();
        var test = _files.ML.Data.CreateEnumerable<BinaryRow>(split.TestSet, reuseRowObject: false).Select(r => r.id).ToList();
        Assert.Equal(200, train.Count + test.Count);
        Assert.Empty(train.Intersect(test));
    }
}
