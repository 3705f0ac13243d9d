using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What <see cref="ProfileSimulator.Generate"/> made: an in-memory genome, its peaks, a stranded pair of
/// read-count tracks and the planted motif instances (the known answer for attribution checks).
/// </summary>
public sealed class ProfileSimulation : IDisposable
{
    internal ProfileSimulation(Genome genome, IReadOnlyList<SimulatedProfilePeak> peaks, IReadOnlyList<PlantedMotifInstance> instances,
        InMemoryCoverageTrack plus, InMemoryCoverageTrack minus)
    {
        Genome = genome;
        Peaks = peaks;
        Instances = instances;
        Plus = plus;
        Minus = minus;
    }

    /// <summary>The genome, held in memory (chromosomes chr1, chr2, …).</summary>
    public Genome Genome { get; }

    /// <summary>The peaks, by chromosome and position.</summary>
    public IReadOnlyList<SimulatedProfilePeak> Peaks { get; }

    /// <summary>The planted motif instances, by chromosome and position.</summary>
    public IReadOnlyList<PlantedMotifInstance> Instances { get; }

    /// <summary>Plus-strand read counts (5′ ends), one value per base.</summary>
    public InMemoryCoverageTrack Plus { get; }

    /// <summary>Minus-strand read counts (5′ ends), one value per base.</summary>
    public InMemoryCoverageTrack Minus { get; }

    /// <summary>
    /// Writes <c>genome.fa</c>, <c>peaks.narrowPeak</c> (score = reads, summit in column 10) and
    /// <c>plus.bedGraph</c>/<c>minus.bedGraph</c> (non-zero bases only) to <paramref name="folder"/>
    /// (created if missing), for tests of file-reading tools.
    /// </summary>
    public ProfileSimulationFiles WriteFiles(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var files = new ProfileSimulationFiles(Path.Combine(folder, "genome.fa"), Path.Combine(folder, "peaks.narrowPeak"),
            Path.Combine(folder, "plus.bedGraph"), Path.Combine(folder, "minus.bedGraph"));
        using (var fasta = new StreamWriter(files.Fasta, false, Encoding.ASCII))
        {
            foreach (string chromosome in Genome.Chromosomes)
            {
                fasta.Write('>'); fasta.Write(chromosome); fasta.Write('\n');
                string bases = Genome.Slice(chromosome, 0, Genome.LengthOf(chromosome));
                for (int i = 0; i < bases.Length; i += 60)
                {
                    fasta.Write(bases.AsSpan(i, Math.Min(60, bases.Length - i)));
                    fasta.Write('\n');
                }
            }
        }
        File.WriteAllLines(files.Peaks, Peaks.Select((p, k) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Chromosome}\t{p.Start}\t{p.End}\tpeak{k + 1}\t{Math.Min(p.Reads, 1000)}\t.\t{p.Reads}\t-1\t-1\t{p.Summit - p.Start}")));
        WriteBedGraph(files.PlusBedGraph, Plus, "plus");
        WriteBedGraph(files.MinusBedGraph, Minus, "minus");
        return files;
    }

    /// <summary>Nothing to release beyond the in-memory genome.</summary>
    public void Dispose() => Genome.Dispose();

    private void WriteBedGraph(string path, InMemoryCoverageTrack track, string strand)
    {
        using var writer = new StreamWriter(path, false, Encoding.ASCII);
        var bedGraph = new BedGraphWriter(writer, $"simulated_{strand}", $"ProfileSimulator {strand}-strand read 5' ends");
        foreach (string chromosome in Genome.Chromosomes)
        {
            var values = track.Values(chromosome);
            for (int i = 0; i < values.Length;)
            {
                int j = i + 1;
                while (j < values.Length && values[j] == values[i]) j++;
                if (values[i] != 0) bedGraph.Write(chromosome, i, j, values[i]);
                i = j;
            }
        }
    }
}
