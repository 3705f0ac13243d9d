using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Training;

/// <summary>
/// Our optimiser steps match TorchSharp's own Adam, AdamW and SGD, and survive garbage collections
/// forced from another thread (TorchSharp's own steps pass finalizer-freed temporary Scalars to
/// native code and fail under that pressure: "Expected false to be true" / "Unknown scalar type").
/// </summary>
[Collection(TorchGlobalState.Name)]
public class ParameterUpdateTests
{
    public ParameterUpdateTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0)]
    [InlineData(OptimizerKind.Adam, 0.01)]
    [InlineData(OptimizerKind.AdamW, 0.01)]
    [InlineData(OptimizerKind.Sgd, 0.01)]
    public void Steps_match_TorchSharps_optimizer(OptimizerKind kind, double decay)
    {
        random.manual_seed(5);
        using var ours = nn.Linear(6, 3);
        using var theirs = nn.Linear(6, 3);
        theirs.load_state_dict(ours.state_dict());
        using var update = new ParameterUpdate(kind, ours.parameters(), 0.05, 0.9, decay);
        using var reference = kind switch
        {
            OptimizerKind.AdamW => optim.AdamW(theirs.parameters(), 0.05, weight_decay: decay),
            OptimizerKind.Sgd => optim.SGD(theirs.parameters(), 0.05, momentum: 0.9, weight_decay: decay),
            _ => (optim.Optimizer)optim.Adam(theirs.parameters(), 0.05, weight_decay: decay),
        };
        for (int step = 0; step < 5; step++)
        {
            var x = randn(4, 6);
            update.ZeroGrad();
            ours.forward(x).pow(2).sum().backward();
            update.Step();
            reference.zero_grad();
            theirs.forward(x).pow(2).sum().backward();
            reference.step();
        }
        foreach (var (name, tensor) in ours.state_dict())
        {
            double difference = (tensor - theirs.state_dict()[name]).abs().max().item<float>();
            Assert.True(difference < 1e-6, $"{kind} {name}: {difference}");
        }
    }

    [Fact]
    public void Clipping_scales_the_joint_gradient_norm_down_to_the_limit()
    {
        using var layer = nn.Linear(5, 5);
        using var update = new ParameterUpdate(OptimizerKind.Sgd, layer.parameters(), 0.1, 0, 0);
        layer.forward(randn(3, 5) * 100).pow(2).sum().backward();
        update.ClipGradientNorm(1.0);
        double norm = Math.Sqrt(layer.parameters().Sum(p => Math.Pow(p.grad!.norm().item<float>(), 2)));
        Assert.InRange(norm, 0.99, 1.0 + 1e-6);
    }

    [Fact]
    public void Adam_steps_survive_collections_forced_from_another_thread()
    {
        using var layer = nn.Linear(64, 64);
        using var update = new ParameterUpdate(OptimizerKind.Adam, layer.parameters(), 1e-3, 0, 0.01);
        bool stop = false;
        var pressure = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.KeepAlive(new byte[1 << 16]);
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        });
        pressure.Start();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int steps = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(4))
            {
                using var scope = NewDisposeScope();
                update.ZeroGrad();
                layer.forward(randn(8, 64)).sum().backward();
                update.Step();
                steps++;
            }
            Assert.True(steps > 100, $"only {steps} steps");
        }
        finally
        {
            Volatile.Write(ref stop, true);
            pressure.Join();
        }
    }
}
