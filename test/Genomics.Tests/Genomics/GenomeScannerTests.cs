using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// A binary Zou2019 CNN (50 bp) trained to find <see cref="MotifData.MotifA"/> anywhere in a window,
/// and a two-chromosome genome of random DNA with the motif planted at <see cref="Sites"/>.
/// </summary>
public sealed class ScannerFixture : IDisposable
{
    public const int Length = 50;

    public static IReadOnlyList<(string Chromosome, int Position)> Sites { get; } =
        [("chr1", 400), ("chr1", 1_800), ("chr1", 3_333), ("chr1", 4_700), ("chr2", 25), ("chr2", 1_500), ("chr2", 2_930)];

    public ScannerFixture()
    {
        var random = new Random(5);
        var chromosomes = new Dictionary<string, char[]> { ["chr1"] = PlantedMotifFiles.RandomBases(random, 5_000), ["chr2"] = PlantedMotifFiles.RandomBases(random, 3_000) };
        foreach (var (chromosome, position) in Sites)
            MotifData.MotifA.CopyTo(chromosomes[chromosome].AsSpan(position));
        System.IO.Directory.CreateDirectory(Directory);
        FastaPath = System.IO.Path.Combine(Directory, "genome.fa");
        PlantedMotifFiles.WriteFasta(FastaPath, chromosomes);
        Genome = Genome.Load(FastaPath);

        // Training rows: the motif anywhere in the window (position-invariant), half of the rows.
        Model = PlantedMotifFiles.TrainMotifModel(ML, random, Length);
    }

    public string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnn-mlnet-scan-tests-" + Guid.NewGuid().ToString("N"));

    public string FastaPath { get; }

    public Genome Genome { get; }

    public MLContext ML { get; } = new(seed: 1);

    public TransformerChain<Cnn.MLNet.Trainers.CnnPredictionTransformer> Model { get; }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

[Collection(TorchCollection.Name)]
public sealed class GenomeScannerTests(ScannerFixture scan) : IClassFixture<ScannerFixture>
{
    private const int Stride = 10;

    private sealed record Line(string Chromosome, long Start, long End, float Value);

