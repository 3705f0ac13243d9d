using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Refuses folds that no trial could be scored on, before any training: ML.NET's splits are not
/// stratified, so on small or skewed data a binary validation part can hold one label (AUC is then
/// undefined and ML.NET's evaluator throws) or a multiclass one a class its training part lacks.
/// </summary>
internal static class SweepFoldCheck
{
    /// <exception cref="ArgumentException">A fold cannot be scored; the message names it, the part and the labels.</exception>
    public static void Require(IReadOnlyList<(IDataView Train, IDataView Validation)> folds, CnnTaskKind task)
    {
        if (task is not (CnnTaskKind.BinaryClassification or CnnTaskKind.MulticlassClassification)) return;
        for (int f = 0; f < folds.Count; f++)
        {
            string fold = folds.Count > 1 ? $"Cross-validation fold {f + 1} of {folds.Count}" : "The validation split";
            var train = Labels(folds[f].Train);
            var validation = Labels(folds[f].Validation);
            if (train == null || validation == null) return; // a label type the trainer will judge itself
            if (task == CnnTaskKind.BinaryClassification)
            {
                foreach (var (part, labels) in new[] { ("training", train), ("validation", validation) })
                    if (labels.Count < 2)
                        throw new ArgumentException($"{fold}'s {part} part has only {(labels.Count == 0 ? "no rows" : $"'{labels.First()}' labels")}, so a binary model cannot be "
                            + "trained or scored there: use more data, fewer folds (Folds) or a larger ValidationFraction.");
                continue;
            }
            if (train.Count < 2)
                throw new ArgumentException($"{fold}'s training part has {train.Count} class(es), fewer than the 2 a multiclass model needs: use more data or fewer folds.");
            var unseen = validation.Except(train).Order(StringComparer.Ordinal).ToList();
            if (unseen.Count > 0)
                throw new ArgumentException($"{fold}'s validation part has the class(es) {string.Join(", ", unseen.Select(c => $"'{c}'"))} that its training part lacks, "
                    + "so no trial could be scored on it: use more data or fewer folds, or remove classes with very few rows.");
        }
    }

    private static HashSet<string>? Labels(IDataView data) =>
        SweepLabels.Count(data) is { } counts ? new HashSet<string>(counts.Keys, StringComparer.Ordinal) : null;
}
