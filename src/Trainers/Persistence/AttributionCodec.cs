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

    public static void Save(AttributionTransformer transformer, IComponentWriter writer) =>
        CnnComponentCodec.SaveOverNetwork(new Saved(transformer.Method, transformer.Shape, transformer.TargetOutput, transformer.OutputColumnName,
                transformer.Baseline, transformer.References, transformer.Steps, transformer.Seed, transformer.BlurSigma, transformer.Hypothetical,
                transformer.SimplexCorrection, transformer.SummationErrorColumnName, transformer.TrackTarget),
            transformer.Model, transformer.InputColumnName, transformer.BatchSize, writer);

    /// <exception cref="FormatException">The options are malformed or do not fit the saved network, or the network is invalid (the message names the entry).</exception>
    private static AttributionTransformer Load(IComponentReader reader) =>
        CnnComponentCodec.LoadOverNetwork<Saved, AttributionTransformer>(reader, "attribution",
            saved => string.IsNullOrWhiteSpace(saved.OutputColumnName) ? "an empty column name" : null,
            (saved, cnn) => new AttributionTransformer([cnn.Model], saved.ToOptions(), cnn.FeatureColumnName, cnn.ScoringBatchSize));

    // The fields after OutputColumnName came with DeepLIFT; files written before have none of them and
    // load as they computed then: saliency without the simplex correction, and no error column.
    private sealed record Saved(
        [property: JsonRequired] AttributionMethod Method,
        [property: JsonRequired] AttributionShape Shape,
        [property: JsonRequired] int? TargetOutput,
        [property: JsonRequired] string OutputColumnName,
        AttributionBaseline Baseline = AttributionBaseline.Automatic,
        int References = AttributionOptions.DefaultReferences,
        int Steps = AttributionOptions.DefaultSteps,
        int Seed = 1,
        double BlurSigma = 5,
        bool Hypothetical = false,
        bool SimplexCorrection = false,
        string? SummationErrorColumnName = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TrackAttributionTarget TrackTarget = TrackAttributionTarget.Count)
    {
        public AttributionOptions ToOptions() => new()
        {
            Method = Method,
            Shape = Shape,
            TargetOutput = TargetOutput,
            OutputColumnName = OutputColumnName,
            Baseline = Baseline,
            References = References,
            Steps = Steps,
            Seed = Seed,
            BlurSigma = BlurSigma,
            Hypothetical = Hypothetical,
            SimplexCorrection = SimplexCorrection,
            SummationErrorColumnName = SummationErrorColumnName,
            TrackTarget = TrackTarget,
        };
    }
}
