namespace Cnn.MLNet.Genomics;

/// <summary>
/// One fold of a chromosome cross-validation (<see cref="ChromosomeFolds"/>): its model is tested on
/// <paramref name="Test"/>, stops early on <paramref name="Validation"/> and trains on every other chromosome.
/// </summary>
/// <param name="Index">The fold's number, 0-based.</param>
/// <param name="Test">The held-out chromosomes (at least one).</param>
/// <param name="Validation">The early-stopping chromosomes; empty for none.</param>
public sealed record ChromosomeFold(int Index, IReadOnlyList<string> Test, IReadOnlyList<string> Validation);
