using System.Text;
using Cnn.MLNet.Genomics.Tests.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>
/// A random genome (seeded) with soft-masked stretches and N runs, written in a temporary folder as
/// FASTA of any line width, plain or BGZF with blocks of any size, for indexed-versus-memory checks.
/// </summary>
public sealed class IndexedGenomeFiles : IDisposable
{
    public IndexedGenomeFiles()
    {
        Directory.CreateDirectory(Root);
        var random = new Random(11);
        foreach (var (name, length) in new[] { ("chr1", 10_007), ("chr2", 6_000), ("chrM", 61), ("chr10", 2_345) })
        {
            var bases = new char[length];
            for (int i = 0; i < length; i++) bases[i] = "ACGT"[random.Next(4)];
            for (int run = 0; run < length / 1000; run++)
            {
                int start = random.Next(length - 200), size = random.Next(1, 200);
                bool lower = run % 2 == 0;
                for (int i = start; i < start + size; i++) bases[i] = lower ? char.ToLowerInvariant(bases[i]) : 'N';
            }
            Sequences[name] = new string(bases);
        }
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-indexed-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Chromosome → bases, in file order.</summary>
    public Dictionary<string, string> Sequences { get; } = [];

    /// <summary>The FASTA text with <paramref name="width"/> bases per line.</summary>
    public string Fasta(int width, string lineEnd = "\n")
    {
        var text = new StringBuilder();
        foreach (var (name, bases) in Sequences)
        {
            text.Append('>').Append(name).Append(" description words").Append(lineEnd);
            for (int i = 0; i < bases.Length; i += width) text.Append(bases, i, Math.Min(width, bases.Length - i)).Append(lineEnd);
        }
        return text.ToString();
    }

    /// <summary>Writes the plain FASTA; returns its path.</summary>
    public string WritePlain(string name, int width, string lineEnd = "\n")
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, Fasta(width, lineEnd));
        return path;
    }

    /// <summary>Writes the FASTA as BGZF with <paramref name="blockSize"/> uncompressed bytes per block; returns its path.</summary>
    public string WriteBgzf(string name, int width, int blockSize)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllBytes(path, TestCompression.Bgzf(Encoding.ASCII.GetBytes(Fasta(width)), out _, blockSize));
        return path;
    }

    /// <summary>The expected slice, N outside the chromosome.</summary>
    public string Expected(string chromosome, long start, int length)
    {
        string bases = Sequences[chromosome];
        var text = new char[length];
        for (int i = 0; i < length; i++)
        {
            long at = start + i;
            text[i] = at >= 0 && at < bases.Length ? bases[(int)at] : 'N';
        }
        return new string(text);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
