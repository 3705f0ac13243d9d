// Scores sequences with a model zip saved by ml.Model.Save: reads one sequence per line from the
// input file, writes one line per sequence with every numeric or boolean output column, tab-separated.
// Usage: StockConsumer MODEL.zip SEQUENCES.txt OUT.tsv
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: StockConsumer MODEL.zip SEQUENCES.txt OUT.tsv");
    return 2;
}

var ml = new MLContext(seed: 1);
var model = ml.Model.Load(args[0], out var inputSchema);
var textColumn = inputSchema.Single(c => c.Type is TextDataViewType).Name;
var definition = SchemaDefinition.Create(typeof(Row));
definition[0].ColumnName = textColumn;
var rows = File.ReadAllLines(args[1]).Select(line => new Row { Text = line }).ToList();
var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, definition));

var outputs = scored.Schema.Where(c => !inputSchema.Any(i => i.Name == c.Name) && c.Name != "Tokens" && !c.IsHidden).ToList();
using var writer = new StreamWriter(args[2]);
writer.WriteLine(string.Join('\t', outputs.Select(c => c.Name)));
using var cursor = scored.GetRowCursor(outputs);
var readers = outputs.Select(c => Reader(cursor, c)).ToList();
while (cursor.MoveNext())
    writer.WriteLine(string.Join('\t', readers.Select(read => read())));
Console.WriteLine($"scored {rows.Count} rows; columns: {string.Join(", ", outputs.Select(c => $"{c.Name} {c.Type}"))}");
return 0;

// Each value as invariant text; vectors as comma-separated items.
static Func<string> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
{
    var item = column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType;
    bool isVector = column.Type is VectorDataViewType;
    if (item == typeof(float)) return Values<float>(cursor, column, isVector, v => v.ToString("R", CultureInfo.InvariantCulture));
    if (item == typeof(long)) return Values<long>(cursor, column, isVector, v => v.ToString(CultureInfo.InvariantCulture));
    if (item == typeof(bool)) return Values<bool>(cursor, column, isVector, v => v ? "true" : "false");
    throw new InvalidOperationException($"column {column.Name}: {column.Type} is not written by this consumer");
}

static Func<string> Values<T>(DataViewRowCursor cursor, DataViewSchema.Column column, bool isVector, Func<T, string> format)
{
    if (!isVector)
    {
        var scalar = cursor.GetGetter<T>(column);
        return () => { T value = default!; scalar(ref value); return format(value); };
    }
    var getter = cursor.GetGetter<VBuffer<T>>(column);
    return () =>
    {
        VBuffer<T> value = default;
        getter(ref value);
        return string.Join(',', value.DenseValues().Select(format));
    };
}

internal sealed class Row
{
    public string Text { get; set; } = "";
}
