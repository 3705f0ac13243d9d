namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>The variant-effect test classes share one trained model (training it once keeps them fast); the assembly runs test classes one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class VariantModelCollection : ICollectionFixture<VariantModelFixture>
{
    public const string Name = "Variant model";
}
