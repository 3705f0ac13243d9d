namespace Cnn.MLNet.Genomics;

/// <summary>
/// A bigWig summary over some bases: a zoom-level record (one stretch of a chromosome) or the
/// file's total summary. Sums are over covered bases, so the mean is <c>Sum / ValidCount</c>.
/// </summary>
/// <param name="Start">First base (0-based) the record summarises; 0 for the total summary.</param>
/// <param name="End">End (exclusive) of the summarised stretch; 0 for the total summary.</param>
/// <param name="ValidCount">How many bases in the stretch carry a value.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Sum">The sum of the values, one per covered base.</param>
/// <param name="SumSquares">The sum of the squared values, for the standard deviation.</param>
public readonly record struct BigWigSummary(long Start, long End, long ValidCount, double Min, double Max, double Sum, double SumSquares);
