using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A <see cref="CnnEnsemble"/> as entries: a small JSON configuration (format version, task,
/// member count, class names) and each member pipeline as a whole nested model file, written and
/// read by the same <see cref="CnnModelWriter"/>/<see cref="CnnModelReader"/> as the outer file, so
/// members keep every check (manifest, checksums) and may hold any component a model can.
/// </summary>
internal static class EnsembleCodec
{
    private const int CurrentFormatVersion = 1;

    /// <exception cref="NotSupportedException">A member holds a transformer that cannot be saved.</exception>
    public static (byte[] Config, IReadOnlyList<byte[]> Members) Save(ModelOperationsCatalog catalog, CnnEnsemble ensemble, Microsoft.ML.DataViewSchema inputSchema)
    {
        var members = ensemble.Members.Select(member =>
        {
            using var buffer = new MemoryStream();
            CnnModelWriter.Prepare(catalog, member, inputSchema).WriteTo(buffer);
            return buffer.ToArray();
        }).ToArray();
        var config = new Saved(CurrentFormatVersion, TaskNames.Of(ensemble.Task), members.Length, ensemble.ClassNames?.ToArray());
        return (JsonSerializer.SerializeToUtf8Bytes(config, StrictJson.Indented), members);
    }

    /// <param name="catalog">Where members are loaded (its MLContext's device settings apply).</param>
    /// <param name="content">The component's entries by role.</param>
    /// <param name="entryNames">The entry name of each role, for messages.</param>
    /// <param name="source">How the outer file is named in messages.</param>
    /// <exception cref="FormatException">The configuration is malformed or disagrees with the members.</exception>
    /// <exception cref="InvalidDataException">A member's nested model file is unreadable (the message names its entry).</exception>
    public static CnnEnsemble Load(ModelOperationsCatalog catalog, IReadOnlyDictionary<string, byte[]> content, IReadOnlyDictionary<string, string> entryNames, string source)
    {
        Saved? saved;
        try { saved = JsonSerializer.Deserialize<Saved>(content[ComponentKinds.Config], StrictJson.Indented); }
        catch (JsonException e) { throw new FormatException($"Not a valid ensemble configuration: {e.Message}", e); }
        if (saved == null) throw new FormatException("The ensemble configuration is empty (null).");
        if (saved.FormatVersion != CurrentFormatVersion)
            throw new FormatException($"Ensemble configuration format version {saved.FormatVersion} is not supported (this build reads {CurrentFormatVersion}).");
        int count = content.Keys.Count(role => role != ComponentKinds.Config);
        if (saved.Members != count)
            throw new FormatException($"The ensemble configuration names {saved.Members} members but the file holds {count}.");

        var members = new List<ITransformer>();
        DataViewSchema? inputSchema = null;
        for (int i = 0; i < count; i++)
        {
            string role = ComponentKinds.Member(i);
            using var stream = new MemoryStream(content[role], writable: false);
            members.Add(CnnModelReader.Load(catalog, stream, $"{source}, entry '{entryNames[role]}'", out var memberSchema));
            inputSchema ??= memberSchema;
        }
        CnnEnsemble ensemble;
        try { ensemble = CnnEnsemble.Create(members, inputSchema!); }
        catch (ArgumentException e) { throw new FormatException($"The saved members do not form an ensemble: {e.Message}", e); }
        if (TaskNames.Of(ensemble.Task) != saved.Task || !(ensemble.ClassNames ?? []).SequenceEqual(saved.ClassNames ?? [], StringComparer.Ordinal))
            throw new FormatException($"The ensemble configuration says task '{saved.Task}' with classes [{string.Join(", ", saved.ClassNames ?? [])}], "
                + $"but the members are {TaskNames.Of(ensemble.Task)} models with classes [{string.Join(", ", ensemble.ClassNames ?? [])}].");
        return ensemble;
    }

    private sealed record Saved(
        [property: JsonRequired] int FormatVersion,
        [property: JsonRequired] string Task,
        [property: JsonRequired] int Members,
        [property: JsonRequired] IReadOnlyList<string>? ClassNames);
}
