using System.Globalization;
using System.Text.Json;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>The three implementations compared.</summary>
public enum PeerImplementation
{
    /// <summary>Cnn.MLNet through its public ML.NET API.</summary>
    CnnMLNet,
    /// <summary>A plain TorchSharp loop over TorchSharp's native modules.</summary>
    PlainTorchSharp,
    /// <summary>The same loop in Python with PyTorch (Debian's python3-torch).</summary>
    PyTorch,
}

/// <summary>
/// What one child process measured, printed by the child as one line <c>PEER-RESULT {json}</c>
/// (the Python child prints the same fields).
/// </summary>
/// <param name="Implementation">Which implementation ran.</param>
/// <param name="TrainSeconds">Building the network and optimiser, then every epoch (after the untimed warm-up).</param>
/// <param name="ScoreSeconds">Scoring every training row once (after the untimed warm-up).</param>
/// <param name="PeakRssKiB">VmHWM from /proc/self/status at the end of the child: the peak resident set of the whole process.</param>
/// <param name="Loss">Mean training loss over the last epoch's batches.</param>
/// <param name="Accuracy">Accuracy of the scores over the training rows (logit &gt; 0, or the arg max).</param>
/// <param name="Threads">Intra-op threads in effect while training.</param>
/// <param name="Runtime">The runtime's versions, for the report.</param>
public sealed record PeerResult(string Implementation, double TrainSeconds, double ScoreSeconds, long PeakRssKiB,
    double Loss, double Accuracy, int Threads, string Runtime)
{
    /// <summary>The prefix of the result line.</summary>
    public const string Prefix = "PEER-RESULT ";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The result line.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Options);

    /// <summary>Parses the JSON after <see cref="Prefix"/>.</summary>
    public static PeerResult Parse(string json) =>
        JsonSerializer.Deserialize<PeerResult>(json, Options) ?? throw new InvalidDataException("Empty peer result.");

    /// <summary>Peak RSS in MiB.</summary>
    public double PeakRssMiB => PeakRssKiB / 1024.0;

    /// <summary>VmHWM of this process in KiB, or -1 where /proc/self/status is missing (not Linux).</summary>
    public static long ReadPeakRssKiB()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var parts = line["VmHWM:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        return -1;
    }
}
