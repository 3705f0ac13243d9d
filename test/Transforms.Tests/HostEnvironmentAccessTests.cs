using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>
/// Guards the reach into ML.NET's internal catalog and environment interfaces. If these fail
/// after an ML.NET upgrade, fix src/Transforms/MLNetInterop/HostEnvironmentAccess.cs.
/// </summary>
public sealed class HostEnvironmentAccessTests
{
    [Fact]
    public void The_catalog_environment_carries_the_MLContexts_device_settings()
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = 3, FallbackToCpu = true };

        foreach (object catalog in new object[] { ml.BinaryClassification.Trainers, ml.MulticlassClassification.Trainers, ml.Regression.Trainers, ml.Transforms })
        {
            var environment = HostEnvironmentAccess.FromCatalog(catalog);
            Assert.Equal((3, true), HostEnvironmentAccess.DeviceSettings(environment));
        }
        Assert.Equal(((int?)null, false), HostEnvironmentAccess.DeviceSettings(HostEnvironmentAccess.FromCatalog(new MLContext().Transforms)));
        Assert.Equal((3, true), HostEnvironmentAccess.DeviceSettings(ml));
    }

    [Fact]
    public void The_catalog_environment_is_seeded_by_the_MLContext_and_logs_to_it()
    {
        int Draw(int seed) => HostEnvironmentAccess.FromCatalog(new MLContext(seed).Regression.Trainers).Register("x").Rand.Next();
        Assert.Equal(Draw(5), Draw(5));
        Assert.NotEqual(Draw(5), Draw(6));

        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => messages.Add(e.Message);
        using (var channel = HostEnvironmentAccess.FromCatalog(ml.BinaryClassification.Trainers).Start("probe"))
            channel.Info(MessageSensitivity.None, "{0}", "reached the MLContext log");
        Assert.Contains(messages, m => m.Contains("reached the MLContext log"));
    }

    [Fact]
    public void Something_that_is_not_a_catalog_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HostEnvironmentAccess.FromCatalog("not a catalog"));
    }
}
