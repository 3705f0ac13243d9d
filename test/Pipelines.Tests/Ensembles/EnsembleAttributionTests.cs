using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>Fold-averaged attributions: an ensemble's attributions are the mean of its members' own, with the same references.</summary>
[Collection(TorchCollection.Name)]
public sealed class EnsembleAttributionTests(EnsembleMembers members) : IClassFixture<EnsembleMembers>
{
    public sealed class Output
    {
        [VectorType(4 * EnsembleMembers.Length)] public float[] Attribution { get; set; } = [];
        public float AttributionError { get; set; }
    }

    [Fact]
    public void Ensemble_attributions_are_the_mean_of_the_members_and_sum_to_the_mean_delta()
    {
        var ml = new MLContext(seed: 1);
        var train = EnsembleMembers.BinaryData(ml, EnsembleMembers.TrainRows);
        // Two folds of one design: same encoding, different seeds, as chromosome-fold models are.
        var folds = new[] { 11, 12 }.Select(seed => SequenceModels.Train(ml, train, null, EnsembleMembers.Settings(CnnTaskKind.BinaryClassification, EnsembleMembers.Length, NetworkPresets.Zou2019(), seed))).ToArray();
        var test = EnsembleMembers.BinaryData(ml, EnsembleMembers.TestRows.Take(12));
        var ensemble = ml.Model.CreateCnnEnsemble(folds, test.Schema);
        var options = new AttributionOptions { Method = AttributionMethod.DeepLift, References = 4 };

        var encoded = CnnChain.Split(folds[0]).Before.Aggregate(test, (data, stage) => stage.Transform(data));
        var averaged = Rows(ml, ml.Transforms.ComputeAttributions(ensemble, options).Fit(encoded).Transform(encoded));
        var perMember = ensemble.MemberNetworks.Select(cnn => Rows(ml, ml.Transforms.ComputeAttributions(cnn, options).Fit(encoded).Transform(encoded))).ToList();

        Assert.NotEqual(perMember[0][0].Attribution, perMember[1][0].Attribution);
        for (int r = 0; r < averaged.Count; r++)
        {
            for (int i = 0; i < averaged[r].Attribution.Length; i++)
                Assert.Equal((perMember[0][r].Attribution[i] + perMember[1][r].Attribution[i]) / 2, averaged[r].Attribution[i], 5);
            Assert.True(averaged[r].AttributionError <= 1e-3, $"row {r}: summation error {averaged[r].AttributionError}");
        }
    }

    [Fact]
    public void Members_that_read_different_inputs_are_refused()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.BinaryData(ml, EnsembleMembers.TestRows);
        var ensemble = ml.Model.CreateCnnEnsemble(members.Binary, test.Schema); // 30-bp and 26-bp members
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(ensemble, new AttributionOptions { Method = AttributionMethod.DeepLift }));
        Assert.Contains("different", error.Message);
    }

    private static List<Output> Rows(MLContext ml, IDataView data) => ml.Data.CreateEnumerable<Output>(data, false, ignoreMissingColumns: true).ToList();
}
