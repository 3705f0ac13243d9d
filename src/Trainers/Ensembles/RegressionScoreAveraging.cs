using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>Regression members: Score = the mean of the members' scores (summed in double, rounded once).</summary>
internal sealed class RegressionScoreAveraging : ScoreAveraging
{
    public override CnnTaskKind Task => CnnTaskKind.Regression;

    public override IReadOnlyList<string> MemberColumns { get; } = ["Score"];

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } = [new("Score", NumberDataViewType.Single)];

    public override Delegate?[] CreateGetters(IReadOnlyList<DataViewRow> members, IReadOnlyList<bool> active)
    {
        var scores = MemberGetters<float>(members, "Score");
        float member = 0;
        return
        [
            active[0] ? (ValueGetter<float>)((ref float value) =>
            {
                double sum = 0;
                foreach (var getter in scores)
                {
                    getter(ref member);
                    sum += member;
                }
                value = (float)(sum / scores.Length);
            }) : null,
        ];
    }
}
