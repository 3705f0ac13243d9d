using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>Reading and checking track labels (vector&lt;Single&gt; of tracks × positions), shared by the track tasks.</summary>
internal static class TrackLabels
{
    public static ArgumentException WrongType(DataViewSchema.Column label, TrackLayout layout, string what) =>
        new($"Cnn trainer: label column '{label.Name}' has type {label.Type}; this task needs a vector of {layout.Tracks * layout.Positions} Single values "
            + $"({layout.Tracks} track{(layout.Tracks == 1 ? "" : "s")} × {layout.Positions} {what}, track-major).", "label");

    /// <summary>Copies the row's track values, refusing NaN, infinities and (for counts) negative values with the row, track and position named.</summary>
    public static CnnTask.LabelCopier Copier(DataViewRow row, DataViewSchema.Column label, TrackLayout layout, bool nonNegative, string what)
    {
        var getter = row.GetGetter<VBuffer<float>>(label);
        var id = row.GetIdGetter();
        VBuffer<float> value = default;
        return destination =>
        {
            getter(ref value);
            value.CopyTo(destination);
            for (int i = 0; i < layout.Tracks * layout.Positions; i++)
            {
                float y = destination[i];
                if (float.IsFinite(y) && (y >= 0 || !nonNegative)) continue;
                throw new InvalidOperationException($"Cnn trainer: label column '{label.Name}', row {LabelErrors.RowId(id)} (0-based), track {i / layout.Positions}, "
                    + $"{what} {i % layout.Positions}: {y} is not a valid {(nonNegative ? "count (finite and not negative)" : "value (finite)")}.");
            }
        };
    }

    /// <summary>A getter for a vector column of <paramref name="size"/> values filled by <paramref name="fill"/> from the raw outputs.</summary>
    public static ValueGetter<VBuffer<float>> VectorGetter(Func<ReadOnlyMemory<float>> current, int size, Action<ReadOnlySpan<float>, Span<float>> fill) =>
        (ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, size);
            fill(current().Span, editor.Values);
            value = editor.Commit();
        };
}
