using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>
/// Known answers from networks whose outputs are linear in the input: one convolution as wide as
/// the sequence, no activation, no head, so output k = Σ_f O[k,f]·(Σ_c,p W[f,c,p]·x[c,p] + b[f]) + o[k].
/// </summary>
[Collection(TorchGlobalState.Name)]
public class LinearModelAttributionTests
{
    private const int Length = 10;

    public sealed class Result
    {
        public float[] Features { get; set; } = [];
        public float[] Attribution { get; set; } = [];
    }

    /// <summary>W[f, c, p]: distinct, non-round values.</summary>
    private static float Weight(int f, int c, int p) => MathF.Round(MathF.Sin(1.7f * f + 2.3f * c + 0.9f * p + 0.3f), 4);

    /// <summary>A linear network with <paramref name="filters"/> filters; output layer = <paramref name="outputWeights"/> (outputs × filters).</summary>
    private static CnnPredictionTransformer Linear(CnnTask task, int filters, float[,] outputWeights, InputShape input)
    {
        var spec = new NetworkSpec { Name = "Linear", Trunk = [new ConvBlockSpec { Filters = filters, KernelSize = Length, Activation = Activation.None }] };
        var network = new CnnNetwork(spec, input.Channels, Length, task.Outputs);
        var conv = new float[filters * input.Channels * Length];
        for (int f = 0; f < filters; f++)
            for (int c = 0; c < input.Channels; c++)
                for (int p = 0; p < Length; p++)
                    conv[(f * input.Channels + c) * Length + p] = Weight(f, c, p);
        var output = new float[task.Outputs * filters];
        for (int k = 0; k < task.Outputs; k++)
            for (int f = 0; f < filters; f++)
                output[k * filters + f] = outputWeights[k, f];
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (torch.no_grad())
        {
            Set(parameters, "conv1.weight", conv);
            Set(parameters, "conv1.bias", Enumerable.Range(0, filters).Select(f => 0.1f * f - 0.2f).ToArray());
            Set(parameters, "output.weight", output);
            Set(parameters, "output.bias", Enumerable.Range(0, task.Outputs).Select(k => 0.05f * k + 0.3f).ToArray());
        }
        return new CnnPredictionTransformer(new CnnModel(network, task, input, CPU, []), "Features", scoringBatchSize: 4);
    }

    private static void Set(Dictionary<string, TorchSharp.Modules.Parameter> parameters, string suffix, float[] values)
    {
        var parameter = parameters.Single(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
        using var source = torch.tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }

    private static IDataView Encode(MLContext ml, IEnumerable<string> sequences, SequenceAlphabet alphabet = SequenceAlphabet.Dna) =>
        AttributionTestData.Encode(ml, sequences, Length, alphabet);

    private static List<string> RandomSequences(int count, int seed) => AttributionTestData.RandomSequences(count, seed, Length);

    private static InputShape DnaShape(IDataView encoded) => InputShape.FromColumn(encoded.Schema["Features"], null);

    private static List<Result> Attribute(MLContext ml, CnnPredictionTransformer model, IDataView encoded, AttributionMethod method,
        AttributionShape shape = AttributionShape.PerBase, int? target = null) =>
        ml.Data.CreateEnumerable<Result>(ml.Transforms.ComputeAttributions(model, method, shape, target).Fit(encoded).Transform(encoded), false).ToList();

    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5, $"{what}: expected {expected}, got {actual}");

    [Fact]
    public void Mutagenesis_of_a_linear_model_is_the_weight_difference()
    {
        var ml = new MLContext(seed: 1);
        // Random one-hot sequences plus one with an ambiguous base (N = ¼ each) and one with R (½ A + ½ G).
        var sequences = RandomSequences(9, seed: 3);
        sequences.Add("ACGTNACGTR");
        var encoded = Encode(ml, sequences);
        const float outWeight = 1.5f;
        var model = Linear(new BinaryClassificationTask(1), 1, new float[,] { { outWeight } }, DnaShape(encoded));

        var ism = Attribute(ml, model, encoded, AttributionMethod.InSilicoMutagenesis);

        Assert.Equal(sequences.Count, ism.Count);
        foreach (var row in ism)
        {
            var x = row.Features;
            Assert.Equal(4 * Length, row.Attribution.Length);
            for (int p = 0; p < Length; p++)
            {
                double reference = 0; // Σ_c W[c,p]·x[c,p], the current column's contribution
                for (int c = 0; c < 4; c++) reference += Weight(0, c, p) * x[c * Length + p];
                for (int b = 0; b < 4; b++)
                {
                    bool isReference = x[b * Length + p] == 1;
                    double expected = isReference ? 0 : outWeight * (Weight(0, b, p) - reference);
                    Near(expected, row.Attribution[b * Length + p], $"ISM base {b} position {p} of {sequences[ism.IndexOf(row)]}");
                }
            }
        }
    }

