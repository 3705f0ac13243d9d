using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Concurrency;

/// <summary>
/// Training, batched scoring, saliency and feature maps give bit-identical results while another
/// thread forces garbage collections and runs finalizers without pause. TorchSharp 0.107 frees
/// temporary Scalars and unreferenced tensors from finalizers, which such a thread runs in the middle
/// of native calls: TorchSharp's own BatchNorm aborted DilatedResNet's training this way ("Expected
/// false to be true … Scalar.h"), and an earlier optimiser and loss failed the same way. The
/// networks cover every module kind the presets build: convolutions, batch norm (trunk, residual and
/// dense), residual blocks with dilation and stride, ELU, GELU, dropout, pooling, strand-shared convolution.
/// <para>
/// The race's window is the length of one native call, so a run this short may pass even with a
/// temporary left in (it did with TorchSharp's BatchNorm put back: the abort took a longer training
/// to appear). What it does prove: no crash, and no stray value anywhere in the outputs, under a
/// collector that runs during every native call. <c>TemporaryScalarAuditTests</c> (Cli.Tests) is
/// the deterministic side of the same promise: it fails on any temporary Scalar in our code or in
/// the TorchSharp code we call.
/// </para>
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class GarbageCollectionPressureTests
{
    private static NetworkSpec EveryModuleKind() => new()
    {
        Name = "EveryModuleKind",
        Trunk =
        [
            new ConvBlockSpec { Filters = 12, KernelSize = 7, StrandShared = true, BatchNorm = true, Activation = Activation.Elu, Pool = Pooling.Max, PoolSize = 2 },
            new ResidualBlockSpec { Filters = 20, KernelSize = 3, Stride = 2, Dropout = 0.1 },
            new ResidualBlockSpec { Filters = 20, KernelSize = 3, Dilation = 2, Activation = Activation.Gelu },
            new ConvBlockSpec { Filters = 17, KernelSize = 4, Padding = ConvPadding.Same, Pool = Pooling.Average, PoolSize = 2 },
            new GlobalPoolSpec { Kind = Pooling.Max },
        ],
        Head = [new DenseLayerSpec { Units = 16, BatchNorm = true, Dropout = 0.2 }],
    };

    [Fact]
    public void Training_and_scoring_under_forced_collections_match_a_quiet_run()
    {
        var spec = EveryModuleKind();
        var quiet = TrainAndScore(spec);
        float[][] underPressure;
        using (new CollectorThread()) underPressure = TrainAndScore(spec);

        Assert.Equal(quiet.Length, underPressure.Length);
        for (int i = 0; i < quiet.Length; i++)
            Assert.True(quiet[i].AsSpan().SequenceEqual(underPressure[i]), $"output {i} differs under GC pressure");
    }

    // Scores, saliency and feature maps of a model trained for 2 epochs on 240 rows of 80 bp.
    private static float[][] TrainAndScore(NetworkSpec spec)
    {
        var ml = new MLContext(seed: 1);
        var train = MotifData.Load(ml, 240, seed: 81, length: 80);
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 80)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            {
                Network = spec,
                Epochs = 2,
                BatchSize = 16,
                Seed = 5,
                ScoringBatchSize = 32,
                EarlyStoppingPatience = null,
            }))
            .Fit(train);
        var heldOut = model.Transform(MotifData.Load(ml, 100, seed: 82, length: 80));
        var cnn = model.LastTransformer;
        var saliency = ml.Transforms.ComputeAttributions(cnn, AttributionMethod.Saliency).Fit(heldOut).Transform(heldOut);
        var maps = ml.Transforms.ExtractFeatureMaps(cnn, "res2").Fit(heldOut).Transform(heldOut);
        return
        [
            heldOut.GetColumn<float>("Score").ToArray(),
            .. saliency.GetColumn<float[]>("Attribution"),
            .. maps.GetColumn<float[]>("FeatureMaps"),
        ];
    }

    /// <summary>A thread that collects garbage and runs pending finalizers in a loop until disposed.</summary>
    private sealed class CollectorThread : IDisposable
    {
        private volatile bool _stop;
        private readonly Thread _thread;

        public CollectorThread()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                    GC.WaitForPendingFinalizers();
                }
            })
            { IsBackground = true, Name = "forced GCs" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
