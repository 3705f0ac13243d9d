using System.Globalization;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Reads a leaderboard CSV written by <see cref="SweepLeaderboard.WriteCsv"/> back into trials, with
/// ML.NET's own text loader (RFC 4180 quoting, quoted line breaks), so slices of a fixed-candidate
/// sweep run as separate jobs can be merged and ranked.
/// </summary>
internal static class SweepLeaderboardReader
{
    public static (string Metric, List<SweepTrial> Trials) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Leaderboard file '{path}' does not exist.", path);
        string[] header = ReadHeader(path);
        var ml = new MLContext(0);
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
            Columns = [new TextLoader.Column("Cells", DataKind.String, 0, header.Length - 1)],
        });
        var view = loader.Load(path);
        var trials = new List<SweepTrial>();
        string? metric = null;
        using var cursor = view.GetRowCursor(view.Schema);
        var get = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(view.Schema["Cells"]);
        VBuffer<ReadOnlyMemory<char>> cells = default;
        int row = 1;
        while (cursor.MoveNext())
        {
            row++;
            get(ref cells);
            var values = cells.DenseValues().Select(c => c.ToString()).ToArray();
            var record = header.Select((name, i) => (name, value: i < values.Length ? values[i] : "")).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal);
            try
            {
                string rowMetric = record["metric"];
                if (metric != null && rowMetric != metric) throw new FormatException($"metric '{rowMetric}' differs from the earlier rows' '{metric}'");
                metric = rowMetric;
                trials.Add(Trial(record));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException or OverflowException)
            {
                throw new InvalidDataException($"Leaderboard '{path}', row {row}: {e.Message}", e);
            }
        }
        return (metric ?? throw new InvalidDataException($"Leaderboard '{path}' has no trials."), trials);
    }

    private static string[] ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"Leaderboard '{path}' is empty.");
        var names = header.Split(',');
        foreach (string required in new[] { "trial", "status", "rung", "epochs", "bestEpochs", "metric", "folds", "seconds" })
            if (!names.Contains(required)) throw new InvalidDataException($"'{path}' is not a sweep leaderboard: its header lacks the '{required}' column.");
        return names;
    }

    private static SweepTrial Trial(Dictionary<string, string> r)
    {
        var options = new CnnTrialOptions
        {
            Preset = r.GetValueOrDefault("network") is { } n && n != "searched" && n != "" ? n : null,
            ReverseComplement = r.GetValueOrDefault("reverseComplement") == "yes",
            LearningRate = Number(r["learningRate"]),
            BatchSize = Integer(r["batchSize"]),
            EncodingOrder = r.GetValueOrDefault("order") is { Length: > 0 } order ? Integer(order) : 1,
        };
        if (options.Preset == null)
        {
            options.Filters = Integer(r["filters"]);
            options.KernelSize = Integer(r["kernelSize"]);
            options.ConvBlocks = Integer(r["convBlocks"]);
            if (r["deeperKernelSize"] != "-") options.DeeperKernelSize = Integer(r["deeperKernelSize"]);
            (options.Pool, options.PoolSize) = Pool(r["pool"]);
            options.BatchNorm = r["batchNorm"] == "yes";
            options.Dropout = Number(r["dropout"]);
            options.DenseUnits = Integer(r["denseUnits"]);
        }
        var source = Enum.TryParse<SweepTrialSource>(r.GetValueOrDefault("source"), ignoreCase: true, out var s) ? s : SweepTrialSource.Fixed;
        var trial = new SweepTrial(Integer(r["trial"]), options, source);
        var status = Enum.Parse<SweepTrialStatus>(r["status"]);
        double seconds = Number(r["seconds"]);
        if (r["folds"] != "")
            trial.Completed(Integer(r["rung"]) - 1, Integer(r["epochs"]), List(r["folds"], Number), List(r["bestEpochs"], Integer), TimeSpan.FromSeconds(seconds));
        if (status != SweepTrialStatus.Completed)
        {
            // The error reads "rung R (E epochs): why", naming the evaluation that did not complete.
            var match = System.Text.RegularExpressions.Regex.Match(r.GetValueOrDefault("error") ?? "", @"^rung (\d+) \((\d+) epochs\): (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
            if (!match.Success && status != SweepTrialStatus.NotRun) throw new FormatException($"the {status} trial's error does not say which rung it reached");
            if (match.Success)
                trial.Failed(Integer(match.Groups[1].Value) - 1, Integer(match.Groups[2].Value), status, match.Groups[3].Value, trial.HasResults ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds));
        }
        return trial;
    }

    private static (Pooling, int) Pool(string text) =>
        text == "none" ? (Pooling.None, 4)
        : text.StartsWith("max", StringComparison.Ordinal) ? (Pooling.Max, Integer(text[3..]))
        : text.StartsWith("average", StringComparison.Ordinal) ? (Pooling.Average, Integer(text[7..]))
        : throw new FormatException($"pool '{text}' is not none, maxN or averageN");

    private static IReadOnlyList<T> List<T>(string text, Func<string, T> parse) => text.Length == 0 ? [] : text.Split(';').Select(parse).ToList();

    private static int Integer(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
