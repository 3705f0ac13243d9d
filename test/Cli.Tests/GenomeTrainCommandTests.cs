using System.Text;
using System.Text.Json;

namespace Cnn.MLNet.Cli.Tests;

/// <summary><c>train --bed --genome</c>: peaks on a generated genome, negatives, chromosome split, strand options.</summary>
public class GenomeTrainCommandTests
{
    private const string Motif = "CGACCGAACTCC";

    /// <summary>Four 24-kb chromosomes of random DNA with the motif planted every 400 bases (off-centre by up to ±10); peaks of 20 bp on the motifs.</summary>
    private static (string Fasta, string Bed) WriteGenome(CliRunner cli)
    {
        var random = new Random(11);
        var fasta = new StringBuilder();
        var bed = new StringBuilder();
        foreach (string name in new[] { "chr1", "chr2", "chr3", "chr4" })
        {
            var bases = Enumerable.Range(0, 24_000).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            for (int site = 200; site + 200 < bases.Length; site += 400)
            {
                int start = site + random.Next(-10, 11);
                Motif.CopyTo(0, bases, start, Motif.Length);
                bed.Append($"{name}\t{start + 2}\t{start + 10}\n");
            }
            fasta.Append('>').Append(name).Append('\n');
            for (int i = 0; i < bases.Length; i += 70) fasta.Append(bases, i, Math.Min(70, bases.Length - i)).Append('\n');
        }
        File.WriteAllText(cli.PathOf("genome.fa"), fasta.ToString());
        File.WriteAllText(cli.PathOf("peaks.bed"), bed.ToString());
        return (cli.PathOf("genome.fa"), cli.PathOf("peaks.bed"));
    }

    [Fact]
    public void Peaks_with_shuffled_negatives_train_on_some_chromosomes_and_test_on_another()
    {
        using var cli = new CliRunner();
        var (fasta, bed) = WriteGenome(cli);
        string model = cli.PathOf("peaks.zip");

        var (exit, output, error) = cli.Run("train", "--bed", bed, "--genome", fasta, "--length", "60", "--negatives", "shuffle",
            "--test-chromosomes", "chr4", "--validation-chromosomes", "chr3", "--rc-augment", "--rc-average", "--shift", "3", "--strand-shared",
            "--epochs", "15", "--model", model, "--json");

        Assert.True(exit == 0, error);
        Assert.Contains("236 peak windows", error);   // 59 per chromosome; the data and split reports go to stderr
        Assert.Contains("chr4", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2 * 59, json.RootElement.GetProperty("rows").GetInt64());          // chr4 only: its peaks and their shuffles
        double auc = json.RootElement.GetProperty("auc").GetDouble();
        Assert.True(auc >= 0.9, $"held-out auROC on chr4 {auc}");
    }

    [Fact]
    public void Exclude_drops_peaks_on_the_blacklist_prints_the_counts_and_trains()
    {
        using var cli = new CliRunner();
        var (fasta, bed) = WriteGenome(cli);
        // chr1:0-4000 holds the first ten peaks' windows (sites 200 … 3800, windows within ±46 of them); chrUn is not in the genome.
        File.WriteAllText(cli.PathOf("blacklist.bed"), "chr1\t0\t4000\tHigh Signal Region\nchrUn_KI270302v1\t0\t5000\tLow Mappability\n");
        string model = cli.PathOf("peaks.zip");

        var (exit, _, error) = cli.Run("train", "--bed", bed, "--genome", fasta, "--exclude", cli.PathOf("blacklist.bed"), "--length", "60",
            "--negatives", "gc-matched", "--epochs", "1", "--model", model);

        Assert.True(exit == 0, error);
        Assert.Contains("226 peak windows", error);   // 4 × 59 − 10
        Assert.Contains("Excluded regions: 10 peak windows dropped", error);
        Assert.Contains("1 regions on chromosomes the genome lacks ignored", error);
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Summit_anchor_trains_on_narrowpeak_summits_and_a_bed_without_summits_is_refused_naming_the_line()
    {
        using var cli = new CliRunner();
        var (fasta, bed) = WriteGenome(cli);
        // narrowPeak rows around each site, 100 bp wide, the summit (column 10) on the site's motif.
        var narrowPeak = File.ReadLines(bed).Select(line => line.Split('\t')).Select(f => (Chrom: f[0], Site: long.Parse(f[1])))
            .Select(p => $"{p.Chrom}\t{p.Site - 70}\t{p.Site + 30}\tpeak\t500\t.\t10.0\t-1\t5.0\t74");
        File.WriteAllLines(cli.PathOf("peaks.narrowPeak"), narrowPeak);
        string model = cli.PathOf("summits.zip");

        var (exit, _, error) = cli.Run("train", "--bed", cli.PathOf("peaks.narrowPeak"), "--genome", fasta, "--anchor", "summit", "--length", "60",
            "--epochs", "1", "--model", model);

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(model));

        (exit, _, error) = cli.Run("train", "--bed", bed, "--genome", fasta, "--anchor", "summit", "--length", "60", "--epochs", "1", "--model", cli.PathOf("no.zip"));
        Assert.Equal(1, exit);
        Assert.Contains($"{bed} line 1", error);
        Assert.Contains("summit", error);
    }

    [Fact]
    public void Genome_options_that_do_not_fit_are_one_line_errors()
    {
        using var cli = new CliRunner();
        var (fasta, bed) = WriteGenome(cli);
        string model = cli.PathOf("m.zip");
        (string[] Args, string Message)[] cases =
        [
            (["train", "--bed", bed, "--model", model], "--bed needs --genome"),
            (["train", "--bed", bed, "--genome", fasta, "--negatives", "random", "--model", model], "--negatives 'random' is not one of: shuffle, gc-matched."),
            (["train", "--bed", bed, "--genome", fasta, "--data", bed, "--model", model], "--data does not go with --bed"),
            (["train", "--bed", bed, "--genome", fasta, "--test-chromosomes", "chr9", "--model", model], "chr9"),
            (["train", "--bed", bed, "--genome", fasta, "--test-chromosomes", "chr4", "--test-fraction", "0.3", "--model", model], "--test-chromosomes replaces --test-fraction"),
            (["train", "--bed", bed, "--genome", fasta, "--task", "regression", "--model", model], "--bed trains a binary model"),
            (["train", "--bed", bed, "--genome", fasta, "--shift", "-1", "--model", model], "--shift must be 0 or more"),
            (["train", "--data", bed, "--exclude", bed, "--model", model], "--exclude goes with --bed"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = cli.Run(args);
            Assert.Equal(1, exit);
            Assert.Contains(message, error);
            Assert.StartsWith("error:", error.Trim().Split('\n').Last());
        }

        File.WriteAllText(cli.PathOf("bad.bed"), "chr1\t100\t50\n");
        var bad = cli.Run("train", "--bed", cli.PathOf("bad.bed"), "--genome", fasta, "--model", model);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("bad.bed", bad.Error);
        Assert.Contains("line 1", bad.Error);
    }
}
