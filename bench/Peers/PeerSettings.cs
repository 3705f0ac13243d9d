using System.Globalization;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The command line after <c>--peers</c>: <c>--quick</c> (small sizes, 1 round unless
/// <c>--rounds</c> says otherwise), <c>--rounds N</c> (default 3), <c>--threads N</c> (default
/// libtorch's default for this machine), <c>--networks Zou2019,Basset</c> (a subset),
/// <c>--python PATH</c> (default /usr/bin/python3), <c>--keep</c> (keep the generated data folder).
/// </summary>
/// <param name="Quick">Small sizes.</param>
/// <param name="Rounds">Rounds; every round runs every (network, implementation) once.</param>
/// <param name="Threads">Intra-op threads for all three, or null for libtorch's default.</param>
/// <param name="Networks">The networks to run, or null for all.</param>
/// <param name="Python">The interpreter that runs peer_torch.py.</param>
/// <param name="Keep">Keep the data folder.</param>
public sealed record PeerSettings(bool Quick, int Rounds, int? Threads, IReadOnlyList<string>? Networks, string Python, bool Keep)
{
    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the offending one.</summary>
    public static PeerSettings Parse(IReadOnlyList<string> args)
    {
        bool quick = false, keep = false;
        int? rounds = null, threads = null;
        IReadOnlyList<string>? networks = null;
        string python = PeerProcess.SystemPython;
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--keep": keep = true; break;
                case "--rounds": rounds = Positive("--rounds", Value()); break;
                case "--threads": threads = Positive("--threads", Value()); break;
                case "--networks": networks = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--python": python = Value(); break;
                default: throw new ArgumentException($"Unknown argument for --peers: {args[i]} (known: --quick, --rounds N, --threads N, --networks A,B, --python PATH, --keep).");
            }
        }
        return new PeerSettings(quick, rounds ?? (quick ? 1 : 3), threads, networks, python, keep);
    }

    /// <summary>The cases to run, in the order of <see cref="PeerCase.All"/>.</summary>
    public IReadOnlyList<PeerCase> Cases()
    {
        var all = PeerCase.All(Quick);
        if (Networks is null) return all;
        var unknown = Networks.Where(n => !all.Any(c => string.Equals(c.Network, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown network(s) for --peers: {string.Join(", ", unknown)} (known: {string.Join(", ", all.Select(c => c.Network))}).");
        return all.Where(c => Networks.Contains(c.Network, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number, not '{value}'.");
}
