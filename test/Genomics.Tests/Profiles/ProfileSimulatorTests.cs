using System.Diagnostics;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics.Tests.Profiles;

public sealed class ProfileSimulatorTests
{
    private static ProfileSimulation Simulate(int seed = 1) => ProfileSimulator.Generate(new ProfileSimulator.Options { Seed = seed });

    private static double Sum(InMemoryCoverageTrack track, string chromosome, long from, long to) =>
        track.Values(chromosome).AsSpan((int)from, (int)(to - from)).ToArray().Sum(v => (double)v);

    [Fact]
    public void The_same_seed_gives_the_same_simulation_quickly()
    {
        var clock = Stopwatch.StartNew();
        using var first = Simulate();
        clock.Stop();
        using var second = Simulate();
        using var other = Simulate(seed: 2);

        Assert.Equal(6, first.Genome.Chromosomes.Count);
        Assert.Equal(180, first.Peaks.Count);
        Assert.Equal(first.Peaks, second.Peaks);
        Assert.Equal(first.Instances, second.Instances);
        Assert.Equal(first.Plus.Values("chr4"), second.Plus.Values("chr4"));
        Assert.Equal(first.Genome.Slice("chr2", 0, 5000), second.Genome.Slice("chr2", 0, 5000));
        Assert.NotEqual(first.Instances, other.Instances);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);                        // about 0.3 s alone; slack for a loaded machine
    }

    [Fact]
    public void Every_instance_spells_its_motif_on_its_strand_and_only_planted_sites_do()
    {
        using var simulation = Simulate();
        var options = new ProfileSimulator.Options();
        Assert.InRange(simulation.Instances.Count, 180, 540);
        Assert.Contains(simulation.Instances, i => i.Motif == "A" && i.Strand == '-');
        Assert.Contains(simulation.Instances, i => i.Motif == "B" && i.Strand == '+');
        foreach (var instance in simulation.Instances)
        {
            string motif = instance.Motif == "A" ? options.MotifA : options.MotifB;
            string expected = instance.Strand == '+' ? motif : ProfileSimulator.ReverseComplement(motif);
            Assert.Equal(expected, simulation.Genome.Slice(instance.Chromosome, instance.Start, instance.Length));
            var peak = simulation.Peaks.Single(p => p.Chromosome == instance.Chromosome && Math.Abs(p.Summit - instance.Start) < 100);
            Assert.InRange(instance.Start, peak.Summit - 80, peak.Summit + 80);
        }
        foreach (string motif in new[] { options.MotifA, options.MotifB })
        {
            int occurrences = 0;
            foreach (string chromosome in simulation.Genome.Chromosomes)
            {
                string bases = simulation.Genome.Slice(chromosome, 0, simulation.Genome.LengthOf(chromosome));
                foreach (string spelled in new[] { motif, ProfileSimulator.ReverseComplement(motif) })
                    for (int at = bases.IndexOf(spelled, StringComparison.Ordinal); at >= 0; at = bases.IndexOf(spelled, at + 1, StringComparison.Ordinal)) occurrences++;
            }
            Assert.Equal(simulation.Instances.Count(i => (i.Motif == "A" ? options.MotifA : options.MotifB) == motif), occurrences);
        }
    }

    [Fact]
    public void Motif_A_leaves_plus_reads_just_5_prime_and_minus_reads_just_3_prime_of_the_site()
    {
        using var simulation = Simulate();
        // Peaks holding only motif A, so no broad B footprint blurs the picture.
        var onlyA = simulation.Instances.GroupBy(i => (i.Chromosome, simulation.Peaks.First(p => p.Chromosome == i.Chromosome && Math.Abs(p.Summit - i.Start) < 100).Summit))
            .Where(g => g.All(i => i.Motif == "A")).SelectMany(g => g).ToList();
        Assert.True(onlyA.Count >= 20, $"{onlyA.Count} A-only instances");
        double plusLeft = 0, plusRight = 0, minusLeft = 0, minusRight = 0;
        foreach (var i in onlyA)
        {
            plusLeft += Sum(simulation.Plus, i.Chromosome, i.Start - 9, i.Start);
            plusRight += Sum(simulation.Plus, i.Chromosome, i.End, i.End + 9);
            minusLeft += Sum(simulation.Minus, i.Chromosome, i.Start - 9, i.Start);
            minusRight += Sum(simulation.Minus, i.Chromosome, i.End, i.End + 9);
        }
        Assert.True(plusLeft > 5 * plusRight, $"plus: {plusLeft} left of the sites, {plusRight} right");
        Assert.True(minusRight > 5 * minusLeft, $"minus: {minusRight} right of the sites, {minusLeft} left");
        // Sharp: most of an instance's reads lie within 9 bases of its edges.
        Assert.True(plusLeft + minusRight > 0.8 * onlyA.Sum(i => i.Reads), $"{plusLeft + minusRight} of {onlyA.Sum(i => i.Reads)} reads at the edges");
    }

    [Fact]
    public void Motif_B_leaves_a_broad_footprint_the_same_on_both_strands()
    {
        using var simulation = Simulate();
        var onlyB = simulation.Instances.GroupBy(i => (i.Chromosome, simulation.Peaks.First(p => p.Chromosome == i.Chromosome && Math.Abs(p.Summit - i.Start) < 100).Summit))
            .Where(g => g.Count() == 1 && g.Single().Motif == "B").Select(g => g.Single()).ToList();
        Assert.True(onlyB.Count >= 10, $"{onlyB.Count} lone B instances");
        double plus = 0, minus = 0, near = 0, all = 0;
        foreach (var i in onlyB)
        {
            long centre = i.Start + i.Length / 2;
            plus += Sum(simulation.Plus, i.Chromosome, centre - 60, centre + 60);
            minus += Sum(simulation.Minus, i.Chromosome, centre - 60, centre + 60);
            near += Sum(simulation.Plus, i.Chromosome, centre - 5, centre + 5) + Sum(simulation.Minus, i.Chromosome, centre - 5, centre + 5);
        }
        all = plus + minus;
        Assert.InRange(plus / minus, 0.75, 1.33);
        Assert.InRange(near / all, 0.1, 0.35);                                   // ±5 of a normal with sd 20 holds ~20%
        Assert.True(onlyB.Average(i => i.Reads) < 0.5 * simulation.Instances.Where(i => i.Motif == "A").Average(i => i.Reads));
    }

    [Fact]
    public void Peak_counts_follow_the_planted_motif_strengths()
    {
        using var simulation = Simulate();
        var totals = simulation.Peaks.Select(p => Sum(simulation.Plus, p.Chromosome, p.Summit - 300, p.Summit + 300) + Sum(simulation.Minus, p.Chromosome, p.Summit - 300, p.Summit + 300)).ToArray();
        var expected = simulation.Peaks.Select(p => p.ExpectedReads).ToArray();
        double mx = expected.Average(), my = totals.Average();
        double r = expected.Zip(totals, (x, y) => (x - mx) * (y - my)).Sum()
            / Math.Sqrt(expected.Sum(x => (x - mx) * (x - mx)) * totals.Sum(y => (y - my) * (y - my)));
        Assert.True(r > 0.95, $"correlation {r:F3}");
        Assert.InRange(totals.Order().ElementAt(totals.Length / 2), 100, 400);
        Assert.InRange(totals.Min(), 20, 200);
        Assert.InRange(totals.Max(), 300, 700);
    }

    [Fact]
    public void The_written_files_read_back_and_feed_profile_training_data()
    {
        using var simulation = Simulate();
        string folder = Directory.CreateTempSubdirectory("profile-sim-").FullName;
        try
        {
            var files = simulation.WriteFiles(folder);
            using var genome = Genome.Load(files.Fasta);
            Assert.Equal(simulation.Genome.Slice("chr3", 1000, 3000), genome.Slice("chr3", 1000, 3000));
            var peaks = BedFile.Read(files.Peaks, genome);
            Assert.Equal(simulation.Peaks.Select(p => p.Summit), peaks.Select(p => p.Start + p.ParseSummit()!.Value));
            var firstLine = File.ReadLines(files.PlusBedGraph).Skip(1).First().Split('\t');
            Assert.Equal(simulation.Plus.Values(firstLine[0])[int.Parse(firstLine[1])], float.Parse(firstLine[3]));

            var ml = new MLContext(seed: 1);
            var (data, report) = ProfileTrainingData.Build(ml, genome, new ProfileTrainingOptions
            {
                BedPath = files.Peaks,
                Anchor = WindowAnchor.Summit,
                StrandedTracks = (simulation.Plus, simulation.Minus),
            });
            Assert.Equal((180L, 18L), (report.Peaks, report.BackgroundRows));
            Assert.Equal([(0, 1)], report.StrandedPairs);
            Assert.InRange(report.PeakTotalAllTracks.Median, 100, 400);
            var rows = ProfileTestData.Rows(data);
            var peak = simulation.Peaks[7];
            var row = rows.Single(r => r.Chromosome == peak.Chromosome && r.Start == peak.Summit - 500);
            Assert.Equal(simulation.Plus.Values(peak.Chromosome).AsSpan((int)row.Start, 1000).ToArray(), row.Label[..1000]);
            Assert.Equal(simulation.Minus.Values(peak.Chromosome).AsSpan((int)row.Start, 1000).ToArray(), row.Label[1000..]);
            Assert.True(rows.Where(r => !r.IsPeak).Average(r => r.Label.Sum()) < 0.1 * rows.Where(r => r.IsPeak).Average(r => r.Label.Sum()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
