namespace Cnn.MLNet.Trainers;

/// <summary>
/// One track of a profile model, with its baselines beside it. Count metrics use every row; profile
/// metrics (JSD, NLL) use the rows whose observed total is above 0 (<paramref name="ProfileRows"/>),
/// where the observed profile is defined. Logarithms are natural except in the JSD (base 2).
/// </summary>
/// <param name="Track">The track's index.</param>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="ProfileRows">Rows with an observed total above 0: those behind the JSD and NLL values.</param>
/// <param name="CountPearson">Pearson's r between observed ln(total + 1) and the predicted log count; NaN when either side is constant.</param>
/// <param name="CountSpearman">Spearman's ρ between the same (tied values share their average rank); NaN when either side is constant.</param>
/// <param name="ProfileJsd">Mean Jensen–Shannon distance (√ of the base-2 divergence, in [0, 1]) between the observed normalised profile and the predicted probabilities; lower is better. NaN when no row has counts.</param>
/// <param name="ProfileNll">Mean multinomial negative log-likelihood (nats) of the observed counts under the predicted probabilities, coefficient ln(N!/Πkᵢ!) included so it is a true NLL (BPNet's training loss drops that model-independent term); lower is better. +∞ when a position with reads is given probability 0.</param>
/// <param name="ProfileNllPerCount">The same NLL summed over rows and divided by the rows' total counts: nats per read, comparable across depths.</param>
/// <param name="PeakAuprc">Average precision (sklearn's <c>average_precision_score</c>) of the predicted log count as a score for peak vs background; null without peak labels or with one class only.</param>
/// <param name="AverageProfileJsd">Baseline: <paramref name="ProfileJsd"/> when every row is predicted the average profile.</param>
/// <param name="AverageProfileNll">Baseline: <paramref name="ProfileNll"/> when every row is predicted the average profile.</param>
/// <param name="ShuffledJsd">Baseline: <paramref name="ProfileJsd"/> with each observed profile paired with another row's predicted profile (a seeded permutation).</param>
/// <param name="ShuffledCountPearson">Baseline: <paramref name="CountPearson"/> with the predicted log counts permuted the same way.</param>
public sealed record ProfileTrackMetrics(
    int Track, int Rows, int ProfileRows,
    double CountPearson, double CountSpearman,
    double ProfileJsd, double ProfileNll, double ProfileNllPerCount,
    double? PeakAuprc,
    double AverageProfileJsd, double AverageProfileNll,
    double ShuffledJsd, double ShuffledCountPearson);
