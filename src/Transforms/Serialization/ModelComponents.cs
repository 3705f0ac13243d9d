using Microsoft.ML;

namespace Cnn.MLNet.Transforms.Serialization;

/// <summary>
/// A transformer that <c>ml.Model.SaveCnn</c> can store: it names its component kind and the
/// version of what it writes, and writes its own entries. Its loader is registered under the
/// same kind (<see cref="ComponentLoader"/>, collected by the trainers' <c>ComponentRegistry</c>),
/// so the model file's writer and reader know no transformer type. Every Cnn.MLNet transformer
/// implements it (explicitly, so it is not part of the public API).
/// </summary>
internal interface ISavableComponent
{
    /// <summary>The kind recorded in the manifest, e.g. <c>"cnn"</c>; it selects the loader.</summary>
    string ComponentKind { get; }

    /// <summary>
    /// The version of the entries <see cref="Save"/> writes, recorded in the manifest when above 1.
    /// Raise it when the entries change in a way older loaders cannot read; the loader of that
    /// kind reads every version up to its own and refuses newer ones by name.
    /// </summary>
    int ComponentVersion { get; }

    /// <summary>Writes the component's entries (in memory; nothing reaches the file before every component has saved).</summary>
    /// <exception cref="NotSupportedException">Part of it cannot be saved.</exception>
    void Save(IComponentWriter writer);
}

/// <summary>Where a component writes its entries.</summary>
internal interface IComponentWriter
{
    /// <summary>The model catalog (for stock ML.NET parts and nested model files).</summary>
    ModelOperationsCatalog Catalog { get; }

    /// <summary>The schema the component sees at its place in the chain.</summary>
    DataViewSchema InputSchema { get; }

    /// <summary>
    /// Adds an entry with the <paramref name="role"/> (unique in the component) under the name
    /// <c>{index:00}-{kind}.{suffix}</c>; <paramref name="compress"/> for text (weights and nested
    /// zips gain little).
    /// </summary>
    void Add(string role, string suffix, byte[] content, bool compress);
}

/// <summary>What a loader reads a component from: its entries by role, already checked against the manifest's lengths and SHA-256.</summary>
internal interface IComponentReader
{
    /// <summary>The model catalog; its MLContext's device settings decide where networks run.</summary>
    ModelOperationsCatalog Catalog { get; }

    /// <summary>How the model file is named in messages.</summary>
    string Source { get; }

    /// <summary>The component's version as saved (1 when the manifest gives none), at most the loader's.</summary>
    int Version { get; }

    /// <summary>The roles the component has (those its loader's <see cref="ComponentLoader.Roles"/> requires).</summary>
    IReadOnlyCollection<string> Roles { get; }

    /// <summary>The entry name of <paramref name="role"/>, for messages.</summary>
    string EntryName(string role);

    /// <summary>The content of <paramref name="role"/>'s entry.</summary>
    byte[] Read(string role);

    /// <summary>
    /// Decodes <paramref name="role"/>'s entry; a <see cref="FormatException"/> or
    /// <see cref="System.Text.Json.JsonException"/> from <paramref name="decode"/> becomes a
    /// <see cref="FormatException"/> naming the entry.
    /// </summary>
    T Decode<T>(string role, Func<byte[], T> decode);
}

/// <summary>
/// How to load one component kind: the newest <paramref name="Version"/> it reads, the roles a
/// component must have (given the roles listed, for kinds with a variable number of entries),
/// and the loader itself. A loader may return a <c>TransformerChain</c>, whose members join the
/// model with their scopes. It reports bad content as <see cref="FormatException"/> (or
/// <see cref="InvalidDataException"/> for nested model files), which the reader turns into an
/// error naming the file, the component and its kind.
/// </summary>
internal sealed record ComponentLoader(
    string Kind,
    int Version,
    Func<IReadOnlyCollection<string>, IReadOnlyList<string>> Roles,
    Func<IComponentReader, ITransformer> Load)
{
    /// <summary>A loader whose components always have the same <paramref name="roles"/>.</summary>
    public static ComponentLoader Fixed(string kind, int version, IReadOnlyList<string> roles, Func<IComponentReader, ITransformer> load) =>
        new(kind, version, _ => roles, load);
}

/// <summary>Entry roles shared by several component kinds.</summary>
internal static class ComponentRoles
{
    /// <summary>A JSON configuration.</summary>
    public const string Config = "config";
    /// <summary>Network weights (<c>NetworkWeights</c>' format).</summary>
    public const string Weights = "weights";
    /// <summary>A CNN's configuration (<c>CnnTransformerSerializer</c>'s JSON) inside a component that holds a CNN beside its own configuration.</summary>
    public const string CnnConfig = "cnnConfig";
    /// <summary>A whole ML.NET model saved by <c>ml.Model.Save</c>.</summary>
    public const string Model = "model";

    /// <summary>The role of member <paramref name="index"/> (0-based) of a component of nested model files: <c>member0</c>, <c>member1</c>, ….</summary>
    public static string Member(int index) => $"member{index}";
}
