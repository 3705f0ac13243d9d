namespace Cnn.MLNet.Genomics;

/// <summary>
/// A coverage track held in memory, one float per base per chromosome: for simulated data, and for
/// predictions before they are written as bigWig.
/// </summary>
public sealed class InMemoryCoverageTrack : ICoverageTrack
{
    private readonly Dictionary<string, float[]> _values;
    private readonly bool _missingAsZero;

    /// <summary>A track over the given chromosomes' values (the arrays are kept, not copied).</summary>
    /// <param name="source">A name for messages.</param>
    /// <param name="values">Per chromosome, one value per base.</param>
    /// <param name="missingAsZero">Whether other chromosomes read as zeros instead of being an error.</param>
    public InMemoryCoverageTrack(string source, IReadOnlyList<KeyValuePair<string, float[]>> values, bool missingAsZero = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        Source = source;
        _values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, bases) in values)
            if (!_values.TryAdd(name, bases)) throw new ArgumentException($"Coverage track '{source}': chromosome '{name}' is given twice.", nameof(values));
        Chromosomes = values.Select(v => new TrackChromosome(v.Key, v.Value.Length)).ToArray();
        _missingAsZero = missingAsZero;
    }

    /// <inheritdoc/>
    public string Source { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TrackChromosome> Chromosomes { get; }

    /// <summary>The values of one chromosome (the array itself, not a copy).</summary>
    public float[] Values(string chromosome) => _values.TryGetValue(chromosome, out var v) ? v
        : throw new KeyNotFoundException($"Coverage track '{Source}' has no chromosome '{chromosome}'.");

    /// <inheritdoc/>
    public void Read(string chromosome, long start, Span<float> destination)
    {
        destination.Clear();
        if (!_values.TryGetValue(chromosome, out var bases))
        {
            if (_missingAsZero) return;
            throw new KeyNotFoundException($"Coverage track '{Source}' has no chromosome '{chromosome}' (its chromosomes: {string.Join(", ", _values.Keys.Take(10))}{(_values.Count > 10 ? ", …" : "")}); use --missing-as-zero to read it as zeros.");
        }
        long from = Math.Max(start, 0), to = Math.Min(start + destination.Length, bases.LongLength);
        if (to > from) bases.AsSpan((int)from, (int)(to - from)).CopyTo(destination[(int)(from - start)..]);
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose() { }
}
