using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Concurrency;

/// <summary>
/// No tensor our code makes is left for a finalizer to free. TorchSharp 0.107 frees an unreferenced
/// tensor from its finalizer, which a collection on another thread can run while a native call still
/// uses the handle (../shared/repro/conv-float64 segfaults that way). A tensor is safe when a dispose
/// scope holds it or it is disposed explicitly; TorchSharp counts, per thread, the tensors made
/// outside any scope and those disposed outside one. Every tensor made outside a scope while scoring,
/// explaining or extracting feature maps must be disposed by the time the call returns; training may
/// keep what the model holds (its parameters and buffers), but that count must not grow with the
/// number of steps.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class TensorLifetimeTests
{
    private static readonly MLContext Ml = new(seed: 1);

    // Tensors left outside any dispose scope on this thread and not disposed on it, during action:
    // made outside a scope or detached from one, less those disposed outside a scope or attached to
    // one. The action must have made tensors on this thread at all (else the count proves nothing).
    private static long Escaped(Action action)
    {
        var s = DisposeScopeManager.Statistics.TensorStatistics;
        long Outside() => s.CreatedOutsideScopeCount + s.DetachedFromScopeCount - s.DisposedOutsideScopeCount - s.AttachedToScopeCount;
        long before = Outside(), made = s.CreatedOutsideScopeCount + s.CreatedInScopeCount;
        action();
        Assert.True(s.CreatedOutsideScopeCount + s.CreatedInScopeCount > made, "the action made no tensor on this thread");
        return Outside() - before;
    }

    [Fact]
    public void The_count_sees_a_tensor_left_to_its_finalizer()
    {
        Tensor? kept = null;
        Assert.Equal(1, Escaped(() => kept = torch.ones(3)));
        Assert.Equal(0, Escaped(() => { using var disposed = torch.ones(3); }));
        Assert.Equal(0, Escaped(() => { using var scope = torch.NewDisposeScope(); torch.ones(3).add(torch.ones(3)); }));
        kept!.Dispose();
    }

    private static TransformerChain<CnnPredictionTransformer> Train(int epochs, IDataView data) =>
        Ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 60)
            .Append(Ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            {
                Network = Cnn.MLNet.Trainers.NetworkPresets.DilatedResNet(),
                Epochs = epochs,
                BatchSize = 16,
                Seed = 3,
                ScoringBatchSize = 32,
                EarlyStoppingPatience = null,
            }))
            .Fit(data);

    [Fact]
    public void Training_keeps_the_same_tensors_whatever_the_number_of_steps()
    {
        var data = MotifData.Load(Ml, 96, seed: 91, length: 60);
        Train(1, data);                                         // first-call set-up outside the counts
        long oneEpoch = Escaped(() => Train(1, data));
        long threeEpochs = Escaped(() => Train(3, data));
        Assert.True(oneEpoch > 0, "the network's parameters and buffers stay outside any scope with the model");
        Assert.Equal(oneEpoch, threeEpochs);
    }

    [Fact]
    public void Scoring_saliency_mutagenesis_and_feature_maps_leave_no_tensor_to_a_finalizer()
    {
        var model = Train(1, MotifData.Load(Ml, 64, seed: 92, length: 60));
        var cnn = model.LastTransformer;
        var rows = MotifData.Load(Ml, 70, seed: 93, length: 60);
        var encoded = model.Transform(rows);

        Assert.Equal(0, Escaped(() => encoded.GetColumn<float>("Score").ToArray()));
        Assert.Equal(0, Escaped(() =>
        {
            var engine = Ml.Model.CreatePredictionEngine<MotifData.Row, BinaryScore>(model);
            foreach (var row in MotifData.Generate(5, seed: 94, length: 60)) engine.Predict(row);
        }));
        Assert.Equal(0, Escaped(() => Ml.Transforms.ComputeAttributions(cnn, AttributionMethod.Saliency).Fit(encoded).Transform(encoded).GetColumn<float[]>("Attribution").ToArray()));
        Assert.Equal(0, Escaped(() => Ml.Transforms.ComputeAttributions(cnn, AttributionMethod.InSilicoMutagenesis).Fit(encoded).Transform(encoded).GetColumn<float[]>("Attribution").ToArray()));
        Assert.Equal(0, Escaped(() => Ml.Transforms.ExtractFeatureMaps(cnn, "res3").Fit(encoded).Transform(encoded).GetColumn<float[]>("FeatureMaps").ToArray()));
    }

    private sealed class BinaryScore
    {
        public float Score { get; set; }
    }
}
