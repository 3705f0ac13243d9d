using System.Diagnostics;
using System.Text;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// <c>train --bed --folds K</c> and <c>merge ensemble</c>: chromosome folds trained in one process or as one job per
/// fold give the same ensemble, byte for byte in its predictions (CPU, fixed seed, one thread).
/// </summary>
public sealed class FoldTrainCommandTests : IDisposable
{
    private const string Motif = "CGACCGAACTCC";

    private readonly CliRunner _cli = new();
    private readonly string _fasta, _bed;

    public FoldTrainCommandTests() => (_fasta, _bed) = WriteGenome(_cli, "genome", scale: 1);

    public void Dispose() => _cli.Dispose();

    // Every option of a fold run but --model, --fold and the fold table: tiny and fast.
    private string[] Common => Options(_bed, _fasta, epochs: 2);

    private static string[] Options(string bed, string fasta, int epochs) =>
        ["--bed", bed, "--genome", fasta, "--length", "100", "--preset", "Zou2019", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "4", "--threads", "1"];

    /// <summary>
    /// Five chromosomes of random DNA (24, 16, 12, 8 and 8 kb at <paramref name="scale"/> 1) with the motif planted every 400 bases and a 8-bp peak on
    /// each: 59, 39, 29, 19 and 19 peaks, so 118, 78, 58, 38 and 38 rows with one shuffled negative per peak. The FASTA
    /// holds chr5 before chr4 and the BED lists chr4 before chr5, so their tie in rows is broken by genome order, not row order.
    /// </summary>
    private static (string Fasta, string Bed) WriteGenome(CliRunner cli, string name, int scale)
    {
        var random = new Random(17);
        var sequences = new Dictionary<string, char[]>();
        var bed = new StringBuilder();
        foreach (var (chromosome, length) in new[] { ("chr1", 24_000), ("chr2", 16_000), ("chr3", 12_000), ("chr4", 8_000), ("chr5", 8_000) })
        {
            var bases = Enumerable.Range(0, length * scale).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            for (int site = 200; site + 200 < bases.Length; site += 400)
            {
                int start = site + random.Next(-10, 11);
                Motif.CopyTo(0, bases, start, Motif.Length);
                bed.Append($"{chromosome}\t{start + 2}\t{start + 10}\n");
            }
            sequences[chromosome] = bases;
        }
        var fasta = new StringBuilder();
        foreach (string chromosome in new[] { "chr1", "chr2", "chr3", "chr5", "chr4" })
        {
            fasta.Append('>').Append(chromosome).Append('\n');
            var bases = sequences[chromosome];
            for (int i = 0; i < bases.Length; i += 70) fasta.Append(bases, i, Math.Min(70, bases.Length - i)).Append('\n');
        }
        File.WriteAllText(cli.PathOf(name + ".fa"), fasta.ToString());
        File.WriteAllText(cli.PathOf(name + ".bed"), bed.ToString());
        return (cli.PathOf(name + ".fa"), cli.PathOf(name + ".bed"));
    }

    private string Predict(string model, string data, string name)
    {
        string output = _cli.PathOf(name);
        var run = _cli.Run("predict", "--threads", "1", "--model", model, "--data", data, "--out", output);
        Assert.True(run.Exit == 0, run.Error);
        return File.ReadAllText(output);
    }

    [Fact]
    public void Fold_jobs_merged_predict_byte_identically_to_all_folds_in_one_process()
    {
        string whole = _cli.PathOf("whole.zip");
        // Checkpointing (each fold in its own folder) must not change what is trained: the fold jobs below write none.
        string checkpoints = _cli.PathOf("checkpoints");
        var single = _cli.Run(["train", .. Common, "--folds", "3", "--model", whole, "--checkpoint-dir", checkpoints]);
        Assert.True(single.Exit == 0, single.Error);
        Assert.All(new[] { 0, 1, 2 }, i => Assert.True(File.Exists(Path.Combine(checkpoints, $"fold-{i}", "checkpoint.cnnckpt"))));
        // The balanced table, by hand: chr1 118 → group 0; chr2 78 → 1; chr3 58 → 2; chr5 38 (genome order before chr4) → 2 (58);
        // chr4 38 → 1 (78). Validation is the next group.
        string expected = "fold\ttest\tvalidation\n0\tchr1\tchr2,chr4\n1\tchr2,chr4\tchr3,chr5\n2\tchr3,chr5\tchr1\n";
        Assert.Equal(expected, File.ReadAllText(_cli.PathOf("whole.folds.tsv")));
        Assert.Contains("fold 1: test chr2,chr4; validation chr3,chr5", single.Error);
        // Each fold's held-out metrics, then the out-of-fold metrics over every row (each scored by the fold that held it out).
        Assert.Equal(["fold: 0", "fold: 1", "fold: 2", "fold: out-of-fold"], single.Output.Split('\n').Where(l => l.StartsWith("fold: ", StringComparison.Ordinal)));
        Assert.Contains("binary metrics on 330 held-out rows", single.Output);   // 2 × (59 + 39 + 29 + 19 + 19)
        Assert.Contains("folds: 3", single.Output);

        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string part = _cli.PathOf($"fold{i}.zip");
            var job = _cli.Run(["train", .. Common, "--folds", "3", "--fold", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "--model", part]);
            Assert.True(job.Exit == 0, job.Error);
            Assert.Contains($"fold: {i}", job.Output);
            Assert.Equal(expected, File.ReadAllText(_cli.PathOf($"fold{i}.folds.tsv")));
            parts.Add(part);
        }
        string merged = _cli.PathOf("merged.zip");
        var merge = _cli.Run(["merge", "ensemble", "--out", merged, .. parts]);
        Assert.True(merge.Exit == 0, merge.Error);

