namespace Cnn.MLNet.Genomics.Tests;

/// <summary>Tests that train networks (and so seed TorchSharp's global generators) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp (genomics)";
}
