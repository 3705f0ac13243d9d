namespace Cnn.MLNet.Trainers;

/// <summary>Area under the precision–recall curve as average precision, defined as scikit-learn's <c>average_precision_score</c>.</summary>
internal static class AveragePrecision
{
    /// <summary>
    /// AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score thresholds, highest first: all rows sharing a
    /// score enter together (one step), and there is no interpolation between points, so the value
    /// matches sklearn's exactly, ties included. Null when only one class is present.
    /// </summary>
    public static double? Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        int positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Count) return null;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        int truePositives = 0, seen = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (int k = start; k <= end; k++)
                if (labels[order[k]]) truePositives++;
            seen = end + 1;
            double recall = (double)truePositives / positives;
            double precision = (double)truePositives / seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            start = end + 1;
        }
        return ap;
    }
}
