using System.IO.Compression;
using System.Text.Json.Nodes;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>
/// One small CNN (trained once) and the chains built on it: transfer learning (one-hot → pool1
/// feature maps → FastTree, as examples/TransferLearning) and attributions after the CNN.
/// </summary>
public sealed class InterpretationChains
{
    public InterpretationChains()
    {
        var data = PersistenceData.Train(ML);
        Schema = data.Schema;
        var cnnModel = ML.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ML.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            {
                Epochs = 2,
                BatchSize = 32,
                Seed = 1,
                Network = NetworkPresets.Zou2019(),
            }))
            .Fit(data);
        var cnn = cnnModel.LastTransformer;

        Transfer = ML.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ML.Transforms.ExtractFeatureMaps(cnn, "pool1", FeatureMapPooling.MaxAndMean))
            .Append(ML.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "FeatureMaps",
                numberOfLeaves: 8, numberOfTrees: 20, minimumExampleCountPerLeaf: 5))
            .Fit(data);

        var scored = cnnModel.Transform(data);
        Attributions = cnnModel
            .Append(ML.Transforms.ComputeAttributions(cnn, AttributionMethod.Saliency, AttributionShape.PerBase, outputColumnName: "Saliency").Fit(scored))
            .Append(ML.Transforms.ComputeAttributions(cnn, AttributionMethod.InSilicoMutagenesis, AttributionShape.PerPosition, outputColumnName: "Mutagenesis").Fit(scored))
            .Append(ML.Transforms.ComputeAttributions(cnn, new AttributionOptions
            {
                Method = AttributionMethod.DeepLift,
                References = 3,
                Seed = 7,
                Hypothetical = true,
                OutputColumnName = "DeepShap",
                SummationErrorColumnName = "DeepShapError",
            }).Fit(scored));
    }

    public MLContext ML { get; } = new(seed: 1);
    public DataViewSchema Schema { get; }
    public TransformerChain<BinaryPredictionTransformer<Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.FastTree.FastTreeBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>>> Transfer { get; }
    public ITransformer Attributions { get; }
}

