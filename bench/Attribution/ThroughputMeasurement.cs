using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Benchmarks.Attribution;

/// <summary>One timed method: sequences per second, and for DeepLIFT the largest summation error seen.</summary>
/// <param name="Method">The row's name in the table.</param>
/// <param name="SequencesPerPass">Sequences in each timed pass.</param>
/// <param name="Sequences">Sequences timed in all (passes × <paramref name="SequencesPerPass"/>).</param>
/// <param name="Seconds">Time of the timed passes.</param>
/// <param name="LargestError">The largest <c>AttributionError</c> read, or null when the method has no such column.</param>
public sealed record ThroughputMeasurement(string Method, int SequencesPerPass, long Sequences, double Seconds, float? LargestError)
{
    /// <summary>References per sequence (DeepLIFT), for the input–reference pairs column; 0 for other methods.</summary>
    public int References { get; init; }

    /// <summary>Sequences per second.</summary>
    public double PerSecond => Sequences / Seconds;

    /// <summary>
    /// Times <paramref name="pass"/> (one <c>Transform</c> of n sequences, every row of
    /// <paramref name="column"/> read). Passes of 2, 4, 8, … sequences warm up and size the timed
    /// pass: the first that takes a fifth of <paramref name="targetSeconds"/>, or
    /// <paramref name="maxPerPass"/>, so that a pass's fixed cost (the view, the schema, the cursor)
    /// stays small beside its work. Then timed passes of that size until at least
    /// <paramref name="targetSeconds"/> have gone by.
    /// </summary>
    public static ThroughputMeasurement Run(string method, Func<int, IDataView> pass, string column, string? errorColumn, int maxPerPass, double targetSeconds)
    {
        int perPass = 2;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            clock.Restart();
            Read(pass(perPass), column, errorColumn);
            if (clock.Elapsed.TotalSeconds >= targetSeconds / 5 || perPass >= maxPerPass) break;
            perPass = Math.Min(perPass * 2, maxPerPass);
        }

        float? largest = null;
        long sequences = 0;
        clock.Restart();
        do
        {
            var error = Read(pass(perPass), column, errorColumn);
            if (error is { } e) largest = Math.Max(largest ?? 0, e);
            sequences += perPass;
        }
        while (clock.Elapsed.TotalSeconds < targetSeconds);
        return new ThroughputMeasurement(method, perPass, sequences, clock.Elapsed.TotalSeconds, largest);
    }

    // Reads every row's value of the column (a Single or a vector of Single) and the largest summation error.
    private static float? Read(IDataView data, string column, string? errorColumn)
    {
        var main = data.Schema[column];
        var error = errorColumn is null ? (DataViewSchema.Column?)null : data.Schema[errorColumn];
        using var cursor = data.GetRowCursor(error is { } c ? [main, c] : [main]);
        bool vector = main.Type is VectorDataViewType;
        var getVector = vector ? cursor.GetGetter<VBuffer<float>>(main) : null;
        var getScalar = vector ? null : cursor.GetGetter<float>(main);
        var getError = error is { } ec ? cursor.GetGetter<float>(ec) : null;
        VBuffer<float> values = default;
        float value = 0, sum = 0, e = 0;
        float? largest = null;
        while (cursor.MoveNext())
        {
            if (getVector != null)
            {
                getVector(ref values);
                sum += values.GetValues().Length > 0 ? values.GetValues()[0] : 0;
            }
            else
            {
                getScalar!(ref value);
                sum += value;
            }
            if (getError != null)
            {
                getError(ref e);
                largest = Math.Max(largest ?? 0, e);
            }
        }
        GC.KeepAlive(sum);
        return largest;
    }
}
