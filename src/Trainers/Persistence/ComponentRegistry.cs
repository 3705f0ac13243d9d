using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The loaders of every component kind a model file may hold, keyed by kind. Saving asks each
/// transformer for its kind (<see cref="ISavableComponent"/>) and refuses a kind not listed here,
/// so whatever is written can be read back. A new savable transformer implements
/// <see cref="ISavableComponent"/> and adds its loader to this list; the writer and reader stay as they are.
/// </summary>
internal static class ComponentRegistry
{
    private static readonly Dictionary<string, ComponentLoader> Loaders = new ComponentLoader[]
    {
        StockSegment.Loader,
        OneHotSequenceCodec.Loader,
        CnnComponentCodec.Loader,
        EnsembleCodec.Loader,
        FeatureMapCodec.Loader,
        AttributionCodec.Loader,
    }.ToDictionary(loader => loader.Kind, StringComparer.Ordinal);

    /// <summary>The loader of <paramref name="kind"/>, or null for a kind this build does not know.</summary>
    public static ComponentLoader? Find(string kind) => Loaders.GetValueOrDefault(kind);

    /// <summary>The loader of a component about to be saved.</summary>
    /// <exception cref="InvalidOperationException">Its kind has no loader (a bug: it could be saved but never loaded), or the component claims a version its loader cannot read.</exception>
    public static ComponentLoader Require(ISavableComponent component)
    {
        var loader = Find(component.ComponentKind)
            ?? throw new InvalidOperationException($"Component kind '{component.ComponentKind}' ({component.GetType().Name}) has no loader in ComponentRegistry.");
        if (component.ComponentVersion < 1 || component.ComponentVersion > loader.Version)
            throw new InvalidOperationException($"Component kind '{component.ComponentKind}' would be saved in version {component.ComponentVersion}, but its loader reads versions 1 to {loader.Version}.");
        return loader;
    }
}
