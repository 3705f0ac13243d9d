using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>Regression: one output, mean squared error; Score = the output.</summary>
internal sealed class RegressionTask : CnnTask
{
    public override CnnTaskKind Kind => CnnTaskKind.Regression;
    public override int Outputs => 1;

    public override void CheckLabelType(DataViewSchema.Column label)
    {
        if (label.Type != NumberDataViewType.Single) throw WrongLabelType(label, "Single (float)");
    }

    public override LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        var id = row.GetIdGetter();
        float value = 0;
        return destination =>
        {
            getter(ref value);
            if (!float.IsFinite(value)) throw LabelErrors.NotFinite(label, id, value);
            destination[0] = value;
        };
    }

    public override Tensor Loss(Tensor outputs, Tensor labels) => nn.functional.mse_loss(outputs, labels);

    public override (string Name, bool HigherIsBetter) Metric => ("rmse", false);

    public override double ComputeMetric(Tensor outputs, Tensor labels)
    {
        using var mse = nn.functional.mse_loss(outputs, labels);
        return Math.Sqrt(mse.item<float>());
    }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } = [new("Score", NumberDataViewType.Single)];

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active) =>
        [active[0] ? ScalarGetter(current, o => o[0]) : null];
}
