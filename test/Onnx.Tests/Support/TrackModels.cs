using Cnn.MLNet.Trainers;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Cnn.MLNet.Onnx.Tests.Support;

/// <summary>
/// Small profile and binned-track models built directly (no training data needed): BPNet's trunk
/// (2 residual blocks, 8 filters) on 60-bp one-hot DNA with a 40-position output window, every
/// weight and batch-norm statistic drawn at random at a scale that makes the logits and counts
/// vary by whole units, so a wrong reorder or formula shows far above the tolerance.
/// </summary>
internal static class TrackModels
{
    public const int Length = 60;
    public const int OutputLength = 40;
    public const int Tracks = 2;

    public sealed class SequenceRow
    {
        public string Sequence { get; set; } = "";
    }

    /// <summary>A model, the one-hot encoder it expects, and encoded held-out rows.</summary>
    public sealed record Built(MLContext Ml, CnnModel Model, ITransformer Encoder, IDataView Sequences, IDataView Encoded) : IDisposable
    {
        public void Dispose() => Model.Dispose();
    }

    /// <summary>BPNet(40, 2, 8) with 2 stranded tracks and <see cref="ProfileTask"/>.</summary>
    public static Built Profile(bool averageReverseComplement, int seed) =>
        Build(NetworkPresets.BPNet(OutputLength, layers: 2, filters: 8), new ProfileTask(new TrackLayout(Tracks, OutputLength, Stranded: true), 1f), averageReverseComplement, seed);

    /// <summary>The same trunk with a binned head (bins of <paramref name="binSize"/>) and <see cref="BinnedTracksTask"/>.</summary>
    public static Built Binned(TrackLoss loss, int binSize, bool averageReverseComplement, int seed)
    {
        var spec = NetworkPresets.BPNet(OutputLength, layers: 2, filters: 8) with
        {
            Name = "BinnedBPNet",
            TrackHead = new TrackHeadSpec { Kind = TrackHeadKind.Binned, OutputLength = OutputLength, KernelSize = 25, BinSize = binSize },
        };
        return Build(spec, new BinnedTracksTask(new TrackLayout(Tracks, OutputLength / binSize, Stranded: true), loss), averageReverseComplement, seed);
    }

    private static Built Build(NetworkSpec spec, CnnTask task, bool averageReverseComplement, int seed)
    {
        var ml = new MLContext(seed);
        var random = new Random(seed);
        var sequences = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5)
            .Select(_ => new SequenceRow { Sequence = new string(Enumerable.Range(0, Length).Select(_ => "ACGT"[random.Next(4)]).ToArray()) }).ToList());
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length).Fit(sequences);
        TorchRuntime.EnsureInitialized();
        var network = new CnnNetwork(spec, 4, Length, task.Outputs);
        Randomize(network, random);
        var model = new CnnModel(network, task, new InputShape(4, Length, encoder.Spec), CPU, []) { AverageReverseComplement = averageReverseComplement };
        return new Built(ml, model, encoder, sequences, encoder.Transform(sequences));
    }

    // Weights ~ N(0, 1.5² / fan-in), biases ~ N(0, 0.1²), running means ~ N(0, 0.3²), running variances in [0.5, 1.5);
    // values made on the host and copied in, so no TorchSharp Scalar is created.
    private static void Randomize(CnnNetwork network, Random random)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            double scale = name.EndsWith("bias", StringComparison.Ordinal) ? 0.1 : 1.5 / Math.Sqrt(parameter.numel() / parameter.shape[0]);
            Fill(parameter, i => (float)(scale * Normal(random)));
        }
        foreach (var (name, buffer) in network.named_buffers().Where(b => b.buffer.dtype == ScalarType.Float32))
        {
            bool variance = name.EndsWith("running_var", StringComparison.Ordinal);
            Fill(buffer, i => variance ? (float)(0.5 + random.NextDouble()) : (float)(0.3 * Normal(random)));
        }
    }

    private static void Fill(Tensor target, Func<int, float> value)
    {
        var values = Enumerable.Range(0, (int)target.numel()).Select(value).ToArray();
        target.copy_(tensor(values).reshape(target.shape));
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