[Collection(TorchCollection.Name)]
public sealed class InterpretationChainTests(InterpretationChains chains) : IClassFixture<InterpretationChains>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_transfer_learning_chain_scores_bit_identically_after_reload()
    {
        var (loaded, schema) = RoundTrip.SaveAndLoad(chains.ML, chains.Transfer, chains.Schema, _directory);

        RoundTrip.AssertSameScores<BinaryPrediction>(chains.ML, chains.Transfer, loaded);
        Assert.Equal(OutputComparison.Describe(chains.Schema), OutputComparison.Describe(schema));
        var test = PersistenceData.Test(chains.ML);
        // The planted motif separates this data, so FastTree's scores take few values; the feature maps it reads vary per row.
        Assert.True(OutputComparison.Column(chains.Transfer.Transform(test), "FeatureMaps").Distinct().Count() > 50, "the feature maps should vary");
        Assert.True(OutputComparison.Column(chains.Transfer.Transform(test), "PredictedLabel").Distinct().Count() == 2, "both labels should be predicted");

        var original = chains.Transfer.OfType<FeatureMapTransformer>().Single();
        var rebuilt = ((TransformerChain<ITransformer>)loaded).OfType<FeatureMapTransformer>().Single();
        Assert.Equal((original.Layer, original.Pooling, original.OutputSize, original.InputColumnName, original.OutputColumnName, original.BatchSize),
            (rebuilt.Layer, rebuilt.Pooling, rebuilt.OutputSize, rebuilt.InputColumnName, rebuilt.OutputColumnName, rebuilt.BatchSize));
        Assert.True(rebuilt.Model.Spec.SameAs(original.Model.Spec));
        Assert.False(rebuilt.Model.Network.training);
    }

    [Fact]
    public void The_transfer_learning_file_holds_the_feature_maps_as_their_own_component()
    {
        using var buffer = new MemoryStream();
        chains.ML.Model.SaveCnn(chains.Transfer, chains.Schema, buffer);

        using var zip = new ZipArchive(new MemoryStream(buffer.ToArray()));
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        // Every component is version 1, so the file stays format 1 (component versions need format 2).
        Assert.Equal(1, (int)manifest["formatVersion"]!);
        Assert.Equal(["oneHotSequence", "featureMaps", "mlnet"], manifest["components"]!.AsArray().Select(c => (string?)c!["kind"]));
        Assert.All(manifest["components"]!.AsArray(), c => Assert.Null(c!["version"]));
        var roles = manifest["components"]![1]!["entries"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["config"] = "01-featureMaps.json",
            ["cnnConfig"] = "01-featureMaps.cnn.json",
            ["weights"] = "01-featureMaps.weights",
        }, roles);
        var options = JsonNode.Parse(zip.GetEntry("01-featureMaps.json")!.Open())!;
        Assert.Equal("pool1", (string?)options["layer"]);
        Assert.Equal("MaxAndMean", (string?)options["pooling"]);
    }

    [Fact]
    public void A_chain_with_attributions_scores_bit_identically_after_reload()
    {
        var (loaded, _) = RoundTrip.SaveAndLoad(chains.ML, chains.Attributions, chains.Schema, _directory);

        RoundTrip.AssertSameScores<AttributionPrediction>(chains.ML, chains.Attributions, loaded);
        var test = PersistenceData.Test(chains.ML);
        Assert.Contains(OutputComparison.Column(chains.Attributions.Transform(test), "Mutagenesis"), v => v.Contains("#", StringComparison.Ordinal) && !v.StartsWith("[0#", StringComparison.Ordinal));

        var saved = ((IEnumerable<ITransformer>)chains.Attributions).OfType<AttributionTransformer>().ToList();
        var rebuilt = ((TransformerChain<ITransformer>)loaded).OfType<AttributionTransformer>().ToList();
        Assert.Equal(saved.Select(a => (a.Method, a.Shape, a.TargetOutput, a.OutputColumnName, a.InputColumnName, a.OutputSize, a.BatchSize)),
            rebuilt.Select(a => (a.Method, a.Shape, a.TargetOutput, a.OutputColumnName, a.InputColumnName, a.OutputSize, a.BatchSize)));
        Assert.Equal(saved.Select(a => (a.Baseline, a.References, a.Seed, a.Hypothetical, a.SimplexCorrection, a.SummationErrorColumnName)),
            rebuilt.Select(a => (a.Baseline, a.References, a.Seed, a.Hypothetical, a.SimplexCorrection, a.SummationErrorColumnName)));
    }

    [Fact]
    public void Feature_map_options_that_do_not_fit_the_network_are_reported_with_the_file_and_entry()
    {
        string path = _directory.File("model.zip");
        chains.ML.Model.SaveCnn(chains.Transfer, chains.Schema, path);
        ReplaceEntry(path, "01-featureMaps.json", json => json.Replace("\"pool1\"", "\"pool9\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.LoadCnn(path, out _));

        Assert.Contains(path, error.Message);
        Assert.Contains("component 1 (featureMaps) cannot be rebuilt", error.Message);
        Assert.Contains("entry '01-featureMaps.json'", error.Message);
        Assert.Contains("no layer 'pool9'", error.Message);
    }

    [Fact]
    public void An_attribution_configuration_with_an_unknown_method_is_reported_with_the_entry()
    {
        string path = _directory.File("model.zip");
        chains.ML.Model.SaveCnn(chains.Attributions, chains.Schema, path);
        ReplaceEntry(path, "02-attribution.json", json => json.Replace("\"Saliency\"", "\"Telepathy\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.LoadCnn(path, out _));

        Assert.Contains(path, error.Message);
        Assert.Contains("component 2 (attribution) cannot be rebuilt", error.Message);
        Assert.Contains("entry '02-attribution.json'", error.Message);
    }

    [Fact]
    public void A_custom_transformer_in_the_transfer_chain_is_refused_by_position_and_type()
    {
        string path = _directory.File("model.zip");
        var members = chains.Transfer.ToList();
        var model = new TransformerChain<ITransformer>(members[0], members[1], new Doubler(), members[2]);

        var error = Assert.Throws<NotSupportedException>(() => chains.ML.Model.SaveCnn(model, chains.Schema, path));

        Assert.Contains("position 2", error.Message);
        Assert.Contains(typeof(Doubler).FullName!, error.Message);
        Assert.False(File.Exists(path));
    }

    // Replaces an entry and updates its length and checksum in the manifest, so only the content's own checks can object.
    private static void ReplaceEntry(string path, string name, Func<string, string> change)
    {
        string original = System.Text.Encoding.UTF8.GetString(ModelFileEditing.ReadEntry(path, name));
        string changed = change(original);
        Assert.NotEqual(original, changed);
        var bytes = System.Text.Encoding.UTF8.GetBytes(changed);
        ModelFileEditing.RewriteEntry(path, name, _ => bytes);
        ModelFileEditing.RewriteManifest(path, m =>
        {
            var entry = m["entries"]!.AsArray().Single(e => (string?)e!["name"] == name)!;
            entry["length"] = bytes.Length;
            entry["sha256"] = ModelArchiveWriter.Sha256Hex(bytes);
        });
    }

    public sealed class AttributionPrediction
    {
        public float Score { get; set; }
        public float[] Saliency { get; set; } = [];
        public float[] Mutagenesis { get; set; } = [];
        public float[] DeepShap { get; set; } = [];
        public float DeepShapError { get; set; }
    }

    private sealed class Doubler : ITransformer
    {
        public bool IsRowToRowMapper => false;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();
        public IDataView Transform(IDataView input) => input;
        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }
}
