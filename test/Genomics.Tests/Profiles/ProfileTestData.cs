using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Profiles;

/// <summary>A small random genome with known track values, BED files written to a temporary folder, and row reading helpers.</summary>
internal sealed class ProfileTestData : IDisposable
{
    public const int ChromosomeLength = 20_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("profile-data-").FullName;

    public ProfileTestData(int seed = 1)
    {
        var random = new Random(seed);
        var chromosomes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in Names)
            chromosomes[name] = Enumerable.Range(0, ChromosomeLength).Select(_ => (byte)"ACGT"[random.Next(4)]).ToArray();
        Genome = Genome.FromArrays("(profile test genome)", chromosomes);
    }

    public static readonly string[] Names = ["chr1", "chr2", "chr3"];

    public MLContext ML { get; } = new(seed: 1);

    public Genome Genome { get; }

    /// <summary>A track whose value at base i of chromosome c is (i % modulus) + offset × (c + 1): every window's values differ.</summary>
    public static InMemoryCoverageTrack Track(string source, int modulus, float offset) =>
        new(source, Names.Select((n, c) => new KeyValuePair<string, float[]>(n, Enumerable.Range(0, ChromosomeLength).Select(i => (float)(i % modulus) + offset * (c + 1)).ToArray())).ToArray());

    /// <summary>Writes a BED file of the given lines.</summary>
    public string Bed(string name, params string[] lines)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", Encoding.ASCII);
        return path;
    }

    /// <summary>Peaks every 1,000 bases from 2,000 to 17,000 on each chromosome (200-base intervals).</summary>
    public string GridPeaks(string name = "grid.bed") =>
        Bed(name, Names.SelectMany(n => Enumerable.Range(0, 16).Select(k => $"{n}\t{2000 + 1000 * k}\t{2200 + 1000 * k}")).ToArray());

    /// <summary>Reads every row of <paramref name="data"/>.</summary>
    public static List<Row> Rows(IDataView data, Random? rand = null)
    {
        var rows = new List<Row>();
        using var cursor = data.GetRowCursor(data.Schema, rand);
        var sequence = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema[ProfileColumns.Sequence]);
        var label = cursor.GetGetter<VBuffer<float>>(data.Schema[ProfileColumns.Label]);
        var chromosome = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema[ProfileColumns.Chromosome]);
        var start = cursor.GetGetter<long>(data.Schema[ProfileColumns.Start]);
        var end = cursor.GetGetter<long>(data.Schema[ProfileColumns.End]);
        var isPeak = cursor.GetGetter<bool>(data.Schema[ProfileColumns.IsPeak]);
        while (cursor.MoveNext())
        {
            ReadOnlyMemory<char> s = default, c = default;
            VBuffer<float> l = default;
            long a = 0, b = 0;
            bool p = false;
            sequence(ref s); label(ref l); chromosome(ref c); start(ref a); end(ref b); isPeak(ref p);
            rows.Add(new Row(s.ToString(), l.DenseValues().ToArray(), c.ToString(), a, b, p));
        }
        return rows;
    }

    public void Dispose()
    {
        Genome.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public sealed record Row(string Sequence, float[] Label, string Chromosome, long Start, long End, bool IsPeak);
}

/// <summary>A track wrapper counting the reads, to show rows are read lazily.</summary>
internal sealed class CountingTrack(ICoverageTrack inner) : ICoverageTrack
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public string Source => inner.Source;

    public IReadOnlyList<TrackChromosome> Chromosomes => inner.Chromosomes;

    public void Read(string chromosome, long start, Span<float> destination)
    {
        Interlocked.Increment(ref _reads);
        inner.Read(chromosome, start, destination);
    }

    public void Dispose() => inner.Dispose();
}
