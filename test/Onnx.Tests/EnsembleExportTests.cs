using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Onnx.Tests.Support;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Cnn.MLNet.Onnx.Tests;

/// <summary>
/// An ensemble exported as one graph scores like the ML.NET ensemble under ONNX Runtime: members
/// with different networks and different encodings (30- and 26-base windows), each encoding the
/// characters itself.
/// </summary>
public sealed class EnsembleExportTests
{
    private static readonly List<MotifData.Row> TrainRows = MotifData.Generate(240, seed: 1, 30);
    private static readonly List<MotifData.Row> TestRows = MotifData.Generate(40, seed: 2, 30);
    private static readonly CnnOnnxExportOptions CharacterInput = new() { Input = OnnxInputKind.CharacterKeys, UnknownCharacters = UnknownCharacterPolicy.Zeros };

    private static CnnEnsemble Train(MLContext ml, IDataView data, CnnTaskKind task, int secondLength = 26)
    {
        SequenceTrainingSettings Settings(int length, NetworkSpec network, int seed) => new()
        {
            Task = task,
            Length = length,
            Training = { Network = network, Epochs = 2, BatchSize = 32, Seed = seed, EarlyStoppingPatience = null },
        };
        ITransformer[] members =
        [
            SequenceModels.Train(ml, data, null, Settings(30, NetworkPresets.Zou2019(), 1)),
            SequenceModels.Train(ml, data, null, Settings(secondLength, NetworkPresets.DeepBind(), 2)),
        ];
        return ml.Model.CreateCnnEnsemble(members, data.Schema);
    }

    private static byte[] Export(CnnEnsemble ensemble, CnnOnnxExportOptions options) =>
        CnnOnnx.EnsembleToBytes(ensemble.MemberNetworks.Select(n => n.Model).ToArray(), options);

    [Fact]
    public void Binary_ensemble_graph_matches_the_MLNet_ensemble_row_by_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TrainRows.Select(r => new BinaryRow { Sequence = r.Sequence, Label = r.Label }));
        var ensemble = Train(ml, data, CnnTaskKind.BinaryClassification);
        var test = ml.Data.LoadFromEnumerable(TestRows.Select(r => new BinaryRow { Sequence = r.Sequence, Label = r.Label }));
        var scored = ensemble.Transform(test);
        var score = scored.GetColumn<float>("Score").ToArray();
        var probability = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();

        var bytes = Export(ensemble, CharacterInput);
        using var session = new InferenceSession(bytes);
        Assert.Equal(["PredictedLabel", "Probability", "Score", "UnknownCharacters"], session.OutputMetadata.Keys.Order());
        for (int i = 0; i < TestRows.Count; i++)
        {
            var outputs = Run(session, TestRows[i].Sequence);
            Assert.Equal(score[i], outputs["Score"].AsTensor<float>()[0, 0], 1e-4f);
            Assert.Equal(probability[i], outputs["Probability"].AsTensor<float>()[0, 0], 1e-5f);
            Assert.Equal(predicted[i], outputs["PredictedLabel"].AsTensor<bool>()[0, 0]);
            Assert.Equal(0f, outputs["UnknownCharacters"].AsTensor<float>()[0, 0]);
        }

        // One graph, members side by side under their own prefixes.
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.Contains(graph.Initializer, i => i.Name.StartsWith("m0_", StringComparison.Ordinal));
        Assert.Contains(graph.Initializer, i => i.Name.StartsWith("m1_", StringComparison.Ordinal));
        Assert.Equal(graph.Node.Count, graph.Node.Select(n => n.Name).Distinct().Count());
        Assert.Equal("Tokens", Assert.Single(graph.Input).Name);
    }

    [Fact]
    public void Multiclass_ensemble_graph_matches_the_MLNet_ensemble_row_by_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TrainRows.Select(r => new ClassRow { Sequence = r.Sequence, Label = r.Class }));
        var ensemble = Train(ml, data, CnnTaskKind.MulticlassClassification);
        var test = ml.Data.LoadFromEnumerable(TestRows.Select(r => new ClassRow { Sequence = r.Sequence, Label = r.Class }));
        var scored = ensemble.Transform(test);
        var score = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();

        using var session = new InferenceSession(Export(ensemble, CharacterInput));
        for (int i = 0; i < TestRows.Count; i++)
        {
            var outputs = Run(session, TestRows[i].Sequence);
            var graphScore = outputs["Score"].AsTensor<float>().ToArray();
            Assert.Equal(score[i].Length, graphScore.Length);
            for (int k = 0; k < graphScore.Length; k++) Assert.Equal(score[i][k], graphScore[k], 1e-5f);
            // ML.NET's key is 1-based; the graph gives the 0-based class index, as for a single model.
            Assert.Equal(predicted[i] - 1, (uint)outputs["PredictedLabel"].AsTensor<long>()[0, 0]);
        }
    }

    [Fact]
    public void Regression_ensemble_of_members_with_one_encoding_exports_with_a_features_input()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TrainRows.Select(r => new CountRow { Sequence = r.Sequence, Label = r.Count }));
        var ensemble = Train(ml, data, CnnTaskKind.Regression, secondLength: 30);
        var test = ml.Data.LoadFromEnumerable(TestRows.Select(r => new CountRow { Sequence = r.Sequence, Label = r.Count }));
        var expected = ensemble.Transform(test).GetColumn<float>("Score").ToArray();
        var features = ensemble.Members[0].Transform(test).GetColumn<VBuffer<float>>("Features").SelectMany(v => v.DenseValues()).ToArray();

        using var session = new InferenceSession(Export(ensemble, new CnnOnnxExportOptions()));
        using var input = OrtValue.CreateTensorValueFromMemory(features, [TestRows.Count, features.Length / TestRows.Count]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, new Dictionary<string, OrtValue> { ["Features"] = input }, ["Score"]);
        var actual = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
    }

    [Fact]
    public void Members_with_different_encodings_cannot_share_a_features_input()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TrainRows.Take(64).Select(r => new CountRow { Sequence = r.Sequence, Label = r.Count }));
        var ensemble = Train(ml, data, CnnTaskKind.Regression);
        var error = Assert.Throws<NotSupportedException>(() => Export(ensemble, new CnnOnnxExportOptions()));
        Assert.Contains("members take different feature vectors", error.Message);
        Assert.Contains("OnnxInputKind.CharacterKeys", error.Message);
        var single = Assert.Throws<ArgumentException>(() => CnnOnnx.EnsembleToBytes([ensemble.MemberNetworks[0].Model], CharacterInput));
        Assert.Contains("at least 2 members; 1 given", single.Message);
    }

    private static Dictionary<string, DisposableNamedOnnxValue> Run(InferenceSession session, string sequence)
    {
        var tokens = EncodingGraphs.Tokens(sequence, markers: true);
        var tensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<ushort>(tokens, [1, tokens.Length]);
        return session.Run([NamedOnnxValue.CreateFromTensor("Tokens", tensor)]).ToDictionary(r => r.Name, r => r);
    }

    private sealed class BinaryRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }

    private sealed class ClassRow
    {
        public string Sequence { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class CountRow
    {
        public string Sequence { get; set; } = "";
        public float Label { get; set; }
    }
}
