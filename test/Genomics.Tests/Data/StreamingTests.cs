using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class StreamingTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Nothing_is_cached_a_second_cursor_sees_rows_appended_after_the_first()
    {
        string path = _files.Write("grow.tsv", "Sequence\tLabel\nAAAA\t1\n");
        var view = _files.Load(path, SequenceLabelKind.Boolean);

        Assert.Null(view.GetRowCount());
        Assert.False(view.CanShuffle);
        Assert.Single(SequenceFileFixture.ReadAll(view));

        File.AppendAllText(path, "CCCC\t0\nGGGG\t1\n");

        var rows = SequenceFileFixture.ReadAll(view);
        Assert.Equal(["AAAA", "CCCC", "GGGG"], rows.Select(r => (string)r[0]).ToArray());
        Assert.Null(view.GetRowCount());
    }

    [Fact]
    public void Two_cursors_can_be_open_at_once_each_at_its_own_position()
    {
        string path = _files.Write("two.fa", ">a 1\nAAAA\n>b 0\nCCCC\n>c 1\nGGGG\n");
        var view = _files.Load(path, SequenceLabelKind.Boolean);
        using var first = view.GetRowCursor(view.Schema);
        using var second = view.GetRowCursor(view.Schema);
        var firstId = first.GetGetter<ReadOnlyMemory<char>>(view.Schema["Id"]);
        var secondId = second.GetGetter<ReadOnlyMemory<char>>(view.Schema["Id"]);
        ReadOnlyMemory<char> id = default;

        Assert.True(first.MoveNext());
        Assert.True(first.MoveNext());
        Assert.True(second.MoveNext());
        firstId(ref id);
        Assert.Equal("b", id.ToString());
        secondId(ref id);
        Assert.Equal("a", id.ToString());
        Assert.Equal(1, first.Position);
        Assert.Equal(0, second.Position);

        Assert.True(first.MoveNext());
        Assert.False(first.MoveNext());
        Assert.False(first.MoveNext());
        Assert.True(second.MoveNext());
        secondId(ref id);
        Assert.Equal("b", id.ToString());
    }

    [Fact]
    public void A_cursor_set_is_a_single_cursor_over_every_row()
    {
        string path = _files.Write("set.tsv", "Sequence\tLabel\nA\tx\nC\ty\nG\tz\n");
        var view = _files.Load(path);

        var cursors = view.GetRowCursorSet(view.Schema, 4);

        var cursor = Assert.Single(cursors);
        int rows = 0;
        while (cursor.MoveNext()) rows++;
        cursor.Dispose();
        Assert.Equal(3, rows);
    }

    [Fact]
    public void A_large_file_streams_through_with_row_ids_in_order()
    {
        string path = Path.Combine(_files.Root, "large.tsv");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("Sequence\tLabel");
            for (int i = 0; i < 20_000; i++) writer.WriteLine($"ACGTACGTACGT\t{i % 2}");
        }
        var view = _files.Load(path, SequenceLabelKind.Boolean);
        using var cursor = view.GetRowCursor(view.Schema);
        var idGetter = cursor.GetIdGetter();
        var label = cursor.GetGetter<bool>(view.Schema["Label"]);
        DataViewRowId id = default;
        bool value = default;
        long count = 0;
        while (cursor.MoveNext())
        {
            idGetter(ref id);
            label(ref value);
            Assert.Equal((ulong)count, id.Low);
            Assert.Equal(count % 2 == 1, value);
            count++;
        }
        Assert.Equal(20_000, count);
    }
}
