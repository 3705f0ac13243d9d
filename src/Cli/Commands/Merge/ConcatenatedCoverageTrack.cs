using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// Several coverage tracks that hold different chromosomes, read as one: the chromosomes of the
/// first, then of the second, and so on, each read from the track that declares it. This is what
/// <c>merge bigwig</c> writes, so the merged file lists the chromosomes in the parts' order (the
/// genome's order when the parts are per-chromosome shards in genome order).
/// </summary>
internal sealed class ConcatenatedCoverageTrack : ICoverageTrack
{
    private readonly IReadOnlyList<ICoverageTrack> _parts;
    private readonly Dictionary<string, ICoverageTrack> _owner = new(StringComparer.Ordinal);

    /// <exception cref="CliUserException">Two parts declare the same chromosome (a shard given twice, or overlapping shards).</exception>
    public ConcatenatedCoverageTrack(IReadOnlyList<ICoverageTrack> parts)
    {
        _parts = parts;
        var chromosomes = new List<TrackChromosome>();
        foreach (var part in parts)
        {
            foreach (var chromosome in part.Chromosomes)
            {
                if (_owner.TryGetValue(chromosome.Name, out var first))
                    throw new CliUserException($"The chromosome '{chromosome.Name}' is in both '{first.Source}' and '{part.Source}': merge bigwig joins parts that each hold different chromosomes (per-chromosome shards).");
                _owner[chromosome.Name] = part;
                chromosomes.Add(chromosome);
            }
        }
        Chromosomes = chromosomes;
    }

    public string Source => string.Join(", ", _parts.Select(p => p.Source));

    public IReadOnlyList<TrackChromosome> Chromosomes { get; }

    public void Read(string chromosome, long start, Span<float> destination) =>
        (_owner.TryGetValue(chromosome, out var part) ? part : throw new KeyNotFoundException($"No part holds the chromosome '{chromosome}'."))
            .Read(chromosome, start, destination);

    /// <summary>Disposes the parts.</summary>
    public void Dispose()
    {
        foreach (var part in _parts) part.Dispose();
    }
}
