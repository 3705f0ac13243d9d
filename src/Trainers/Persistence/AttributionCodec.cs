using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The model-file component of an <see cref="AttributionTransformer"/> (kind <c>attribution</c>):
/// its options as JSON (role <c>config</c>: method, shape, target output, output column) and its
/// CNN as the <c>cnn</c> component stores one (roles <c>cnnConfig</c> and <c>weights</c>; the CNN
/// configuration's feature column and batch size are the transformer's input column and batch size).
/// </summary>
internal static class AttributionCodec
{
    public const string Kind = "attribution";
    public const int ComponentVersion = 1;

    public static ComponentLoader Loader { get; } = ComponentLoader.Fixed(Kind, ComponentVersion,
        [ComponentRoles.Config, ComponentRoles.CnnConfig, ComponentRoles.Weights], Load);

    public static void Save(AttributionTransformer transformer, IComponentWriter writer)
    {
        var options = new Saved(transformer.Method, transformer.Shape, transformer.TargetOutput, transformer.OutputColumnName);
        writer.Add(ComponentRoles.Config, "json", JsonSerializer.SerializeToUtf8Bytes(options, StrictJson.Indented), compress: true);
        CnnComponentCodec.SaveNetwork(transformer.Model, transformer.InputColumnName, transformer.BatchSize, writer);
    }

    /// <exception cref="FormatException">The options are malformed or do not fit the saved network, or the network is invalid (the message names the entry).</exception>
    private static AttributionTransformer Load(IComponentReader reader)
    {
        var options = reader.Decode(ComponentRoles.Config, content =>
        {
            Saved? saved;
            try { saved = JsonSerializer.Deserialize<Saved>(content, StrictJson.Indented); }
            catch (JsonException e) { throw new FormatException($"Not a valid attribution configuration: {e.Message}", e); }
            if (saved == null) throw new FormatException("The attribution configuration is empty (null).");
            if (string.IsNullOrWhiteSpace(saved.OutputColumnName))
                throw new FormatException("The attribution configuration has an empty column name.");
            return saved;
        });
        var cnn = CnnComponentCodec.LoadNetwork(reader, ComponentRoles.CnnConfig);
        try
        {
            return reader.Decode(ComponentRoles.Config, _ =>
            {
                try
                {
                    return new AttributionTransformer(cnn.Model, options.Method, options.Shape, options.TargetOutput, options.OutputColumnName,
                        cnn.FeatureColumnName, cnn.ScoringBatchSize);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw new FormatException($"The attribution options do not fit the saved network: {e.Message}", e);
                }
            });
        }
        catch
        {
            cnn.Model.Dispose();
            throw;
        }
    }

    private sealed record Saved(
        [property: JsonRequired] AttributionMethod Method,
        [property: JsonRequired] AttributionShape Shape,
        [property: JsonRequired] int? TargetOutput,
        [property: JsonRequired] string OutputColumnName);
}
