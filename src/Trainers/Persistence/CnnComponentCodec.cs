using System.Text.Json;
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

    /// <summary>
    /// Writes a component that wraps a network (feature maps, attributions): its own options as JSON
    /// (role <c>config</c>), the network's configuration as <c>{kind}.cnn.json</c> (role
    /// <c>cnnConfig</c>) and its weights (role <c>weights</c>).
    /// </summary>
    public static void SaveOverNetwork<TOptions>(TOptions options, CnnModel model, string featureColumnName, int batchSize, IComponentWriter writer)
    {
        writer.Add(ComponentRoles.Config, "json", JsonSerializer.SerializeToUtf8Bytes(options, StrictJson.Indented), compress: true);
        Add(CnnTransformerSerializer.Save(model, featureColumnName, batchSize), writer, ComponentRoles.CnnConfig, "cnn.json");
    }

    /// <summary>
    /// Loads what <see cref="SaveOverNetwork"/> wrote: reads the options (<paramref name="what"/>
    /// names them in messages; <paramref name="problem"/> returns what is wrong with them, or null),
    /// rebuilds the network and hands both to <paramref name="create"/>. The network is disposed
    /// when the options do not fit it.
    /// </summary>
    /// <exception cref="FormatException">The options are malformed or do not fit the saved network, or the network is invalid (the message names the entry).</exception>
    public static T LoadOverNetwork<TOptions, T>(IComponentReader reader, string what, Func<TOptions, string?> problem,
        Func<TOptions, CnnPredictionTransformer, T> create) where TOptions : class
    {
        var options = reader.Decode(ComponentRoles.Config, content =>
        {
            var saved = StrictJson.Read<TOptions>(content, $"{what} configuration");
            if (problem(saved) is { } wrong) throw new FormatException($"The {what} configuration has {wrong}.");
            return saved;
        });
        var cnn = LoadNetwork(reader, ComponentRoles.CnnConfig);
        try
        {
            return reader.Decode(ComponentRoles.Config, _ =>
            {
                try { return create(options, cnn); }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw new FormatException($"The {what} options do not fit the saved network: {e.Message}", e);
                }
            });
        }
        catch
        {
            cnn.Model.Dispose();
            throw;
        }
    }

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
