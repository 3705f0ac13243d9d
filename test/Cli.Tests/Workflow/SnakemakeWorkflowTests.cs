using System.Diagnostics;

namespace Cnn.MLNet.Cli.Tests.Workflow;

/// <summary>
/// workflows/Snakefile run by snakemake on a small generated genome: every merged output equals,
/// byte for byte, what the single-process command writes from the same inputs, also when the
/// workflow is killed while a fold trains and run again (the fold resumes from its checkpoint).
/// </summary>
public sealed class SnakemakeWorkflowTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [SnakemakeFact]
    public void Merged_outputs_equal_the_single_process_commands_also_after_a_fold_is_killed_and_resumed()
    {
        Assert.True(Snakemake.Available, "snakemake is not on PATH: apt-get install snakemake (.ci/run does with CI=true)");
        string folder = _cli.Folder;
        WorkflowData.Write(folder);
        const string Model = "models/model.zip";
        Directory.CreateDirectory(_cli.PathOf("models"));
        Cli("train", "--bed", "data/peaks.bed", "--genome", "data/genome.fa", "--length", "100", "--epochs", "2", "--test-chromosomes", "chr4", "--model", Model);
        Cli("train", "--bed", "data/peaks.bed", "--genome", "data/genome.fa", "--profile", "--bigwig", "data/coverage.bedGraph", "--length", "200",
            "--layers", "2", "--filters", "8", "--epochs", "1", "--background-fraction", "0", "--test-chromosomes", "chr4", "--model", "models/profile.zip");

        // The single-process commands, with the same thread count as the jobs.
        Directory.CreateDirectory(_cli.PathOf("reference"));
        Cli("scan", "--model", Model, "--genome", "data/genome.fa", "--stride", "50", "--out", "reference/scan.bedGraph");
        Cli("predict", "--model", Model, "--data", "data/sequences.tsv", "--out", "reference/predictions.tsv");
        Cli("variants", "--model", Model, "--vcf", "data/calls.vcf", "--genome", "data/genome.fa", "--out", "reference/variants.tsv", "--vcf-out", "reference/variants.vcf");
        Cli("predict", "--model", "models/profile.zip", "--genome", "data/genome.fa", "--bigwig-out", "reference/profile");
        Cli(["train", .. FoldArguments, "--model", "reference/ensemble.zip"]);
        Cli("predict", "--model", "reference/ensemble.zip", "--data", "data/sequences.tsv", "--out", "reference/fold-predictions.tsv");
        Cli(["sweep", .. SweepArguments, "--candidates", "4", "--leaderboard", "reference/leaderboard.csv", "--model", "reference/best.zip"]);
        Cli("predict", "--model", "reference/best.zip", "--data", "data/train.tsv", "--out", "reference/best-predictions.tsv");

        File.WriteAllText(_cli.PathOf("config.yaml"), Config());
        string[] run = ["-s", Snakemake.Snakefile, "--configfile", "config.yaml", "--cores", "2"];

        // First run: killed (SIGKILL, with its jobs) as soon as a fold has written its first checkpoint.
        string killedFold;
        using (var first = Snakemake.Start(folder, out var lines, run))
        {
            var clock = Stopwatch.StartNew();
            string? checkpoint = null;
            while (checkpoint == null && !first.HasExited && clock.Elapsed < Limit)
            {
                Thread.Sleep(10);
                checkpoint = Directory.Exists(_cli.PathOf("checkpoints/folds"))
                    ? Directory.GetFiles(_cli.PathOf("checkpoints/folds"), "checkpoint.cnnckpt", SearchOption.AllDirectories).FirstOrDefault() : null;
            }
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
            Assert.True(checkpoint != null, "no fold wrote a checkpoint before the workflow ended:\n" + string.Join("\n", lines));
            killedFold = Path.GetFileName(Path.GetDirectoryName(checkpoint)!);
        }
        Assert.False(File.Exists(_cli.PathOf("results/folds/ensemble.zip")), "the killed workflow finished");
        Assert.False(File.Exists(_cli.PathOf($"shards/folds/{killedFold}.zip")), $"{killedFold} finished before the kill");

        // Second run: the killed fold resumes (its log starts after epoch 1) and the workflow completes.
        var unlock = Snakemake.Run(folder, Limit, [.. run, "--unlock"]);
        Assert.True(unlock.ExitCode == 0, unlock.Output);
        var second = Snakemake.Run(folder, Limit, [.. run, "--rerun-incomplete"]);
        Assert.True(second.ExitCode == 0, second.Output);
        string foldLog = File.ReadAllText(_cli.PathOf($"logs/folds/{killedFold}.log"));
        Assert.Contains("epoch ", foldLog, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1/", foldLog, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf($"checkpoints/folds/{killedFold}")), "the fold's checkpoints were not removed after its model was saved");

        SameBytes("reference/scan.bedGraph", "results/scan.bedGraph");
        SameBytes("reference/predictions.tsv", "results/predictions.tsv");
        SameBytes("reference/variants.tsv", "results/variants.tsv");
        SameBytes("reference/variants.vcf", "results/variants.vcf");
        SameBytes("reference/profile.track0.bw", "results/profile/profile.track0.bw");
        SameBytes("reference/fold-predictions.tsv", "results/folds/predictions.tsv");
        Cli("predict", "--model", "results/sweep/best.zip", "--data", "data/train.tsv", "--out", "results/sweep/best-predictions.tsv");
        SameBytes("reference/best-predictions.tsv", "results/sweep/best-predictions.tsv");
        Assert.Equal(WithoutTimes("reference/leaderboard.csv"), WithoutTimes("results/sweep/leaderboard.csv"));

        // The shards really are shards: several per sharded output.
        Assert.True(Directory.GetFiles(_cli.PathOf("shards/scan")).Length >= 8);
        Assert.Equal(3, Directory.GetFiles(_cli.PathOf("shards/predict")).Length);
        Assert.Equal(3, Directory.GetFiles(_cli.PathOf("shards/variants"), "*.tsv").Length);
        Assert.Equal(4, Directory.GetDirectories(_cli.PathOf("shards/profile")).Length);
    }

    private static readonly string[] FoldArguments =
        ["--bed", "data/peaks.bed", "--genome", "data/genome.fa", "--folds", "3", "--length", "100", "--epochs", "8", "--preset", "Zou2019"];

    private static readonly string[] SweepArguments = ["--data", "data/train.tsv", "--task", "binary", "--max-epochs", "2"];

    private static string Config() => $$"""
        cli: "dotnet exec '{{typeof(CliApp).Assembly.Location}}'"
        threads: 1
        mem_mb: 2000
        outputs: [scan, predict, variants, profile, folds, sweep]
        genome: data/genome.fa
        scan:
          model: models/model.zip
          stride: 50
          chunk: 12000
        predict:
          model: models/model.zip
          data: data/sequences.tsv
          rows_per_shard: 100
        variants:
          model: models/model.zip
          vcf: data/calls.vcf
          records_per_shard: 10
        profile:
          model: models/profile.zip
        folds:
          bed: data/peaks.bed
          k: 3
          args: "{{string.Join(' ', FoldArguments.Skip(6))}}"
          predict_data: data/sequences.tsv
          rows_per_shard: 125
        sweep:
          data: data/train.tsv
          candidates: 4
          slices: 2
          args: "--task binary --max-epochs 2"
          refit_args: "--task binary"
        """;

    /// <summary>The command line in its own process, as the workflow's jobs run it, with one intra-op thread.</summary>
    private void Cli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _cli.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["exec", typeof(CliApp).Assembly.Location, "--threads", "1", .. args]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"cnn-mlnet {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}\n{error.Result}");
    }

    private void SameBytes(string expected, string actual)
    {
        byte[] want = File.ReadAllBytes(_cli.PathOf(expected)), got = File.ReadAllBytes(_cli.PathOf(actual));
        Assert.True(want.AsSpan().SequenceEqual(got), $"{actual} ({got.Length} bytes) differs from {expected} ({want.Length} bytes)");
    }

    // The leaderboard without its timing column, which no two runs share.
    private string[] WithoutTimes(string path)
    {
        var rows = File.ReadAllLines(_cli.PathOf(path)).Select(l => l.Split(',')).ToArray();
        int seconds = Array.FindIndex(rows[0], c => c.Contains("second", StringComparison.OrdinalIgnoreCase));
        return [.. rows.Select(r => string.Join(',', r.Where((_, i) => i != seconds)))];
    }
}
