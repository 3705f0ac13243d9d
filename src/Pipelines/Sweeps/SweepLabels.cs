using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines;

/// <summary>The rows per label of a fold's <c>Label</c> column (Boolean as "true"/"false", or text), for the checks a sweep makes before training.</summary>
internal static class SweepLabels
{
    /// <summary>Rows per label; null when there is no Label column or it is neither Boolean nor text (the trainer judges those).</summary>
    public static Dictionary<string, long>? Count(IDataView data)
    {
        if (data.Schema.GetColumnOrNull("Label") is not { } column) return null;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is BooleanDataViewType)
        {
            var get = cursor.GetGetter<bool>(column);
            bool value = false;
            while (cursor.MoveNext()) { get(ref value); Add(counts, value ? "true" : "false"); }
        }
        else if (column.Type is TextDataViewType)
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext()) { get(ref value); Add(counts, value.ToString()); }
        }
        else return null;
        return counts;
    }

    private static void Add(Dictionary<string, long> counts, string label) => counts[label] = counts.GetValueOrDefault(label) + 1;
}
