using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>Members that cannot be averaged are refused when the ensemble is made, with a message that names the member and the problem.</summary>
[Collection(TorchCollection.Name)]
public sealed class EnsembleRefusalTests(EnsembleMembers members) : IClassFixture<EnsembleMembers>
{
    private readonly MLContext _ml = new(seed: 1);

    private DataViewSchema BinarySchema => EnsembleMembers.BinaryData(_ml, EnsembleMembers.TestRows).Schema;

    private ArgumentException Refused(IEnumerable<ITransformer> given, DataViewSchema schema) =>
        Assert.ThrowsAny<ArgumentException>(() => _ml.Model.CreateCnnEnsemble(given, schema));

    [Fact]
    public void Fewer_than_two_members_are_refused()
    {
        Assert.Contains("at least 2 members; 1 given", Refused([members.Binary[0]], BinarySchema).Message);
        Assert.Contains("0 given", Refused([], BinarySchema).Message);
    }

    [Fact]
    public void Members_of_different_tasks_are_refused()
    {
        var error = Refused([members.Binary[0], members.Regression[0]], BinarySchema);
        Assert.Contains("member 1 is a regression model but member 0 is a binary model", error.Message);
    }

    [Fact]
    public void A_pipeline_without_a_network_is_refused()
    {
        var data = EnsembleMembers.BinaryData(_ml, EnsembleMembers.TestRows);
        var encoderOnly = _ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 30).Fit(data);
        var error = Refused([members.Binary[0], encoderOnly], data.Schema);
        Assert.Contains("member 1 is not a Cnn.MLNet model", error.Message);
        Assert.Contains("OneHotSequenceTransformer", error.Message);
    }

    [Fact]
    public void A_nested_ensemble_is_refused()
    {
        var inner = _ml.Model.CreateCnnEnsemble(members.Binary, BinarySchema);
        var error = Refused([members.Binary[0], inner], BinarySchema);
        Assert.Contains("member 1 is itself an ensemble (of 2 members)", error.Message);
    }

    [Fact]
    public void Members_that_do_not_accept_the_input_are_refused()
    {
        var schema = _ml.Data.LoadFromEnumerable(new[] { new OtherRow() }).Schema;
        var error = Refused(members.Binary, schema);
        Assert.Contains("member 0 does not accept the input", error.Message);
        Assert.Contains("Seq (String)", error.Message);
    }

    [Fact]
    public void Multiclass_members_with_different_class_orders_are_refused()
    {
        // The ready-made pipeline numbers classes in order of appearance: reversed rows give another order.
        var reversed = EnsembleMembers.ClassData(_ml, Enumerable.Reverse(EnsembleMembers.TrainRows).ToList());
        var other = SequenceModels.Train(_ml, reversed, null, EnsembleMembers.Settings(CnnTaskKind.MulticlassClassification, 30, NetworkPresets.Zou2019(), seed: 3));
        var schema = EnsembleMembers.ClassData(_ml, EnsembleMembers.TestRows).Schema;
        var error = Refused([members.Multiclass[0], other], schema);
        Assert.Contains("member 1 predicts the classes [", error.Message);
        Assert.Contains("same classes in the same order", error.Message);
    }

    [Fact]
    public void Members_that_add_different_columns_after_their_network_are_refused()
    {
        var schema = EnsembleMembers.ClassData(_ml, EnsembleMembers.TestRows).Schema;
        var withoutNames = new TransformerChain<ITransformer>(members.Multiclass[1].Take(2).ToArray()); // encoder and network only
        var error = Refused([members.Multiclass[0], withoutNames], schema);
        Assert.Contains("member 1 adds the columns [] after its network but member 0 adds [PredictedClass (String)]", error.Message);
    }

    [Fact]
    public void An_ensemble_is_not_a_single_network_for_tools_that_need_one()
    {
        var ensemble = _ml.Model.CreateCnnEnsemble(members.Binary, BinarySchema);
        var error = Assert.Throws<ArgumentException>(() => CnnChain.FindCnn(ensemble));
        Assert.Contains("averaged ensemble of 2 members", error.Message);
        Assert.Contains("Members[0] to [1]", error.Message);
        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(ensemble, BinarySchema, new MemoryStream()));
    }

    private sealed class OtherRow
    {
        public string Seq { get; set; } = "ACGT";
    }
}
