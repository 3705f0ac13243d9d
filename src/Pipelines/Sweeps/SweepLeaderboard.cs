using System.Globalization;
using System.Text;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// A sweep's trials, best first: trials that reached a later halving rung rank above those
/// stopped earlier (they beat them there), then by the metric's mean, then by id. Trials whose
/// last evaluation did not complete (diverged, timed out) come last, by id.
/// </summary>
public sealed class SweepLeaderboard
{
    internal SweepLeaderboard(SweepMetric metric, IEnumerable<SweepTrial> trials)
    {
        Metric = metric;
        var ranked = trials.Where(t => t.IsRanked).ToList();
        ranked.Sort((a, b) =>
            b.Rung != a.Rung ? b.Rung.CompareTo(a.Rung)
            : metric.Better(a.Mean, b.Mean) ? -1 : metric.Better(b.Mean, a.Mean) ? 1
            : a.Id.CompareTo(b.Id));
        Trials = [.. ranked, .. trials.Where(t => !t.IsRanked).OrderBy(t => t.Id)];
    }

    /// <summary>The ranking metric.</summary>
    public SweepMetric Metric { get; }

    /// <summary>Every trial, best first.</summary>
    public IReadOnlyList<SweepTrial> Trials { get; }

    /// <summary>The winner, or null when no trial completed.</summary>
    public SweepTrial? Best => Trials.Count > 0 && Trials[0].IsRanked ? Trials[0] : null;

    /// <summary>
    /// The leaderboard as CSV (RFC 4180, invariant culture): rank, trial, status, rung, epochs,
    /// bestEpochs, one column per option, metric, mean, sd, folds, rungMeans, seconds, error.
    /// Lists of values (per fold, per rung) are joined with ';'.
    /// </summary>
    public string ToCsv()
    {
        var optionNames = new CnnTrialOptions().Describe().Select(p => p.Key);
        var csv = new StringBuilder();
        Row(csv, ["rank", "trial", "source", "status", "rung", "epochs", "bestEpochs", .. optionNames, "metric", "mean", "sd", "folds", "rungMeans", "seconds", "error"]);
        for (int i = 0; i < Trials.Count; i++)
        {
            var t = Trials[i];
            Row(csv,
            [
                t.IsRanked ? Invariant(i + 1) : "", Invariant(t.Id), t.Source.ToString(), t.Status.ToString(), Ran(t, Invariant(t.Rung + 1)), Ran(t, Invariant(t.Options.Epochs)),
                string.Join(';', t.BestEpochs), .. t.Options.Describe(exact: true).Select(p => p.Value), Metric.Name,
                Number(t.Mean), Number(t.StandardDeviation), string.Join(';', t.FoldValues.Select(Number)), string.Join(';', t.RungMeans.Select(Number)),
                t.Duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
                t.Error == null ? "" : $"rung {t.LastRung + 1} ({t.LastEpochs} epochs): {t.Error}",
            ]);
        }
        return csv.ToString();
    }

    /// <summary>
    /// Ranks the trials of several leaderboard CSVs as one sweep: the slices of a fixed-candidate sweep
    /// (<see cref="CnnSweepOptions.FixedCandidates"/>, <see cref="CnnSweepOptions.Slice"/>) run as separate jobs.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not a leaderboard, the files rank by different metrics, or two hold the same trial.</exception>
    public static SweepLeaderboard Merge(IEnumerable<string> csvPaths)
    {
        ArgumentNullException.ThrowIfNull(csvPaths);
        string? metric = null, firstPath = null;
        var trials = new Dictionary<int, (SweepTrial Trial, string Path)>();
        foreach (string path in csvPaths)
        {
            var (fileMetric, fileTrials) = SweepLeaderboardReader.Read(path);
            if (metric != null && fileMetric != metric)
                throw new InvalidDataException($"'{path}' ranks by {fileMetric} but '{firstPath}' by {metric}: merge leaderboards of one sweep only.");
            (metric, firstPath) = (fileMetric, firstPath ?? path);
            foreach (var t in fileTrials)
                if (!trials.TryAdd(t.Id, (t, path)))
                    throw new InvalidDataException($"Trial {t.Id} is in both '{trials[t.Id].Path}' and '{path}': each slice must be merged once, and only slices of one sweep.");
        }
        if (metric == null) throw new ArgumentException("Give at least one leaderboard to merge.", nameof(csvPaths));
        var ranking = SweepMetric.TryNamed(metric) ?? throw new InvalidDataException($"'{firstPath}' ranks by an unknown metric '{metric}'.");
        return new SweepLeaderboard(ranking, trials.Values.Select(v => v.Trial));
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> (through a temporary file, so a failure leaves no half-written file).</summary>
    public void WriteCsv(string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(ToCsv());
    });

    /// <summary>An aligned text table of the best <paramref name="top"/> trials (all when null), for consoles and logs.</summary>
    public string ToTable(int? top = null)
    {
        var rows = new List<string[]> { new[] { "rank", "trial", "rung", "epochs", Metric.Name, "sd", "seconds", "status", "options" } };
        foreach (var (t, i) in Trials.Take(top ?? Trials.Count).Select((t, i) => (t, i)))
            rows.Add(
            [
                t.IsRanked ? Invariant(i + 1) : "-", Invariant(t.Id), Ran(t, Invariant(t.Rung + 1)) is "" ? "-" : Invariant(t.Rung + 1),
                Ran(t, Invariant(t.Options.Epochs)) is "" ? "-" : Invariant(t.Options.Epochs),
                t.HasResults ? t.Mean.ToString("F4", CultureInfo.InvariantCulture) : "-",
                double.IsNaN(t.StandardDeviation) ? "-" : t.StandardDeviation.ToString("F4", CultureInfo.InvariantCulture),
                t.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                StatusWords(t.Status) + (t.Status is SweepTrialStatus.Completed or SweepTrialStatus.NotRun ? "" : $" at rung {t.LastRung + 1}"), t.Options.ToString(),
            ]);
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var table = new StringBuilder();
        foreach (var r in rows)
            table.AppendLine(string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : c == 0 || c >= 2 && c <= 6 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        return table.ToString();
    }

    // A trial that completed no rung has no rung, epochs or metric of its own.
    private static string Ran(SweepTrial t, string value) => t.HasResults ? value : "";

    private static string StatusWords(SweepTrialStatus status) => status switch
    {
        SweepTrialStatus.NotRun => "not run",
        SweepTrialStatus.TimedOut => "timed out",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static void Row(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
