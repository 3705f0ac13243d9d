using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Regression with a CNN: Single label, mean squared error; outputs Score, as
/// <c>ml.Regression.Evaluate</c> expects. Create it with <c>ml.Regression.Trainers.Cnn(options)</c>.
/// </summary>
public sealed class CnnRegressionTrainer : CnnTrainerBase<CnnRegressionTrainer.Options>
{
    /// <summary>Options for <see cref="CnnRegressionTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions;

    internal CnnRegressionTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override CnnTask CreateTask(DataViewSchema.Column label) => new RegressionTask();

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType != NumberDataViewType.Single) throw WrongLabel(label, "a Single");
        return [SingleColumn("Score")];
    }
}
