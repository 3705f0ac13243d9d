namespace Cnn.MLNet.Genomics;

/// <summary>One GC bin of a <see cref="GcMatchReport"/>: [Low, High) of GC fraction (the last bin includes 1).</summary>
/// <param name="Index">0-based bin number.</param>
/// <param name="Low">Lowest GC fraction in the bin.</param>
/// <param name="High">GC fraction where the next bin starts.</param>
/// <param name="Positives">Positives whose centred window falls in the bin.</param>
/// <param name="Quota">Background intervals requested for the bin (the positives' count scaled to the requested total).</param>
/// <param name="Background">Background intervals sampled in the bin.</param>
public sealed record GcBin(int Index, double Low, double High, int Positives, int Quota, int Background);
