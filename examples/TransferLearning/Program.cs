// Transfer learning: a CNN learns motif detectors, then its pooled feature maps feed FastTree.
// Run: dotnet run --project examples/TransferLearning
using Cnn.MLNet;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

var ml = new MLContext(seed: 1);

// 1. Train a small CNN (Zou2019 preset: conv1 32 × 12 → act1 → pool1 → dense1 → output) to
//    find a planted motif in 50-bp DNA.
var cnnPipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
    .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 10, Seed = 1 }));
var cnnModel = cnnPipeline.Fit(Simulate(ml, 800, seed: 1));
var test = Simulate(ml, 500, seed: 3);
var cnnMetrics = ml.BinaryClassification.Evaluate(cnnModel.Transform(test));
var cnn = cnnModel.LastTransformer;
Console.WriteLine($"Layers: {string.Join(", ", cnn.Model.Network.ValidLayerNames())}");

// 2. Reuse its first block as a feature extractor: the maximum of each filter's activation over
//    positions (32 values per sequence), then a gradient-boosted tree ensemble on top. One chain:
//    one-hot → feature maps → FastTree, fitted on fresh data and evaluated like any ML.NET model.
var transfer = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
    .Append(ml.Transforms.ExtractFeatureMaps(cnn, "pool1", FeatureMapPooling.Max))
    .Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "FeatureMaps"));
var transferModel = transfer.Fit(Simulate(ml, 800, seed: 2));
var transferMetrics = ml.BinaryClassification.Evaluate(transferModel.Transform(test));

Console.WriteLine($"CNN alone:                         AUC {cnnMetrics.AreaUnderRocCurve:F4}, accuracy {cnnMetrics.Accuracy:F4}");
Console.WriteLine($"pool1 max feature maps + FastTree: AUC {transferMetrics.AreaUnderRocCurve:F4}, accuracy {transferMetrics.Accuracy:F4}");

// 3. Save the whole transfer chain (encoder, feature maps with their CNN, FastTree) in one file and
//    load it back: the reloaded chain scores bit-identically.
ml.Model.SaveCnn(transferModel, test.Schema, "transfer-model.zip");
var reloaded = ml.Model.LoadCnn("transfer-model.zip", out _);
var reloadedMetrics = ml.BinaryClassification.Evaluate(reloaded.Transform(test));
Console.WriteLine($"reloaded from transfer-model.zip:  AUC {reloadedMetrics.AreaUnderRocCurve:F4}, accuracy {reloadedMetrics.Accuracy:F4}");

// Random DNA; half the sequences carry the motif somewhere (Label = true), the rest never do.
static IDataView Simulate(MLContext ml, int count, int seed)
{
    const string motif = "CGACCGAACTCC";
    var random = new Random(seed);
    var rows = new List<SequenceRow>(count);
    for (int i = 0; i < count; i++)
    {
        var bases = Enumerable.Range(0, 50).Select(_ => "ACGT"[random.Next(4)]).ToArray();
        bool label = random.Next(2) == 1;
        if (label) motif.CopyTo(0, bases, random.Next(50 - motif.Length + 1), motif.Length);
        rows.Add(new SequenceRow { Sequence = new string(bases), Label = label });
    }
    return ml.Data.LoadFromEnumerable(rows);
}

/// <summary>One simulated sequence and whether it carries the motif.</summary>
internal sealed class SequenceRow
{
    public string Sequence { get; set; } = "";
    public bool Label { get; set; }
}
