using System.Text.Json;

namespace Cnn.MLNet.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public void Demo_reaches_the_primers_held_out_accuracy_and_saves_a_model()
    {
        using var cli = new CliRunner();
        string model = cli.PathOf("demo.zip");

        var (exit, output, error) = cli.Run("demo", "--model", model, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("binary", json.RootElement.GetProperty("task").GetString());
        double accuracy = json.RootElement.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.98, $"held-out accuracy {accuracy}; the primer's Keras run reached 0.98");
        Assert.InRange(json.RootElement.GetProperty("rows").GetInt64(), 450, 550); // 25 % of 2,000
        Assert.True(new FileInfo(model).Length > 1000);

        var evaluated = cli.Run("doctor");
        Assert.Equal(0, evaluated.Exit);
    }
}
