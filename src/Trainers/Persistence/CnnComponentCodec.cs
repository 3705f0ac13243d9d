using Cnn.MLNet.Transforms.MLNetInterop;
using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The model-file component of a <see cref="CnnPredictionTransformer"/> (kind <c>cnn</c>): two
/// entries, its configuration (JSON, role <c>config</c>) and its weights (role <c>weights</c>);
/// what they hold is the trainers' business (<see cref="CnnTransformerSerializer"/>). Components
/// that hold a CNN of their own (feature maps, attributions) store it the same way, with its
/// configuration under the role <c>cnnConfig</c> beside theirs.
/// </summary>
internal static class CnnComponentCodec
{
    public const string Kind = "cnn";
    public const int ComponentVersion = 1;

    public static ComponentLoader Loader { get; } = ComponentLoader.Fixed(Kind, ComponentVersion, [ComponentRoles.Config, ComponentRoles.Weights],
        reader => LoadNetwork(reader, ComponentRoles.Config));

    public static void Save(CnnPredictionTransformer transformer, IComponentWriter writer) =>
        Add(CnnTransformerSerializer.Save(transformer), writer, ComponentRoles.Config, "json");

    /// <summary>Writes a network held by another component: its configuration as <c>{kind}.cnn.json</c> (role <c>cnnConfig</c>) and its weights (role <c>weights</c>).</summary>
    public static void SaveNetwork(CnnModel model, string featureColumnName, int batchSize, IComponentWriter writer) =>
        Add(CnnTransformerSerializer.Save(model, featureColumnName, batchSize), writer, ComponentRoles.CnnConfig, "cnn.json");

    /// <summary>Rebuilds the network saved under <paramref name="configRole"/> and the role <c>weights</c>.</summary>
    /// <exception cref="FormatException">The configuration or weights are invalid (the message names both entries).</exception>
    public static CnnPredictionTransformer LoadNetwork(IComponentReader reader, string configRole)
    {
        var config = reader.Read(configRole);
        var weights = reader.Read(ComponentRoles.Weights);
        try { return CnnTransformerSerializer.Load(HostEnvironmentAccess.FromCatalog(reader.Catalog), new CnnTransformerPayload(config, weights)); }
        catch (FormatException e)
        {
            throw new FormatException($"entries '{reader.EntryName(configRole)}' and '{reader.EntryName(ComponentRoles.Weights)}': {e.Message}", e);
        }
    }

    private static void Add(CnnTransformerPayload payload, IComponentWriter writer, string configRole, string configSuffix)
    {
        writer.Add(configRole, configSuffix, payload.Config, compress: true);
        writer.Add(ComponentRoles.Weights, "weights", payload.Weights, compress: false);
    }
}
