namespace Cnn.MLNet.Cli.Tests;

/// <summary>The global <c>--gpu N</c> option on a machine and build without CUDA: a clear user error before any work, naming the option.</summary>
public sealed class GpuOptionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Asking_for_a_GPU_that_TorchSharp_does_not_see_is_an_error_naming_the_option()
    {
        // The tests run the CLI with TorchSharp-cpu, which never sees CUDA, whatever the machine has.
        string data = _cli.WriteMotifTsv("train.tsv", 80, seed: 3);

        var run = _cli.Run("--gpu", "0", "train", "--data", data, "--epochs", "1", "--model", _cli.PathOf("m.zip"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("error: --gpu 0: CUDA is not available to TorchSharp", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("m.zip")));
    }

    [Fact]
    public void A_negative_device_is_a_parse_error()
    {
        var run = _cli.Run("--gpu", "-1", "doctor");

        Assert.Equal(1, run.Exit);
        Assert.Contains("--gpu", run.Error, StringComparison.Ordinal);
    }
}
