using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// Writes a data view as a TSV with one named header field per value: ML.NET's own header names
/// a vector without slot names as <c>size 0:""</c>, so vectors become <c>Name.0</c>, <c>Name.1</c>, ….
/// </summary>
internal static class TsvOutput
{
    public static void Write(MLContext ml, IDataView table, string path)
    {
        using var stream = File.Create(path);
        using (var header = new StreamWriter(stream, leaveOpen: true))
            header.WriteLine(string.Join('\t', table.Schema.Where(c => !c.IsHidden).SelectMany(HeaderNames)));
        ml.Data.SaveAsText(table, stream, separatorChar: '\t', headerRow: false, schema: false);
    }

    /// <summary>The view without hidden columns and without <paramref name="dropped"/> (e.g. the encoded features).</summary>
    public static IDataView Select(MLContext ml, IDataView data, params string[] dropped)
    {
        var keep = data.Schema.Where(c => !c.IsHidden && !dropped.Contains(c.Name)).Select(c => c.Name).Distinct().ToArray();
        return ml.Transforms.SelectColumns(keep).Fit(data).Transform(data);
    }

    private static IEnumerable<string> HeaderNames(DataViewSchema.Column column) =>
        column.Type is VectorDataViewType { Size: > 0 } vector ? Enumerable.Range(0, vector.Size).Select(i => $"{column.Name}.{i}") : [column.Name];
}
