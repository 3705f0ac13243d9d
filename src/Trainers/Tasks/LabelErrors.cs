using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Errors for bad label values. Rows are named by their row id, which for ML.NET's loaders and
/// in-memory data is the 0-based row index in the source, and which survives shuffling.
/// </summary>
internal static class LabelErrors
{
    public static InvalidOperationException NotFinite(DataViewSchema.Column label, ValueGetter<DataViewRowId> id, float value) =>
        new($"Cnn trainer: label column '{label.Name}', row {RowId(id)} (0-based): the label {value} is not a finite number.");

    public static InvalidOperationException MissingKey(DataViewSchema.Column label, ValueGetter<DataViewRowId> id) =>
        new($"Cnn trainer: label column '{label.Name}', row {RowId(id)} (0-based): the label is missing (key value 0, i.e. a value not among the training classes).");

    public static ulong RowId(ValueGetter<DataViewRowId> id)
    {
        DataViewRowId value = default;
        id(ref value);
        return value.Low;
    }
}
