using System.Text.Json;

namespace Cnn.MLNet.Cli.Tests;

public class DoctorCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Doctor_reports_a_working_TorchSharp_and_exits_zero()
    {
        var (exit, output, _) = Run("doctor");

        Assert.Equal(0, exit);
        Assert.Contains("TorchSharp:          0.107.0 (built for libtorch 2.10.0)", output);
        Assert.Contains("Native load:         OK", output);
        if (OperatingSystem.IsLinux())
            Assert.Matches(@"libstdc\+\+ patch:\s+(Patched|NotNeeded)", output);
    }

    [Fact]
    public void Doctor_json_is_one_object_with_the_load_state()
    {
        var (exit, output, _) = Run("doctor", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("loaded").GetBoolean());
        Assert.Equal("0.107.0", json.RootElement.GetProperty("torchSharpVersion").GetString());
        Assert.True(json.RootElement.GetProperty("intraOpThreads").GetInt32() >= 1);
    }

    [Fact]
    public void Threads_sets_TorchSharps_intra_op_threads_for_the_command_only()
    {
        int before = TorchSharp.torch.get_num_threads();
        var (exit, output, _) = Run("doctor", "--json", "--threads", "1");
        Assert.Equal(0, exit);
        using (var json = JsonDocument.Parse(output)) Assert.Equal(1, json.RootElement.GetProperty("intraOpThreads").GetInt32());
        Assert.Equal(before, TorchSharp.torch.get_num_threads());

        var bad = Run("doctor", "--threads", "0");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("error: --threads must be at least 1 (was 0).", bad.Error);
    }

    [Fact]
    public void An_unknown_command_exits_non_zero_and_says_so()
    {
        var (exit, _, error) = Run("frobnicate");

        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", error);
    }
}
