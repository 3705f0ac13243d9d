namespace Cnn.MLNet.Genomics;

/// <summary>One row of an interval view: the window's place and its label values (only the one for the label source is set).</summary>
internal readonly record struct IntervalWindow(string Chromosome, long Start, bool Boolean, float Single, string? Text, float[]? Tasks);
