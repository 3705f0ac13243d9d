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

    [Fact]
    public void Image_demo_writes_the_shape_folders_trains_LeNet5_and_refuses_to_overwrite_them()
    {
        using var cli = new CliRunner();
        string model = cli.PathOf("images.zip"), folder = cli.PathOf("shapes");

        var (exit, output, error) = cli.Run("demo", "--images", "--image-folder", folder, "--epochs", "12", "--model", model, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("multiclass", json.RootElement.GetProperty("task").GetString());
        Assert.InRange(json.RootElement.GetProperty("rows").GetInt64(), 250, 350);     // 20 % of 1,500
        double accuracy = json.RootElement.GetProperty("microAccuracy").GetDouble();
        Assert.True(accuracy >= 0.8, $"held-out accuracy {accuracy} after 12 epochs (0.94 measured; chance is 1/3)");
        foreach (string shape in new[] { "bars", "crosses", "rings" })
            Assert.Equal(500, Directory.GetFiles(Path.Combine(folder, shape), "*.png").Length);

        var again = cli.Run("demo", "--images", "--image-folder", folder, "--model", model);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already exists and is not empty", again.Error);

        var evaluated = cli.Run("evaluate", "--model", model, "--images", folder, "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);
    }
}
