using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Multiclass members (same classes in the same order): Score = the mean of the members' class
/// probability vectors; PredictedLabel = the key of its largest entry (the first on ties), carrying
/// the class names as KeyValues like a single model's, so <c>MapKeyToValue</c> and the evaluator work.
/// </summary>
internal sealed class MulticlassScoreAveraging : ScoreAveraging
{
    private readonly int _classes;

    public MulticlassScoreAveraging(IReadOnlyList<string> classNames)
    {
        _classes = classNames.Count;
        var names = new VBuffer<ReadOnlyMemory<char>>(_classes, classNames.Select(n => n.AsMemory()).ToArray());
        var annotations = new DataViewSchema.Annotations.Builder();
        // "KeyValues" is ML.NET's AnnotationUtils.Kinds.KeyValues (its typed helper is internal), as in the network's own column.
        // (Internalised in https://github.com/dotnet/machinelearning/pull/2651; no upstream report found as of 2026-12 asking to make it public.)
        annotations.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, _classes),
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        OutputColumns =
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, _classes)),
            new("PredictedLabel", new KeyDataViewType(typeof(uint), _classes), annotations.ToAnnotations()),
        ];
    }

    public override CnnTaskKind Task => CnnTaskKind.MulticlassClassification;

    public override IReadOnlyList<string> MemberColumns { get; } = ["Score"];

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public override Delegate?[] CreateGetters(IReadOnlyList<DataViewRow> members, IReadOnlyList<bool> active)
    {
        var scores = MemberGetters<VBuffer<float>>(members, "Score");
        var member = new VBuffer<float>();
        var sums = new double[_classes];
        var mean = new float[_classes];
        void Average()
        {
            Array.Clear(sums);
            foreach (var getter in scores)
            {
                getter(ref member);
                int k = 0;
                foreach (float p in member.DenseValues()) sums[k++] += p;
            }
            for (int k = 0; k < _classes; k++) mean[k] = (float)(sums[k] / scores.Length);
        }
        return
        [
            active[0] ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                Average();
                var editor = VBufferEditor.Create(ref value, _classes);
                mean.CopyTo(editor.Values);
                value = editor.Commit();
            }) : null,
            active[1] ? (ValueGetter<uint>)((ref uint value) =>
            {
                Average();
                int best = 0;
                for (int k = 1; k < _classes; k++) if (mean[k] > mean[best]) best = k;
                value = (uint)best + 1;
            }) : null,
        ];
    }
}
