using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The model-file component of a <see cref="CnnEnsemble"/> (kind <c>ensemble</c>): a small JSON
/// configuration (role <c>config</c>: format version, task, member count, class names) and each
/// member pipeline as a whole nested model file (roles <c>member0</c>, <c>member1</c>, …), written
/// and read by the same <see cref="CnnModelWriter"/>/<see cref="CnnModelReader"/> as the outer
/// file, so members keep every check (manifest, checksums) and may hold any component a model can.
/// </summary>
internal static class EnsembleCodec
{
    public const string Kind = "ensemble";
    public const int ComponentVersion = 1;
    private const int CurrentFormatVersion = 1;
    private const string MemberPrefix = "member";

    /// <summary>Roles: config, then member0 … member(n − 1), where n is the number of listed roles starting with "member".</summary>
    public static ComponentLoader Loader { get; } = new(Kind, ComponentVersion,
        listed => [ComponentRoles.Config, .. Enumerable.Range(0, listed.Count(r => r.StartsWith(MemberPrefix, StringComparison.Ordinal))).Select(ComponentRoles.Member)],
        Load);

    /// <exception cref="NotSupportedException">A member holds a transformer that cannot be saved.</exception>
    public static void Save(CnnEnsemble ensemble, IComponentWriter writer)
    {
        var members = ensemble.Members.Select(member =>
        {
            using var buffer = new MemoryStream();
            CnnModelWriter.Prepare(writer.Catalog, member, writer.InputSchema).WriteTo(buffer);
            return buffer.ToArray();
        }).ToArray();
        var config = new Saved(CurrentFormatVersion, TaskNames.Of(ensemble.Task), members.Length, ensemble.ClassNames?.ToArray());
        writer.Add(ComponentRoles.Config, "json", JsonSerializer.SerializeToUtf8Bytes(config, StrictJson.Indented), compress: true);
        // Each member is a whole model file, already compressed where it pays.
        for (int m = 0; m < members.Length; m++) writer.Add(ComponentRoles.Member(m), $"member{m}.zip", members[m], compress: false);
    }

    /// <exception cref="FormatException">The configuration is malformed or disagrees with the members.</exception>
    /// <exception cref="InvalidDataException">A member's nested model file is unreadable (the message names its entry).</exception>
    private static CnnEnsemble Load(IComponentReader reader)
    {
        int count = reader.Roles.Count(role => role != ComponentRoles.Config);
        var saved = reader.Decode(ComponentRoles.Config, content =>
        {
            var saved = StrictJson.Read<Saved>(content, "ensemble configuration");
            if (saved.FormatVersion != CurrentFormatVersion)
                throw new FormatException($"Ensemble configuration format version {saved.FormatVersion} is not supported (this build reads {CurrentFormatVersion}).");
            if (saved.Members != count)
                throw new FormatException($"The ensemble configuration names {saved.Members} members but the file holds {count}.");
            return saved;
        });

        var members = new List<ITransformer>();
        DataViewSchema? inputSchema = null;
        for (int i = 0; i < count; i++)
        {
            string role = ComponentRoles.Member(i);
            using var stream = new MemoryStream(reader.Read(role), writable: false);
            members.Add(CnnModelReader.Load(reader.Catalog, stream, $"{reader.Source}, entry '{reader.EntryName(role)}'", out var memberSchema));
            inputSchema ??= memberSchema;
        }
        CnnEnsemble ensemble;
        try { ensemble = CnnEnsemble.Create(members, inputSchema!); }
        catch (ArgumentException e) { throw new FormatException($"The saved members do not form an ensemble: {e.Message}", e); }
        if (TaskNames.Of(ensemble.Task) != saved.Task || !(ensemble.ClassNames ?? []).SequenceEqual(saved.ClassNames ?? [], StringComparer.Ordinal))
            throw new FormatException($"entry '{reader.EntryName(ComponentRoles.Config)}': the ensemble configuration says task '{saved.Task}' with classes [{string.Join(", ", saved.ClassNames ?? [])}], "
                + $"but the members are {TaskNames.Of(ensemble.Task)} models with classes [{string.Join(", ", ensemble.ClassNames ?? [])}].");
        return ensemble;
    }

    private sealed record Saved(
        [property: JsonRequired] int FormatVersion,
        [property: JsonRequired] string Task,
        [property: JsonRequired] int Members,
        [property: JsonRequired] IReadOnlyList<string>? ClassNames);
}
