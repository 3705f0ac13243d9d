using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>The parts of a <see cref="ChromosomeSplit"/>: whole chromosomes each, never shared between parts.</summary>
/// <param name="Train">The rows of every chromosome named neither for test nor for validation.</param>
/// <param name="Validation">The rows of the validation chromosomes; null when none were named.</param>
/// <param name="Test">The rows of the test chromosomes.</param>
/// <param name="Report">The rows and positives of each part.</param>
public sealed record ChromosomeSplitResult(IDataView Train, IDataView? Validation, IDataView Test, SplitReport Report);
