using System.Diagnostics;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// <c>train --checkpoint-dir</c> / <c>--resume</c>: a training process killed with SIGKILL
/// mid-run loses at most the epoch in progress, and the resumed run ends with a model that scores
/// exactly like one trained without interruption (CPU, fixed seed, one thread).
/// </summary>
public sealed class CheckpointCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_run_killed_with_SIGKILL_and_resumed_predicts_exactly_like_an_uninterrupted_run()
    {
        string data = _cli.WriteMotifTsv("train.tsv", 3000, seed: 5);
        string[] common = ["--data", data, "--epochs", "8", "--seed", "3", "--threads", "1", "--validation-fraction", "0.1"];

        string whole = _cli.PathOf("whole.zip");
        var uninterrupted = _cli.Run(["train", .. common, "--model", whole]);
        Assert.True(uninterrupted.Exit == 0, uninterrupted.Error);

        string checkpoints = _cli.PathOf("checkpoints"), resumed = _cli.PathOf("resumed.zip");
        string checkpoint = Path.Combine(checkpoints, "checkpoint.cnnckpt");
        using (var child = ChildProcess.StartCli(["train", .. common, "--model", resumed, "--checkpoint-dir", checkpoints], out var lines))
        {
            // Killed as soon as epoch 2 has been reported: its checkpoint may or may not be written yet, and epoch 3 is under way.
            var clock = Stopwatch.StartNew();
            while (!lines.Any(l => l.StartsWith("epoch 2/", StringComparison.Ordinal)) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(5);
            child.Kill(entireProcessTree: true); // SIGKILL
            child.WaitForExit();
            Assert.True(child.ExitCode != 0, "training finished before it could be interrupted:\n" + string.Join("\n", lines));
        }
        Assert.False(File.Exists(resumed), $"the killed run saved its model ({string.Join(", ", Directory.GetFiles(_cli.Folder).Select(Path.GetFileName))})");
        Assert.True(File.Exists(checkpoint));

        var again = _cli.Run(["train", .. common, "--model", resumed, "--checkpoint-dir", checkpoints, "--resume"]);
        Assert.True(again.Exit == 0, again.Error);

        string wholeScores = _cli.PathOf("whole.tsv"), resumedScores = _cli.PathOf("resumed.tsv");
        Assert.Equal(0, _cli.Run("predict", "--model", whole, "--data", data, "--out", wholeScores).Exit);
        Assert.Equal(0, _cli.Run("predict", "--model", resumed, "--data", data, "--out", resumedScores).Exit);
        Assert.Equal(File.ReadAllText(wholeScores), File.ReadAllText(resumedScores));
    }

    [Fact]
    public void Ctrl_C_stops_training_between_batches_keeps_the_checkpoint_and_exits_130()
    {
        if (!OperatingSystem.IsLinux()) return; // SIGINT is sent with kill(1)
        string data = _cli.WriteMotifTsv("train.tsv", 3000, seed: 5);
        string checkpoints = _cli.PathOf("checkpoints"), model = _cli.PathOf("m.zip");
        // Run from a shell that ignores SIGINT (a `nohup … &` background job), the child inherits that and
        // cannot be interrupted: start the tests from a foreground or job-controlled shell.
        using var child = ChildProcess.StartCli(["train", "--data", data, "--epochs", "8", "--threads", "1", "--model", model, "--checkpoint-dir", checkpoints], out var lines);
        var clock = Stopwatch.StartNew();
        while (!lines.Any(l => l.StartsWith("epoch 2/", StringComparison.Ordinal)) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(5);
        Assert.False(child.HasExited, "training finished before Ctrl+C:\n" + string.Join("\n", lines));
        using (var interrupt = Process.Start("kill", ["-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) interrupt.WaitForExit();
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(1)), "training did not stop after Ctrl+C");
        child.WaitForExit();

        Assert.Equal(130, child.ExitCode);
        Assert.Contains(lines, l => l.StartsWith("cancelled: Cnn trainer: training was cancelled in epoch", StringComparison.Ordinal) && l.Contains(checkpoints));
        Assert.True(File.Exists(Path.Combine(checkpoints, "checkpoint.cnnckpt")));
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Resume_without_a_checkpoint_folder_is_an_error()
    {
        string data = _cli.WriteMotifTsv("small.tsv", 100, seed: 6);
        var run = _cli.Run("train", "--data", data, "--epochs", "1", "--model", _cli.PathOf("m.zip"), "--resume");
        Assert.Equal(1, run.Exit);
        Assert.Contains("--resume needs --checkpoint-dir", run.Error);
    }
}
