using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>
/// Exact comparison of scored data: every column (hidden ones too), every row, floats compared by
/// their bits, so "equal" means bit-identical.
/// </summary>
internal static class OutputComparison
{
    public static void AssertIdentical(IDataView expected, IDataView actual)
    {
        Assert.Equal(Describe(expected.Schema), Describe(actual.Schema));
        var expectedRows = Dump(expected);
        Assert.NotEmpty(expectedRows);
        Assert.Equal(expectedRows, Dump(actual));
    }

    public static string[] Describe(DataViewSchema schema) =>
        schema.Select(c => $"{c.Name}:{c.Type}:{(c.IsHidden ? "hidden" : "visible")}:[{string.Join(",", c.Annotations.Schema.Select(a => a.Name))}]").ToArray();

    /// <summary>One string per row holding every column's value; floats as their bit patterns.</summary>
    public static List<string> Dump(IDataView view)
    {
        var rows = new List<string>();
        using var cursor = view.GetRowCursor(view.Schema);
        var readers = view.Schema.Select(c => Reader(cursor, c)).ToArray();
        while (cursor.MoveNext()) rows.Add(string.Join(" | ", readers.Select(r => r())));
        return rows;
    }

    /// <summary>The values of one column, in order, formatted as <see cref="Dump"/> does.</summary>
    public static List<string> Column(IDataView view, string name)
    {
        var column = view.Schema[name];
        var values = new List<string>();
        using var cursor = view.GetRowCursor([column]);
        var read = Reader(cursor, column);
        while (cursor.MoveNext()) values.Add(read());
        return values;
    }

    public static string Format(object? value) => value switch
    {
        float f => $"{f.ToString("R", CultureInfo.InvariantCulture)}#{BitConverter.SingleToInt32Bits(f):x8}",
        double d => $"{d.ToString("R", CultureInfo.InvariantCulture)}#{BitConverter.DoubleToInt64Bits(d):x16}",
        float[] array => "[" + string.Join(",", array.Select(v => Format(v))) + "]",
        ReadOnlyMemory<char> text => text.ToString(),
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static Func<string> Reader(DataViewRowCursor cursor, DataViewSchema.Column column) =>
        (Func<string>)typeof(OutputComparison).GetMethod(nameof(TypedReader), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType).Invoke(null, [cursor, column])!;

    private static Func<string> TypedReader<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return value switch
            {
                VBuffer<float> floats => "[" + string.Join(",", floats.DenseValues().Select(v => Format(v))) + "]",
                VBuffer<ReadOnlyMemory<char>> texts => "[" + string.Join(",", texts.DenseValues().Select(v => v.ToString())) + "]",
                _ when typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(VBuffer<>) =>
                    throw new NotSupportedException($"Add a format for {typeof(T)}."),
                _ => Format(value),
            };
        };
    }
}
