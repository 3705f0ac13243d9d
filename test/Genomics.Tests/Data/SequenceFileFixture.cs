using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Data;

/// <summary>A temporary directory for sequence files, plus helpers to load and read them.</summary>
public sealed class SequenceFileFixture : IDisposable
{
    public SequenceFileFixture() => System.IO.Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-data-tests-" + Guid.NewGuid().ToString("N"));

    public MLContext ML { get; } = new(seed: 1);

    /// <summary>Writes <paramref name="text"/> exactly (no line-end translation) and returns the path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes <paramref name="text"/> gzip-compressed and returns the path.</summary>
    public string WriteGzip(string name, string text)
    {
        string path = Path.Combine(Root, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    public IDataView Load(string path, SequenceLabelKind kind = SequenceLabelKind.Text, SequenceFileFormat format = SequenceFileFormat.Auto) =>
        SequenceFiles.Load(ML, path, new SequenceFileOptions { LabelKind = kind, Format = format });

    /// <summary>Every row with every column, values as strings, bools and floats.</summary>
    public static List<object[]> ReadAll(IDataView view)
    {
        var rows = new List<object[]>();
        using var cursor = view.GetRowCursor(view.Schema);
        var getters = view.Schema.Select(c => Getter(cursor, c)).ToArray();
        while (cursor.MoveNext())
            rows.Add(getters.Select(g => g()).ToArray());
        return rows;
    }

    /// <summary>"Name:Type" for every column.</summary>
    public static string[] Describe(DataViewSchema schema) =>
        schema.Select(c => $"{c.Name}:{c.Type.RawType.Name}").ToArray();

    /// <summary>Reads every row and returns the error.</summary>
    public static FormatException ReadError(IDataView view) =>
        Assert.Throws<FormatException>(() => ReadAll(view));

    private static Func<object> Getter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is BooleanDataViewType)
        {
            var get = cursor.GetGetter<bool>(column);
            return () => { bool v = default; get(ref v); return v; };
        }
        if (column.Type == NumberDataViewType.Single)
        {
            var get = cursor.GetGetter<float>(column);
            return () => { float v = default; get(ref v); return v; };
        }
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        return () => { ReadOnlyMemory<char> v = default; text(ref v); return v.ToString(); };
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
