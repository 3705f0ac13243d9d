using System.Text.Json;
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

    public static void Save(FeatureMapTransformer transformer, IComponentWriter writer)
    {
        var options = new Saved(transformer.Layer, transformer.Pooling, transformer.OutputColumnName);
        writer.Add(ComponentRoles.Config, "json", JsonSerializer.SerializeToUtf8Bytes(options, StrictJson.Indented), compress: true);
        CnnComponentCodec.SaveNetwork(transformer.Model, transformer.InputColumnName, transformer.BatchSize, writer);
    }

    /// <exception cref="FormatException">The options are malformed or do not fit the saved network, or the network is invalid (the message names the entry).</exception>
    private static FeatureMapTransformer Load(IComponentReader reader)
    {
        var options = reader.Decode(ComponentRoles.Config, content =>
        {
            Saved? saved;
            try { saved = JsonSerializer.Deserialize<Saved>(content, StrictJson.Indented); }
            catch (JsonException e) { throw new FormatException($"Not a valid feature-map configuration: {e.Message}", e); }
            if (saved == null) throw new FormatException("The feature-map configuration is empty (null).");
            if (string.IsNullOrWhiteSpace(saved.Layer) || string.IsNullOrWhiteSpace(saved.OutputColumnName))
                throw new FormatException("The feature-map configuration has an empty layer or column name.");
            return saved;
        });
        var cnn = CnnComponentCodec.LoadNetwork(reader, ComponentRoles.CnnConfig);
        try
        {
            return reader.Decode(ComponentRoles.Config, _ =>
            {
                try { return new FeatureMapTransformer(cnn.Model, options.Layer, options.Pooling, options.OutputColumnName, cnn.FeatureColumnName, cnn.ScoringBatchSize); }
                catch (ArgumentException e) { throw new FormatException($"The feature-map options do not fit the saved network: {e.Message}", e); }
            });
        }
        catch
        {
            cnn.Model.Dispose();
            throw;
        }
    }

    private sealed record Saved(
        [property: JsonRequired] string Layer,
        [property: JsonRequired] FeatureMapPooling Pooling,
        [property: JsonRequired] string OutputColumnName);
}
