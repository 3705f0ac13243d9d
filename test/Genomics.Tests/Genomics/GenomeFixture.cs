using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// A small generated genome in a temporary folder: four chromosomes of random DNA (seeded), a
/// soft-masked (lowercase) stretch on chr1, and the motif <see cref="Motif"/> planted at
/// <see cref="MotifSites"/>; plus helpers to write BED files and read views.
/// </summary>
public sealed class GenomeFixture : IDisposable
{
    public const string Motif = "TGACTCAT";

    public GenomeFixture()
    {
        Directory.CreateDirectory(Root);
        var random = new Random(7);
        foreach (var (name, length) in new[] { ("chr1", 20_000), ("chr2", 12_000), ("chr3", 8_000), ("chrX", 3_000) })
        {
            var bases = new char[length];
            for (int i = 0; i < length; i++)
                bases[i] = "ACGT"[random.Next(4)];
            Sequences[name] = bases;
        }
        for (int i = 100; i < 200; i++)
            Sequences["chr1"][i] = char.ToLowerInvariant(Sequences["chr1"][i]);
        foreach (var (chromosome, position) in MotifSites)
            Motif.CopyTo(Sequences[chromosome].AsSpan(position));
        FastaPath = Write("genome.fa", FastaText());
    }

    /// <summary>Where the motif starts (0-based).</summary>
    public static IReadOnlyList<(string Chromosome, int Position)> MotifSites { get; } =
        [("chr1", 1_000), ("chr1", 5_000), ("chr1", 15_000), ("chr2", 20), ("chr2", 6_000), ("chr3", 7_990), ("chr3", 3_000), ("chrX", 1_500)];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-genome-tests-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, char[]> Sequences { get; } = new();

    public string FastaPath { get; }

    public MLContext ML { get; } = new(seed: 1);

    /// <summary>The genome as FASTA, lines wrapped at 60, with a comment and blank lines.</summary>
    public string FastaText()
    {
        var text = new StringBuilder("; generated test genome\n");
        foreach (var (name, bases) in Sequences)
        {
            text.Append('>').Append(name).Append(" generated chromosome\n");
            for (int i = 0; i < bases.Length; i += 60)
                text.Append(bases, i, Math.Min(60, bases.Length - i)).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The bases [start, start + length) with N outside the chromosome.</summary>
    public string Expected(string chromosome, long start, int length)
    {
        var bases = Sequences[chromosome];
        return new string(Enumerable.Range(0, length).Select(i => start + i).Select(p => p >= 0 && p < bases.Length ? bases[p] : 'N').ToArray());
    }

    /// <summary>A BED file of 20-bp peaks centred on the motif sites (name, score = index + 1).</summary>
    public string WriteMotifPeaks(string name = "peaks.bed") =>
        Write(name, "track name=peaks\n# motif sites\n" + string.Concat(MotifSites.Select((s, i) =>
            $"{s.Chromosome}\t{s.Position - 6}\t{s.Position + 14}\tpeak{i}\t{i + 1}\t+\n")));

    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        string path = Path.Combine(Root, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    /// <summary>One column of every row as objects (strings for text, float[] for vectors).</summary>
    public static List<object> Column(IDataView view, string name)
    {
        var column = view.Schema[name];
        using var cursor = view.GetRowCursor([column]);
        var values = new List<object>();
        if (column.Type is TextDataViewType)
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext()) { get(ref value); values.Add(value.ToString()); }
        }
        else if (column.Type is VectorDataViewType)
        {
            var get = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            while (cursor.MoveNext()) { get(ref value); values.Add(value.DenseValues().ToArray()); }
        }
        else if (column.Type.RawType == typeof(long))
        {
            var get = cursor.GetGetter<long>(column);
            long value = 0;
            while (cursor.MoveNext()) { get(ref value); values.Add(value); }
        }
        else if (column.Type.RawType == typeof(float))
        {
            var get = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext()) { get(ref value); values.Add(value); }
        }
        else
        {
            var get = cursor.GetGetter<bool>(column);
            bool value = false;
            while (cursor.MoveNext()) { get(ref value); values.Add(value); }
        }
        return values;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
