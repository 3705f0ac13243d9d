using System.Diagnostics;
using Cnn.MLNet.Trainers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The plain TorchSharp baseline: the whole dataset preloaded once as two tensors, the network
/// from native modules (<see cref="NativeNetwork"/>), Adam, a fresh random permutation per epoch
/// cut into batches of the same size, one dispose scope per step, the loss read back every step (as
/// the trainer and a typical loop do); scoring = batched forward passes under <c>inference_mode</c>.
/// Single-threaded managed code throughout, as TorchSharp's temporary Scalars require.
/// </summary>
public static class PlainTorchRun
{
    /// <summary>Warm-up, timed training, timed scoring; returns what was measured.</summary>
    public static PeerResult Run(PeerRunConfig config)
    {
        TorchRuntime.EnsureInitialized();
        torch.set_num_threads(config.Threads);
        var input = config.Input;
        var spec = NetworkSpec.FromJson(config.SpecJson);
        var (features, labels) = PeerDataFile.Read(config);
        long[] shape = input.Height is int h ? [config.Rows, input.Channels, h, input.Length] : [config.Rows, input.Channels, input.Length];
        using var x = torch.tensor(features, shape);
        features = [];
        using var y = input.IsBinary
            ? torch.tensor(labels.Select(l => (float)l).ToArray(), [config.Rows, 1])
            : torch.tensor(labels.Select(l => (long)l).ToArray(), [config.Rows]);

        // Warm-up (untimed): a throwaway network trained on a few batches and scored once.
        using (var warmX = x.narrow(0, 0, Math.Min(config.Rows, config.WarmupBatches * config.BatchSize)))
        using (var warmY = y.narrow(0, 0, warmX.shape[0]))
        using (var warm = NativeNetwork.Build(spec, input))
        {
            Train(warm, warmX, warmY, config, epochs: 1);
            Score(warm, warmX, config.ScoringBatchSize);
        }

        var clock = Stopwatch.StartNew();
        torch.manual_seed(config.Seed);
        using var network = NativeNetwork.Build(spec, input);
        double loss = Train(network, x, y, config, config.Epochs);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var scores = Score(network, x, config.ScoringBatchSize);
        double scoreSeconds = clock.Elapsed.TotalSeconds;

        return new PeerResult(nameof(PeerImplementation.PlainTorchSharp), trainSeconds, scoreSeconds, PeerResult.ReadPeakRssKiB(),
            loss, Accuracy(scores, labels, input), torch.get_num_threads(), $"plain TorchSharp {typeof(torch).Assembly.GetName().Version}");
    }

    /// <summary>Trains for <paramref name="epochs"/> epochs; returns the last epoch's mean batch loss.</summary>
    private static double Train(Sequential network, Tensor x, Tensor y, PeerRunConfig config, int epochs)
    {
        using var optimizer = optim.Adam(network.parameters(), config.LearningRate);
        network.train();
        long rows = x.shape[0];
        double lossSum = 0;
        int batches = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using var order = torch.randperm(rows);
            lossSum = 0;
            batches = 0;
            for (long start = 0; start < rows; start += config.BatchSize)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(config.BatchSize, rows - start));
                var xb = x.index_select(0, index);
                var yb = y.index_select(0, index);
                optimizer.zero_grad();
                var logits = network.forward(xb);
                var loss = config.Input.IsBinary
                    ? nn.functional.binary_cross_entropy_with_logits(logits, yb)
                    : nn.functional.cross_entropy(logits, yb);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
        }
        return lossSum / Math.Max(1, batches);
    }

    /// <summary>Scores every row in batches under inference mode; returns the outputs, rows × outputs.</summary>
    private static float[] Score(Sequential network, Tensor x, int batchSize)
    {
        network.eval();
        using var inference = torch.inference_mode();
        long rows = x.shape[0];
        float[]? outputs = null;
        for (long start = 0; start < rows; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var logits = network.forward(x.narrow(0, start, Math.Min(batchSize, rows - start)));
            long width = logits.shape[1];
            outputs ??= new float[rows * width];
            logits.data<float>().CopyTo(outputs.AsSpan((int)(start * width), (int)(logits.shape[0] * width)), 0, 0);
        }
        return outputs ?? [];
    }

    private static double Accuracy(float[] scores, int[] labels, PeerInput input)
    {
        int width = input.IsBinary ? 1 : input.Classes, correct = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            var row = scores.AsSpan(r * width, width);
            int predicted = input.IsBinary ? (row[0] > 0 ? 1 : 0) : ArgMax(row);
            if (predicted == labels[r]) correct++;
        }
        return (double)correct / labels.Length;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