    private static List<Line> Read(string path, out string header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0];
        return lines.Skip(1).Select(l => l.Split('\t')).Select(f =>
        {
            Assert.Equal(4, f.Length);
            return new Line(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture), float.Parse(f[3], CultureInfo.InvariantCulture));
        }).ToList();
    }

    private string Output(string name) => Path.Combine(scan.Directory, name);

    [Fact]
    public void Planted_sites_score_highest_and_little_else_does()
    {
        string path = Output("scan.bedGraph");
        var summary = GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = Stride }, path);
        var lines = Read(path, out _);

        foreach (var (chromosome, position) in ScannerFixture.Sites)
        {
            long centre = position + MotifData.MotifA.Length / 2;
            float best = lines.Where(l => l.Chromosome == chromosome && l.End > centre - 25 && l.Start < centre + 25).Max(l => l.Value);
            Assert.True(best > 0.9f, $"{chromosome}:{position}: best bin within ±25 bp scores {best}");
        }
        var far = lines.Where(l => !ScannerFixture.Sites.Any(s => s.Chromosome == l.Chromosome && Math.Abs((l.Start + l.End) / 2 - (s.Position + 6)) <= 50)).ToList();
        double falseHigh = far.Count(l => l.Value > 0.5f) / (double)far.Count;
        // Random DNA holds a few near-copies of a 12-mer (two mismatches are expected about once per 8 kb), so a few percent, not zero.
        Assert.True(falseHigh < 0.05, $"{falseHigh:P1} of the bins away from sites score above 0.5: {string.Join(", ", far.Where(l => l.Value > 0.5f))}");
        float median = far.Select(l => l.Value).Order().ElementAt(far.Count / 2);
        Assert.True(median < 0.1f, $"median score away from sites {median}");
        Assert.Equal(lines.Count, summary.Windows);
        Assert.True(summary.WindowsPerSecond > 0);
        Console.WriteLine($"scanned {summary.Windows} windows in {summary.Elapsed.TotalMilliseconds:F0} ms: {summary.WindowsPerSecond:F0} windows/s");
    }

    [Fact]
    public void The_bedGraph_is_sorted_non_overlapping_within_bounds_one_line_per_window()
    {
        string path = Output("format.bedGraph");
        var summary = GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = Stride, TrackName = "motif scan" }, path);
        var lines = Read(path, out string header);

        Assert.StartsWith("track type=bedGraph name=\"motif scan\" description=\"", header);
        Assert.Equal(["chr1", "chr2"], lines.Select(l => l.Chromosome).Distinct());
        Assert.Equal(["chr1", "chr2"], summary.Chromosomes.Select(c => c.Chromosome));
        // min(⌈n/s⌉, ⌈(n − (L/2 − s/2))/s⌉): 5000 → min(500, 498); 3000 → min(300, 298).
        Assert.Equal([498L, 298L], summary.Chromosomes.Select(c => c.Windows));
        Assert.Equal(498, lines.Count(l => l.Chromosome == "chr1"));
        Assert.Equal(298, lines.Count(l => l.Chromosome == "chr2"));
        foreach (var group in lines.GroupBy(l => l.Chromosome))
        {
            long length = scan.Genome.LengthOf(group.Key), previousEnd = 0;
            foreach (var line in group)
            {
                Assert.True(line.Start >= previousEnd && line.End > line.Start && line.End <= length, $"{line}");
                previousEnd = line.End;
            }
        }
        // First bin: window [0, 50), centre 25 → [20, 30); bins tile the chromosome from there on.
        Assert.Equal((20L, 30L), (lines[0].Start, lines[0].End));
        Assert.Equal((4_990L, 5_000L), (lines[497].Start, lines[497].End));
        Assert.All(lines.Zip(lines.Skip(1)).Where(p => p.First.Chromosome == p.Second.Chromosome), p => Assert.Equal(p.First.End, p.Second.Start));
    }

    [Fact]
    public void Each_value_is_the_models_probability_for_its_window()
    {
        var writer = new StringWriter();
        GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = 25, Chromosomes = ["chr2"] }, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToList();

        // Windows k = 0, 60, last: window [25k, 25k + 50), bin [25k + 13, 25k + 38) clipped to 3000.
        int last = lines.Count - 1;
        var windows = new[] { 0, 60, last }.Select(k => new MotifData.Row { Sequence = scan.Genome.Slice("chr2", k * 25L, ScannerFixture.Length) }).ToList();
        var expected = scan.Model.Transform(scan.ML.Data.LoadFromEnumerable(windows)).GetColumn<float>("Probability").ToArray();
        Assert.All(new[] { 0, 60, last }.Select((k, i) => (k, i)), p =>
        {
            Assert.Equal("chr2", lines[p.k][0]);
            Assert.Equal(p.k * 25L + 13, long.Parse(lines[p.k][1], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Min(p.k * 25L + 38, 3_000), long.Parse(lines[p.k][2], CultureInfo.InvariantCulture));
            Assert.Equal(expected[p.i], float.Parse(lines[p.k][3], CultureInfo.InvariantCulture), 1e-5f);
        });
        Assert.Equal(GenomeScanWindows.Count(3_000, 50, 25), lines.Count);
    }

    [Fact]
    public void Default_stride_is_half_the_input_length()
    {
        var writer = new StringWriter();
        var summary = GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Chromosomes = ["chr2"] }, writer);
        Assert.Equal(25, summary.Stride);
        Assert.Equal(50, summary.WindowLength);
        Assert.Equal("Probability", summary.ValueDescription);
        Assert.Equal(120, summary.Windows); // min(⌈3000/25⌉, ⌈(3000 − 13)/25⌉ = 120)
    }

    [Fact]
    public void Bad_arguments_are_argument_exceptions_naming_the_problem_and_write_nothing()
    {
        string path = Output("never.bedGraph");
        var e = Assert.ThrowsAny<ArgumentException>(() => GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = 0 }, path));
        Assert.Contains("stride", e.Message);
        e = Assert.Throws<ArgumentException>(() => GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Chromosomes = ["chr2", "chr9"] }, path));
        Assert.Contains("'chr9'", e.Message);
        e = Assert.Throws<ArgumentException>(() => GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Target = 1 }, path));
        Assert.Contains("target 1", e.Message);

        // Not a whole sequence model: the encoder alone (no CNN); the CNN alone (no text encoder).
        e = Assert.Throws<ArgumentException>(() => GenomeScanner.Scan(scan.ML, scan.Model.First(), scan.Genome, new GenomeScanOptions(), path));
        Assert.Contains("no Cnn network", e.Message);
        e = Assert.Throws<ArgumentException>(() => GenomeScanner.Scan(scan.ML, scan.Model.LastTransformer, scan.Genome, new GenomeScanOptions(), path));
        Assert.Contains("no sequence encoder", e.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(System.IO.Directory.GetFiles(scan.Directory, "*.tmp"));
    }

    [Fact]
    public void A_region_scans_the_whole_scans_windows_that_start_in_it_under_the_same_header()
    {
        // chr1: 5,000 bases, stride 10: 498 windows. Regions [0, 1230), [1230, 3000), [3000, 9000) (clipped).
        var whole = new StringWriter();
        GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = Stride, Chromosomes = ["chr1"] }, whole);
        var parts = new[] { (0L, 1_230L), (1_230L, 3_000L), (3_000L, 9_000L) }.Select(r =>
        {
            var writer = new StringWriter();
            var summary = GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = Stride, Region = new GenomeScanRegion("chr1", r.Item1, r.Item2) }, writer);
            var chromosome = Assert.Single(summary.Chromosomes);
            Assert.Equal(r.Item1 / Stride, chromosome.FirstWindow);
            return (Summary: summary, Lines: writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }).ToList();
        var wholeLines = whole.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal([123L, 177L, 198L], parts.Select(p => p.Summary.Windows));
        Assert.All(parts, p => Assert.Equal(wholeLines[0], p.Lines[0]));
        // Intervals exactly; values too, up to last-bit differences of the CNN's batches of another size.
        static string Interval(string line) => line[..line.LastIndexOf('\t')];
        Assert.Equal(wholeLines.Skip(1).Select(Interval), parts.SelectMany(p => p.Lines.Skip(1)).Select(Interval));
    }

    [Fact]
    public void Bad_regions_are_argument_exceptions_naming_the_problem()
    {
        GenomeScanSummary Scan(GenomeScanRegion region, IReadOnlyList<string>? chromosomes = null) =>
            GenomeScanner.Scan(scan.ML, scan.Model, scan.Genome, new GenomeScanOptions { Stride = Stride, Region = region, Chromosomes = chromosomes }, new StringWriter());
        Assert.Contains("not a multiple of the stride 10", Assert.Throws<ArgumentException>(() => Scan(new("chr1", 15, 100))).Message);
        Assert.Contains("starts at or past the end of 'chr2'", Assert.Throws<ArgumentException>(() => Scan(new("chr2", 3_000, 4_000))).Message);
        Assert.Contains("'chr9'", Assert.Throws<ArgumentException>(() => Scan(new("chr9", 0, 100))).Message);
        Assert.Contains("give one", Assert.Throws<ArgumentException>(() => Scan(new("chr1", 0, 100), ["chr1"])).Message);
        Assert.Equal(new GenomeScanRegion("HLA:A", 0, 100), GenomeScanRegion.Parse("HLA:A:0-100"));
        Assert.Throws<FormatException>(() => GenomeScanRegion.Parse("chr1:100-100"));
        Assert.Throws<FormatException>(() => GenomeScanRegion.Parse("chr1:-5-100"));
    }

    [Theory]
    [InlineData(5_000, 50, 10, 498)]
    [InlineData(5_000, 50, 1, 4_975)]   // bins [k + 25, k + 26) for k = 0 … 4974
    [InlineData(10, 50, 10, 0)]         // the first bin [20, 30) lies past a 10-bp chromosome
    [InlineData(100, 10, 40, 3)]        // stride > L: bins [−15, 25) → [0, 25), [25, 65), [65, 105) → [65, 100)
    [InlineData(0, 50, 10, 0)]
    public void Window_counts_follow_the_documented_formula(int length, int window, int stride, long expected)
    {
        long brute = 0;
        for (long k = 0; k * stride < length; k++)
        {
            var (start, end) = GenomeScanWindows.Bin(k, length, window, stride);
            if (end > start) brute++;
        }
        Assert.Equal(brute, GenomeScanWindows.Count(length, window, stride));
        Assert.Equal(expected, GenomeScanWindows.Count(length, window, stride));
    }
}
