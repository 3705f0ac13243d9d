namespace Cnn.MLNet.Trainers;

/// <summary>
/// One target of a multi-task model, evaluated on the rows where its label is present (not NaN).
/// Binary targets get ML.NET's area under the ROC and precision–recall curves; regression targets
/// its RMSE and R². The others are NaN.
/// </summary>
/// <param name="Index">The target's position in the label and score vectors.</param>
/// <param name="Kind">Binary or regression.</param>
/// <param name="Rows">Rows with a label for this target.</param>
/// <param name="Positives">Rows labelled 1 (binary targets; 0 for regression).</param>
/// <param name="AreaUnderRocCurve">auROC (binary), else NaN; NaN also when only one class is present.</param>
/// <param name="AreaUnderPrecisionRecallCurve">auPRC (binary), else NaN.</param>
/// <param name="RootMeanSquaredError">RMSE (regression), else NaN.</param>
/// <param name="RSquared">R² (regression), else NaN.</param>
public sealed record TargetMetrics(int Index, TargetKind Kind, long Rows, long Positives,
    double AreaUnderRocCurve, double AreaUnderPrecisionRecallCurve, double RootMeanSquaredError, double RSquared);
