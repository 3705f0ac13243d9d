using System.Text.Json;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Console;

/// <summary>Prints ML.NET metrics as an aligned table, or as one JSON object (task, rows, metrics, extra fields).</summary>
internal static class MetricsWriter
{
    public static void Write(CliConsole console, SequenceMetrics metrics, bool json, params (string Key, object Value)[] extra)
    {
        if (json)
        {
            var fields = new Dictionary<string, object> { ["task"] = metrics.TaskName, ["rows"] = metrics.Rows };
            foreach (var (key, value) in metrics.Values) fields[key] = value;
            foreach (var (key, value) in extra) fields[key] = value;
            console.Line(JsonSerializer.Serialize(fields));
            return;
        }
        console.Line($"{metrics.TaskName} metrics on {metrics.Rows} held-out rows:");
        foreach (var (key, value) in metrics.Values) console.Line($"  {key,-14} {value:F4}");
        foreach (var (key, value) in extra) console.Line($"{key}: {value}");
    }
}
