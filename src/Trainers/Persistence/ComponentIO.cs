using System.Text.Json;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>Collects one component's entries for <see cref="CnnModelWriter"/>, named <c>{index:00}-{kind}.{suffix}</c>.</summary>
internal sealed class ComponentWriter(ModelOperationsCatalog catalog, DataViewSchema inputSchema, int index, string kind, List<ArchiveEntry> entries) : IComponentWriter
{
    private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);

    public ModelOperationsCatalog Catalog => catalog;

    public DataViewSchema InputSchema => inputSchema;

    /// <summary>The entries written so far, by role.</summary>
    public IReadOnlyDictionary<string, string> Roles => _roles;

    public void Add(string role, string suffix, byte[] content, bool compress)
    {
        string name = EntryNames.ForComponent(index, kind, suffix);
        if (!EntryNames.IsSafe(name)) throw new InvalidOperationException($"Component kind '{kind}' names an entry '{name}' that is not a plain file name.");
        if (_roles.ContainsValue(name) || !_roles.TryAdd(role, name))
            throw new InvalidOperationException($"Component kind '{kind}' writes the role '{role}' or the entry '{name}' twice.");
        entries.Add(new ArchiveEntry(name, content, compress));
    }
}

/// <summary>One component's entries for its loader, read (and checked) before the loader runs.</summary>
internal sealed class ComponentReader(
    ModelOperationsCatalog catalog, string source, int version, IReadOnlyDictionary<string, string> entryNames, IReadOnlyDictionary<string, byte[]> content) : IComponentReader
{
    public ModelOperationsCatalog Catalog => catalog;

    public string Source => source;

    public int Version => version;

    public IReadOnlyCollection<string> Roles => content.Keys.ToArray();

    public string EntryName(string role) => entryNames[role];

    public byte[] Read(string role) =>
        content.TryGetValue(role, out var bytes) ? bytes : throw new InvalidOperationException($"The component has no role '{role}'.");

    public T Decode<T>(string role, Func<byte[], T> decode)
    {
        var bytes = Read(role);
        try { return decode(bytes); }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new FormatException($"entry '{EntryName(role)}': {e.Message}", e);
        }
    }
}
