using System.Globalization;
using Cnn.MLNet.Genomics.Tests.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>
/// A binary Zou2019 CNN (50 bp) trained to find <see cref="MotifData.MotifA"/> anywhere in a window,
/// and a two-chromosome genome of random DNA holding the motif at <see cref="Sites"/> and a copy with
/// base <see cref="Mutated"/> changed (<see cref="NearBase"/>) at <see cref="NearSites"/>, where one
/// SNV creates the motif.
/// </summary>
public sealed class VariantModelFixture : IDisposable
{
    public const int Length = 50;

    /// <summary>The motif base that the near-sites lack and that destroying SNVs change.</summary>
    public const int Mutated = 6;

    public const char NearBase = 'T';

    public static IReadOnlyList<(string Chromosome, int Position)> Sites { get; } =
        [("chr1", 500), ("chr1", 1_500), ("chr1", 2_500), ("chr1", 3_500), ("chr2", 500), ("chr2", 1_500)];

    public static IReadOnlyList<(string Chromosome, int Position)> NearSites { get; } =
        [("chr1", 1_000), ("chr1", 2_000), ("chr1", 3_000), ("chr1", 4_500), ("chr2", 1_000), ("chr2", 2_500)];

    public VariantModelFixture()
    {
        var random = new Random(11);
        Sequences["chr1"] = PlantedMotifFiles.RandomBases(random, 6_000);
        Sequences["chr2"] = PlantedMotifFiles.RandomBases(random, 4_000);
        foreach (var (chromosome, position) in Sites)
            MotifData.MotifA.CopyTo(Sequences[chromosome].AsSpan(position));
        foreach (var (chromosome, position) in NearSites)
        {
            MotifData.MotifA.CopyTo(Sequences[chromosome].AsSpan(position));
            Sequences[chromosome][position + Mutated] = NearBase;
        }
        Directory.CreateDirectory(Root);
        FastaPath = Path.Combine(Root, "genome.fa");
        PlantedMotifFiles.WriteFasta(FastaPath, Sequences);
        Genome = Genome.Load(FastaPath);
        Model = PlantedMotifFiles.TrainMotifModel(ML, random, Length);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-variant-tests-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, char[]> Sequences { get; } = new();

    public string FastaPath { get; }

    public Genome Genome { get; }

    public MLContext ML { get; } = new(seed: 1);

    public TransformerChain<CnnPredictionTransformer> Model { get; }

    /// <summary>The genome base at 1-based <paramref name="position"/>.</summary>
    public char Base(string chromosome, long position) => Sequences[chromosome][position - 1];

    /// <summary>A base other than the genome's at <paramref name="position"/>.</summary>
    public char Other(string chromosome, long position) => "ACGT".First(b => b != Base(chromosome, position));

    public const string Header = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";

    /// <summary>A VCF line (tab-separated fixed columns).</summary>
    public static string Line(string chromosome, long position, string id, string reference, string alt) =>
        string.Create(CultureInfo.InvariantCulture, $"{chromosome}\t{position}\t{id}\t{reference}\t{alt}\t.\t.\t.");

    /// <summary>Writes a VCF (##fileformat, header, then <paramref name="lines"/>) and returns its path.</summary>
    public string WriteVcf(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, "##fileformat=VCFv4.2\n" + Header + "\n" + string.Join("", lines.Select(l => l + "\n")));
        return path;
    }


    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
