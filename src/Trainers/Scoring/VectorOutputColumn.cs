using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The one output column of row functions whose whole per-row result is a vector of Single
/// (feature maps, attributions): its declaration and a getter that copies the row's values.
/// </summary>
internal static class VectorOutputColumn
{
    public static DataViewSchema.DetachedColumn Declare(string name, int size) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, size));

    public static Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active)
    {
        if (!active[0]) return [null];
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            var row = currentRowOutputs().Span;
            var editor = VBufferEditor.Create(ref value, row.Length);
            row.CopyTo(editor.Values);
            value = editor.Commit();
        };
        return [getter];
    }
}
