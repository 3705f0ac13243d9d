namespace Cnn.MLNet.Genomics;

/// <summary>The result of <see cref="GcMatchedBackground.Sample"/>.</summary>
/// <param name="Intervals">The background intervals, in the order they were drawn.</param>
/// <param name="Report">Per-bin counts and mean GC, positives against background.</param>
public sealed record GcMatchedSample(IReadOnlyList<BackgroundInterval> Intervals, GcMatchReport Report);