        string data = _cli.WriteMotifTsv("score.tsv", 200, seed: 9);
        string expectedScores = Predict(whole, data, "whole.tsv");
        Assert.Equal(expectedScores, Predict(merged, data, "merged.tsv"));
        // The members really differ: fold 0 alone does not score like the ensemble.
        Assert.NotEqual(expectedScores, Predict(parts[0], data, "fold0.tsv"));
    }

    [Fact]
    public void The_written_fold_table_fed_back_gives_the_same_ensemble_and_two_folds_have_no_validation()
    {
        string first = _cli.PathOf("first.zip");
        var run = _cli.Run(["train", .. Common, "--folds", "2", "--model", first]);
        Assert.True(run.Exit == 0, run.Error);
        // By hand: chr1 118 → group 0; chr2 78 → 1; chr3 58 → 1 (78 < 118); chr5 38 → 0 (118 < 136); chr4 38 → 1 (136 < 156).
        // With 2 folds no group is left for validation.
        Assert.Equal("fold\ttest\tvalidation\n0\tchr1,chr5\t\n1\tchr2,chr3,chr4\t\n", File.ReadAllText(_cli.PathOf("first.folds.tsv")));

        string table = _cli.PathOf("pinned.tsv");
        File.Copy(_cli.PathOf("first.folds.tsv"), table);
        string second = _cli.PathOf("second.zip");
        run = _cli.Run(["train", .. Common, "--fold-table", table, "--model", second]);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(File.ReadAllText(table), File.ReadAllText(_cli.PathOf("second.folds.tsv")));

        string data = _cli.WriteMotifTsv("score.tsv", 100, seed: 8);
        Assert.Equal(Predict(first, data, "first.tsv"), Predict(second, data, "second.tsv"));
    }

    [Fact]
    public void Options_that_do_not_go_with_folds_are_parse_errors_naming_them()
    {
        string model = _cli.PathOf("m.zip");
        string[] genome = ["--bed", _bed, "--genome", _fasta, "--model", model];
        (string[] Args, string Message)[] cases =
        [
            ([.. genome, "--folds", "1"], "--folds must be at least 2"),
            ([.. genome, "--folds", "3", "--fold", "3"], "--fold must be below --folds"),
            ([.. genome, "--fold", "0"], "--fold needs --folds or --fold-table"),
            ([.. genome, "--folds", "3", "--test-chromosomes", "chr1"], "--test-chromosomes does not go with --folds"),
            ([.. genome, "--folds", "3", "--test-chromosomes", "chr1", "--validation-chromosomes", "chr2"], "--validation-chromosomes does not go with --folds"),
            ([.. genome, "--folds", "3", "--test-fraction", "0.2"], "--test-fraction does not go with --folds"),
            ([.. genome, "--folds", "3", "--validation-fraction", "0.1"], "--validation-fraction does not go with --folds"),
            ([.. genome, "--folds", "3", "--profile"], "--profile does not go with --folds"),
            (["train", "--data", _bed, "--folds", "3", "--model", model], "--folds needs --bed"),
            ([.. genome, "--fold-table", _bed, "--images", _cli.Folder], "--images does not go with --fold-table"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = _cli.Run(["train", .. args.SkipWhile(a => a == "train")]);
            Assert.True(exit == 1, $"{string.Join(' ', args)}: {error}");
            Assert.Contains(message, error);
            Assert.StartsWith("error:", error.Trim().Split('\n').Last());
        }
    }

    [Fact]
    public void Bad_fold_tables_and_too_few_chromosomes_are_errors_naming_the_file_and_line()
    {
        string model = _cli.PathOf("m.zip");
        (string Table, string Message)[] cases =
        [
            ("fold\ttest\tvalidation\n0\tchr1\tchr2\n1\tchr9\t\n", "line 3: chromosome 'chr9' has no rows in the data"),
            ("fold\ttest\tvalidation\n0\tchr1,chr2\t\n1\tchr2\t\n", "line 3: chromosome 'chr2' is already tested by fold 0"),
            ("fold\ttest\tvalidation\n0\tchr1\tchr1\n1\tchr2\t\n", "line 2: chromosome 'chr1' is named for both test and validation of fold 0"),
            ("fold\ttest\tvalidation\n1\tchr1\t\n0\tchr2\t\n", "line 2: fold '1' is out of order"),
            ("fold\ttest\n0\tchr1\n1\tchr2\n", "line 1: the header must be"),
            ("fold\ttest\tvalidation\n0\tchr1\t\n", "line 2: the table has 1 fold(s)"),
        ];
        for (int i = 0; i < cases.Length; i++)
        {
            string table = _cli.PathOf($"table{i}.tsv");
            File.WriteAllText(table, cases[i].Table);
            var (exit, _, error) = _cli.Run("train", "--bed", _bed, "--genome", _fasta, "--length", "100", "--fold-table", table, "--model", model);
            Assert.True(exit == 1, error);
            Assert.Contains($"error: {table} {cases[i].Message}", error);
        }

        string good = _cli.PathOf("good.tsv");
        File.WriteAllText(good, "fold\ttest\tvalidation\n0\tchr1\t\n1\tchr2\t\n");
        var disagree = _cli.Run("train", "--bed", _bed, "--genome", _fasta, "--length", "100", "--fold-table", good, "--folds", "3", "--model", model);
        Assert.Equal(1, disagree.Exit);
        Assert.Contains($"--folds 3 does not agree with --fold-table {good}, which has 2 folds", disagree.Error);

        var few = _cli.Run("train", "--bed", _bed, "--genome", _fasta, "--length", "100", "--folds", "6", "--model", model);
        Assert.Equal(1, few.Exit);
        Assert.Contains("rows on 5 chromosome(s)", few.Error);
        Assert.Contains("fewer than the 6 folds", few.Error);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Merge_ensemble_refuses_one_model_a_missing_file_and_models_that_cannot_be_averaged()
    {
        string binary = _cli.PathOf("binary.zip"), regression = _cli.PathOf("regression.zip"), data = _cli.WriteMotifTsv("small.tsv", 80, seed: 3);
        Assert.Equal(0, _cli.Run("train", "--data", data, "--epochs", "1", "--threads", "1", "--model", binary).Exit);
        Assert.Equal(0, _cli.Run("train", "--data", data, "--task", "regression", "--epochs", "1", "--threads", "1", "--model", regression).Exit);
        string output = _cli.PathOf("out.zip");

        var one = _cli.Run("merge", "ensemble", "--out", output, binary);
        Assert.Equal(1, one.Exit);
        Assert.Contains("error: merge ensemble needs at least 2 models (1 given)", one.Error);

        string missing = _cli.PathOf("missing.zip");
        var gone = _cli.Run("merge", "ensemble", "--out", output, binary, missing);
        Assert.Equal(1, gone.Exit);
        Assert.Contains($"error: model file '{missing}' does not exist", gone.Error);

        var mixed = _cli.Run("merge", "ensemble", "--out", output, binary, regression);
        Assert.Equal(1, mixed.Exit);
        Assert.StartsWith($"error: {regression}: cannot be averaged", mixed.Error.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_fold_job_killed_mid_training_and_resumed_saves_the_same_fold_model()
    {
        // Ten times the genome, so that an epoch of fold 1 (chr1's 1,180 rows) lasts long enough to be interrupted.
        var (fasta, bed) = WriteGenome(_cli, "big", scale: 10);
        string[] job = [.. Options(bed, fasta, epochs: 8), "--folds", "3", "--fold", "1"];
        string whole = _cli.PathOf("whole.zip");
        var uninterrupted = _cli.Run(["train", .. job, "--model", whole]);
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);

        string checkpoints = _cli.PathOf("checkpoints"), resumed = _cli.PathOf("resumed.zip");
        using (var child = ChildProcess.StartCli(["train", .. job, "--model", resumed, "--checkpoint-dir", checkpoints], out var lines))
        {
            var clock = Stopwatch.StartNew();
            while (!lines.Any(l => l.StartsWith("epoch 2/", StringComparison.Ordinal)) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(5);
            child.Kill(entireProcessTree: true); // SIGKILL
            child.WaitForExit();
            Assert.True(child.ExitCode != 0, "training finished before it could be interrupted:\n" + string.Join("\n", lines));
        }
        Assert.False(File.Exists(resumed));
        Assert.True(File.Exists(Path.Combine(checkpoints, "fold-1", "checkpoint.cnnckpt")));
        Assert.False(Directory.Exists(Path.Combine(checkpoints, "fold-0")));

        var again = _cli.Run(["train", .. job, "--model", resumed, "--checkpoint-dir", checkpoints, "--resume"]);
        Assert.True(again.Exit == 0, again.Error);
        string data = _cli.WriteMotifTsv("score.tsv", 100, seed: 7);
        Assert.Equal(Predict(whole, data, "whole.tsv"), Predict(resumed, data, "resumed.tsv"));
    }
}
