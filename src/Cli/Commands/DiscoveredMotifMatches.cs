using System.Globalization;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>What discover-motifs writes about its patterns besides MEME: each pattern's best database match, and the TSV summary.</summary>
internal static class DiscoveredMotifMatches
{
    /// <summary>Each pattern's most significant match in <paramref name="database"/> (Tomtom-style p-, E- and q-values), by pattern id.</summary>
    public static Dictionary<string, MotifDatabaseMatch> Best(MotifDiscoveryResult result, IReadOnlyList<Motif> database)
    {
        if (result.Patterns.Count == 0) return [];
        var statistics = new MotifDatabase(database);
        return result.Patterns.ToDictionary(p => p.Id, p => statistics.Match(p.Pwm)[0], StringComparer.Ordinal);
    }

    /// <summary>
    /// One line per pattern: id, sign, seqlets, width, consensus, and with a database the best
    /// match (id, alternate name, strand, p, E, q); positive patterns first, each sign by seqlet count.
    /// </summary>
    public static void WriteSummary(string path, MotifDiscoveryResult result, IReadOnlyDictionary<string, MotifDatabaseMatch>? matches)
    {
        using var writer = new StreamWriter(path);
        writer.Write("pattern\tsign\tseqlets\twidth\tconsensus");
        if (matches is not null) writer.Write("\tmatch\tmatch_name\tstrand\tp_value\te_value\tq_value");
        writer.WriteLine();
        foreach (var pattern in result.Patterns)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{pattern.Id}\t{(pattern.Sign > 0 ? "+" : "-")}\t{pattern.SeqletCount}\t{pattern.Width}\t{pattern.Pwm.Consensus()}"));
            if (matches?.GetValueOrDefault(pattern.Id) is { } m)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"\t{m.Target.Id}\t{m.Target.AlternateName ?? ""}\t{m.Strand}\t{m.PValue:G4}\t{m.EValue:G4}\t{m.QValue:G4}"));
            writer.WriteLine();
        }
    }
}
