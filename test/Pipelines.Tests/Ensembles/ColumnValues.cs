using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>Reads whole columns of scored data for hand computations.</summary>
internal static class ColumnValues
{
    public static float[] Floats(IDataView view, string column) => view.GetColumn<float>(column).ToArray();

    public static bool[] Bools(IDataView view, string column) => view.GetColumn<bool>(column).ToArray();

    public static uint[] Keys(IDataView view, string column) => view.GetColumn<uint>(column).ToArray();

    public static string[] Texts(IDataView view, string column) => view.GetColumn<ReadOnlyMemory<char>>(column).Select(t => t.ToString()).ToArray();

    public static float[][] Vectors(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();
}
