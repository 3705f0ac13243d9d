namespace Cnn.MLNet.Trainers.Tests;

/// <summary>
/// Tests that seed or draw from TorchSharp's process-wide random generator join this collection so
/// xunit never runs them in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "TorchSharp global state";
}