    [Fact]
    public void PerPosition_is_the_sum_over_channels_of_PerBase()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(6, seed: 4));
        var model = Linear(new RegressionTask(), 1, new float[,] { { -0.7f } }, DnaShape(encoded));
        foreach (var method in new[] { AttributionMethod.Saliency, AttributionMethod.InSilicoMutagenesis, AttributionMethod.DeepLift })
        {
            var perBase = Attribute(ml, model, encoded, method);
            var perPosition = Attribute(ml, model, encoded, method, AttributionShape.PerPosition);
            for (int r = 0; r < perBase.Count; r++)
            {
                Assert.Equal(Length, perPosition[r].Attribution.Length);
                for (int p = 0; p < Length; p++)
                    Near(Enumerable.Range(0, 4).Sum(c => (double)perBase[r].Attribution[c * Length + p]), perPosition[r].Attribution[p], $"{method} position {p}");
            }
        }
    }

    [Fact]
    public void Multiclass_attributions_explain_each_rows_predicted_class_by_default()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(24, seed: 5));
        var identity = new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        var model = Linear(new MulticlassClassificationTask(3, ["x", "y", "z"], null), 3, identity, DnaShape(encoded));
        var rows = ml.Data.CreateEnumerable<Result>(encoded, false, ignoreMissingColumns: true).ToList();
        var predicted = rows.Select(r =>
        {
            var outputs = new float[3];
            model.Model.Forward(r.Features, 1, outputs);
            return Array.IndexOf(outputs, outputs.Max());
        }).ToList();
        Assert.True(predicted.Distinct().Count() >= 2, "the test needs rows predicted as different classes");

        foreach (var method in new[] { AttributionMethod.Saliency, AttributionMethod.InSilicoMutagenesis, AttributionMethod.DeepLift })
        {
            var byDefault = Attribute(ml, model, encoded, method);
            var perClass = Enumerable.Range(0, 3).Select(k => Attribute(ml, model, encoded, method, target: k)).ToList();
            for (int r = 0; r < rows.Count; r++)
            {
                Assert.Equal(perClass[predicted[r]][r].Attribution, byDefault[r].Attribution);
                for (int c = 0; c < 4; c++) // saliency of class k = (W[k,c,p] − mean_c W[k,c,p])·x: the predicted class's filter
                    for (int p = 0; p < Length; p++)
                        if (method == AttributionMethod.Saliency)
                            Near((Weight(predicted[r], c, p) - Enumerable.Range(0, 4).Average(b => Weight(predicted[r], b, p))) * rows[r].Features[c * Length + p],
                                byDefault[r].Attribution[c * Length + p], "multiclass saliency");
            }
        }
    }

    [Fact]
    public void A_target_output_out_of_range_is_an_error_naming_the_range()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(2, seed: 6));
        var binary = Linear(new BinaryClassificationTask(1), 1, new float[,] { { 1 } }, DnaShape(encoded));
        var multiclass = Linear(new MulticlassClassificationTask(3, null, null), 3, new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, DnaShape(encoded));
        var multiTask = Linear(new MultiTaskTask([TargetKind.Binary, TargetKind.Regression]), 1, new float[,] { { 1 }, { 2 } }, DnaShape(encoded));

        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(binary, targetOutput: 1));
        Assert.Equal("targetOutput", error.ParamName);
        Assert.Contains("[0, 0]", error.Message);
        Assert.Contains("[0, 2]", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(multiclass, targetOutput: 3)).Message);
        Assert.Contains("[0, 2]", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(multiclass, AttributionMethod.InSilicoMutagenesis, targetOutput: -1)).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(multiTask)).Message); // several targets: say which

        var second = Attribute(ml, multiTask, encoded, AttributionMethod.InSilicoMutagenesis, target: 1);
        var x = second[0].Features;
        for (int p = 0; p < Length; p++)
        {
            int reference = Enumerable.Range(0, 4).Single(c => x[c * Length + p] == 1);
            for (int b = 0; b < 4; b++) Near(2 * (Weight(0, b, p) - Weight(0, reference, p)), second[0].Attribution[b * Length + p], "multi-task target 1");
        }
    }

    [Fact]
    public void Mutagenesis_needs_a_DNA_or_RNA_model()
    {
        var ml = new MLContext(seed: 1);
        var protein = Encode(ml, ["ACDEFGHIKL", "MNPQRSTVWY"], SequenceAlphabet.Protein);
        var proteinModel = Linear(new RegressionTask(), 1, new float[,] { { 1 } }, DnaShape(protein));
        var plainModel = Linear(new RegressionTask(), 1, new float[,] { { 1 } }, new InputShape(4, Length, null));

        Assert.Contains("Protein", Assert.Throws<NotSupportedException>(() => ml.Transforms.ComputeAttributions(proteinModel, AttributionMethod.InSilicoMutagenesis)).Message);
        Assert.Contains("plain vector", Assert.Throws<NotSupportedException>(() => ml.Transforms.ComputeAttributions(plainModel, AttributionMethod.InSilicoMutagenesis)).Message);
        Assert.Equal(20 * Length, Attribute(ml, proteinModel, protein, AttributionMethod.Saliency)[0].Attribution.Length); // saliency works for any input

        var rna = Encode(ml, ["ACGUACGUAC"], SequenceAlphabet.Rna);
        var rnaModel = Linear(new RegressionTask(), 1, new float[,] { { 1 } }, DnaShape(rna));
        Assert.Equal(4 * Length, Attribute(ml, rnaModel, rna, AttributionMethod.InSilicoMutagenesis)[0].Attribution.Length);
    }

    [Fact]
    public void Saliency_of_a_linear_model_is_the_simplex_corrected_weight_times_the_input()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(9, seed: 3));
        const float outWeight = 1.5f;
        var model = Linear(new BinaryClassificationTask(1), 1, new float[,] { { outWeight } }, DnaShape(encoded));
        foreach (var row in Attribute(ml, model, encoded, AttributionMethod.Saliency))
            for (int i = 0; i < row.Features.Length; i++)
            {
                double mean = Enumerable.Range(0, 4).Average(c => Weight(0, c, i % Length));
                Near(outWeight * (Weight(0, i / Length, i % Length) - mean) * row.Features[i], row.Attribution[i], $"saliency at {i}");
            }
    }
}
