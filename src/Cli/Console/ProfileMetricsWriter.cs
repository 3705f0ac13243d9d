using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// Prints the metrics of a profile model (ProfileMetrics' table) or a binned-track model (one line
/// per track), or one JSON object: task, rows, the means, per-track values and extra fields. A metric
/// that is undefined (NaN, e.g. a correlation over constant counts) is JSON null.
/// </summary>
internal static class ProfileMetricsWriter
{
    public static void Write(CliConsole console, ProfileMetrics metrics, bool json, params (string Key, object Value)[] extra)
    {
        long rows = metrics.Tracks.Count > 0 ? metrics.Tracks[0].Rows : 0;
        if (json)
        {
            var fields = new Dictionary<string, object?>
            {
                ["task"] = "profile",
                ["rows"] = rows,
                ["countPearson"] = Number(metrics.CountPearson),
                ["countSpearman"] = Number(metrics.CountSpearman),
                ["profileJsd"] = Number(metrics.ProfileJsd),
                ["profileNll"] = Number(metrics.ProfileNll),
                ["profileNllPerCount"] = Number(metrics.ProfileNllPerCount),
                ["peakAuprc"] = metrics.PeakAuprc is double ap ? Number(ap) : null,
                ["averageProfileJsd"] = Number(metrics.AverageProfileJsd),
                ["shuffledJsd"] = Number(metrics.ShuffledJsd),
                ["shuffledCountPearson"] = Number(metrics.ShuffledCountPearson),
                ["tracks"] = metrics.Tracks.Select(t => new Dictionary<string, object?>
                {
                    ["track"] = t.Track,
                    ["countPearson"] = Number(t.CountPearson),
                    ["countSpearman"] = Number(t.CountSpearman),
                    ["profileJsd"] = Number(t.ProfileJsd),
                    ["profileNll"] = Number(t.ProfileNll),
                    ["peakAuprc"] = t.PeakAuprc is double a ? Number(a) : null,
                }).ToArray(),
            };
            Line(console, fields, extra);
            return;
        }
        console.Line($"profile metrics on {rows} held-out rows:");
        console.Output.Write(metrics.ToString());
        foreach (var (key, value) in extra) console.Line($"{key}: {value}");
    }

    public static void Write(CliConsole console, IReadOnlyList<BinnedTrackMetrics> metrics, bool json, long rows, params (string Key, object Value)[] extra)
    {
        if (json)
        {
            var fields = new Dictionary<string, object?>
            {
                ["task"] = "binned",
                ["rows"] = rows,
                ["pearson"] = Number(metrics.Average(m => m.Pearson)),
                ["log1pPearson"] = Number(metrics.Average(m => m.Log1pPearson)),
                ["tracks"] = metrics.Select(m => new Dictionary<string, object?>
                {
                    ["track"] = m.Track,
                    ["values"] = m.Values,
                    ["pearson"] = Number(m.Pearson),
                    ["log1pPearson"] = Number(m.Log1pPearson),
                    ["poissonNll"] = Number(m.PoissonNll),
                    ["meanSquaredError"] = Number(m.MeanSquaredError),
                }).ToArray(),
            };
            Line(console, fields, extra);
            return;
        }
        console.Line($"binned-track metrics on {rows} held-out rows:");
        console.Line("track     values  pearson  log1p r  poisson NLL        MSE");
        foreach (var m in metrics)
            console.Line(string.Create(CultureInfo.InvariantCulture, $"{m.Track,-5} {m.Values,10} {m.Pearson,8:F3} {m.Log1pPearson,8:F3} {m.PoissonNll,12:F4} {m.MeanSquaredError,10:G4}"));
        foreach (var (key, value) in extra) console.Line($"{key}: {value}");
    }

    private static void Line(CliConsole console, Dictionary<string, object?> fields, (string Key, object Value)[] extra)
    {
        foreach (var (key, value) in extra) fields[key] = value;
        console.Line(JsonSerializer.Serialize(fields));
    }

    private static double? Number(double value) => double.IsFinite(value) ? value : null;
}
