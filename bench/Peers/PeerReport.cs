using System.Globalization;
using Cnn.MLNet.Benchmarks.Suite;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>One round of one case: a result per implementation.</summary>
public sealed class PeerRound : Dictionary<PeerImplementation, PeerResult>;

/// <summary>
/// The report: per network, median times over the rounds and median per-round speed ratios
/// (a round's three runs are interleaved, so a ratio within a round is less exposed to the shared
/// machine's load than a ratio of medians), as a Markdown table, a sanity table (loss and accuracy
/// after training) and JSON lines in the suite's format (<see cref="BenchmarkJsonLine"/>).
/// </summary>
public static class PeerReport
{
    private const string Class = "PeerBenchmark";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prints the tables and the JSON lines.</summary>
    public static void Print(IReadOnlyList<(PeerCase Case, List<PeerRound> Rounds)> results)
    {
        Console.WriteLine();
        Console.WriteLine("Speed ratios are per-round time ratios, median over rounds: ours ÷ X = X's time ÷ our time (≥ 1: Cnn.MLNet faster). "
            + "RSS ratio = our peak ÷ plain's peak (≤ 1: Cnn.MLNet smaller).");
        Console.WriteLine();
        Console.WriteLine("| network | data | rows × epochs | train s: ours / plain / PyTorch | train ours ÷ plain | train ours ÷ PyTorch | score s: ours / plain / PyTorch | score ours ÷ plain | score ours ÷ PyTorch | peak RSS MiB: ours / plain / PyTorch | RSS ours ÷ plain |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (c, rounds) in results)
        {
            Console.WriteLine(string.Create(Inv,
                $"| {c.Network} | {c.Input} | {c.Rows:N0} × {c.Epochs} | {Times(rounds, r => r.TrainSeconds)} | {Ratio(rounds, r => r.TrainSeconds, PeerImplementation.PlainTorchSharp)} | {Ratio(rounds, r => r.TrainSeconds, PeerImplementation.PyTorch)} "
                + $"| {Times(rounds, r => r.ScoreSeconds, "F3")} | {Ratio(rounds, r => r.ScoreSeconds, PeerImplementation.PlainTorchSharp)} | {Ratio(rounds, r => r.ScoreSeconds, PeerImplementation.PyTorch)} "
                + $"| {Times(rounds, r => r.PeakRssMiB, "F0")} | {Format(RssRatios(rounds))} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Sanity check (median over rounds): mean training loss of the last epoch, and accuracy of the scores on the training rows.");
        Console.WriteLine();
        Console.WriteLine("| network | loss: ours / plain / PyTorch | accuracy: ours / plain / PyTorch |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (c, rounds) in results)
            Console.WriteLine($"| {c.Network} | {Times(rounds, r => r.Loss, "F4")} | {Times(rounds, r => r.Accuracy, "F3")} |");

        var runtimes = results.SelectMany(r => r.Rounds).SelectMany(r => r.Values).Select(r => r.Runtime).Distinct();
        Console.WriteLine();
        Console.WriteLine("Runtimes: " + string.Join("; ", runtimes));

        Console.WriteLine();
        Console.WriteLine(BenchmarkJson.Marker);
        foreach (var line in JsonLines(results))
            Console.WriteLine(BenchmarkJson.Serialize(line));
    }

    private static IEnumerable<BenchmarkJsonLine> JsonLines(IReadOnlyList<(PeerCase Case, List<PeerRound> Rounds)> results)
    {
        foreach (var (c, rounds) in results)
        {
            string Name(string what, string who) => $"{Class}.{what}{who}(network={c.Network})";
            foreach (var (what, seconds) in new (string, Func<PeerResult, double>)[] { ("Train", r => r.TrainSeconds), ("Score", r => r.ScoreSeconds) })
            {
                double rowsPerRun = what == "Train" ? (double)c.Rows * c.Epochs : c.Rows;
                double? Throughput(PeerImplementation who) => Median(Values(rounds, who, seconds)) is double s ? rowsPerRun / s : null;
                var plain = PeerImplementation.PlainTorchSharp;
                var torch = PeerImplementation.PyTorch;
                var ours = PeerImplementation.CnnMLNet;
                yield return new BenchmarkJsonLine(Name(what, plain.ToString()), Throughput(plain), "rows/s", null, null) { Rounds = rounds.Count };
                yield return new BenchmarkJsonLine(Name(what, torch.ToString()), Throughput(torch), "rows/s", null, null) { Rounds = rounds.Count };
                foreach (var (suffix, baseline) in new[] { ("", plain), ("VsPyTorch", torch) })
                {
                    var ratios = SpeedRatios(rounds, seconds, baseline);
                    yield return new BenchmarkJsonLine(Name(what, ours + suffix), Throughput(ours), "rows/s", Name(what, baseline.ToString()), Median(ratios))
                    {
                        Rounds = rounds.Count,
                        RatioQ1 = Quantile(ratios, 0.25),
                        RatioQ3 = Quantile(ratios, 0.75),
                    };
                }
            }
            // Memory: value in MiB; ratio = our peak ÷ plain's (a size ratio, as MemoryScaling's lines).
            Func<PeerResult, double> rss = r => r.PeakRssMiB;
            yield return new BenchmarkJsonLine(Name("PeakRss", "PlainTorchSharp"), Median(Values(rounds, PeerImplementation.PlainTorchSharp, rss)), "MiB peak RSS", null, null) { Rounds = rounds.Count };
            yield return new BenchmarkJsonLine(Name("PeakRss", "PyTorch"), Median(Values(rounds, PeerImplementation.PyTorch, rss)), "MiB peak RSS", null, null) { Rounds = rounds.Count };
            var rssRatios = RssRatios(rounds);
            yield return new BenchmarkJsonLine(Name("PeakRss", "CnnMLNet"), Median(Values(rounds, PeerImplementation.CnnMLNet, rss)), "MiB peak RSS", Name("PeakRss", "PlainTorchSharp"), Median(rssRatios))
            {
                Rounds = rounds.Count,
                RatioQ1 = Quantile(rssRatios, 0.25),
                RatioQ3 = Quantile(rssRatios, 0.75),
            };
        }
    }

    private static List<double> Values(List<PeerRound> rounds, PeerImplementation who, Func<PeerResult, double> value) =>
        rounds.Where(r => r.ContainsKey(who)).Select(r => value(r[who])).ToList();

    // Per round: the baseline's time ÷ ours (≥ 1: ours faster).
    private static List<double> SpeedRatios(List<PeerRound> rounds, Func<PeerResult, double> seconds, PeerImplementation baseline) =>
        rounds.Where(r => r.ContainsKey(PeerImplementation.CnnMLNet) && r.ContainsKey(baseline))
            .Select(r => seconds(r[baseline]) / seconds(r[PeerImplementation.CnnMLNet])).ToList();

    private static List<double> RssRatios(List<PeerRound> rounds) =>
        rounds.Where(r => r.ContainsKey(PeerImplementation.CnnMLNet) && r.ContainsKey(PeerImplementation.PlainTorchSharp))
            .Select(r => (double)r[PeerImplementation.CnnMLNet].PeakRssKiB / r[PeerImplementation.PlainTorchSharp].PeakRssKiB).ToList();

    private static string Times(List<PeerRound> rounds, Func<PeerResult, double> value, string format = "F2") =>
        string.Join(" / ", Enum.GetValues<PeerImplementation>().Select(who => Median(Values(rounds, who, value)) is double m ? m.ToString(format, Inv) : "–"));

    private static string Ratio(List<PeerRound> rounds, Func<PeerResult, double> seconds, PeerImplementation baseline) => Format(SpeedRatios(rounds, seconds, baseline));

    private static string Format(List<double> ratios) => Median(ratios) is double m
        ? m.ToString("F2", Inv) + (ratios.Count > 1 ? string.Create(Inv, $" ({Quantile(ratios, 0.25):F2}–{Quantile(ratios, 0.75):F2})") : "")
        : "–";

    private static double? Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    private static double? Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
