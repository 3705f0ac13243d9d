using System.Text.Json.Serialization;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The model-file component of a <see cref="FeatureMapTransformer"/> (kind <c>featureMaps</c>):
/// its options as JSON (role <c>config</c>: layer, pooling, output column) and its CNN as the
/// <c>cnn</c> component stores one (roles <c>cnnConfig</c> and <c>weights</c>; the CNN
/// configuration's feature column and batch size are the transformer's input column and batch size).
/// </summary>
internal static class FeatureMapCodec
{
    public const string Kind = "featureMaps";
    public const int ComponentVersion = 1;

    public static ComponentLoader Loader { get; } = ComponentLoader.Fixed(Kind, ComponentVersion,
        [ComponentRoles.Config, ComponentRoles.CnnConfig, ComponentRoles.Weights], Load);

    public static void Save(FeatureMapTransformer transformer, IComponentWriter writer) =>
        CnnComponentCodec.SaveOverNetwork(new Saved(transformer.Layer, transformer.Pooling, transformer.OutputColumnName),
            transformer.Model, transformer.InputColumnName, transformer.BatchSize, writer);

    /// <exception cref="FormatException">The options are malformed or do not fit the saved network, or the network is invalid (the message names the entry).</exception>
    private static FeatureMapTransformer Load(IComponentReader reader) =>
        CnnComponentCodec.LoadOverNetwork<Saved, FeatureMapTransformer>(reader, "feature-map",
            saved => string.IsNullOrWhiteSpace(saved.Layer) || string.IsNullOrWhiteSpace(saved.OutputColumnName) ? "an empty layer or column name" : null,
            (saved, cnn) => new FeatureMapTransformer(cnn.Model, saved.Layer, saved.Pooling, saved.OutputColumnName, cnn.FeatureColumnName, cnn.ScoringBatchSize));

    private sealed record Saved(
        [property: JsonRequired] string Layer,
        [property: JsonRequired] FeatureMapPooling Pooling,
        [property: JsonRequired] string OutputColumnName);
}
