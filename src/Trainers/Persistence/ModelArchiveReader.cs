using System.IO.Compression;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Reads a model file written by <see cref="ModelArchiveWriter"/>: checks that it is a zip with
/// our manifest, of a version this build reads, and that every name the manifest lists is a
/// plain entry name; then reads only entries the manifest lists, checking each one's length
/// and SHA-256. Every problem is an <see cref="InvalidDataException"/> naming the source.
/// </summary>
internal sealed class ModelArchiveReader : IDisposable
{
    private const int MaxManifestBytes = 1 << 20;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ManifestEntry> _entries;

    private ModelArchiveReader(ZipArchive zip, string source, ModelManifest manifest)
    {
        _zip = zip;
        Source = source;
        Manifest = manifest;
        _entries = Validate(manifest, source);
    }

    /// <summary>How the file is named in messages.</summary>
    public string Source { get; }

    /// <summary>The validated manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Opens <paramref name="stream"/> (left open) and reads its manifest.</summary>
    /// <exception cref="InvalidDataException">Not a zip, not our format, a newer version, or a malformed manifest.</exception>
    public static ModelArchiveReader Open(Stream stream, string source)
    {
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            _ = zip.Entries; // reads the central directory now, so damage there is reported as such
        }
        catch (InvalidDataException e)
        {
            zip?.Dispose();
            throw ModelFileErrors.NotAZip(source, e);
        }
        try
        {
            var entry = zip.GetEntry(EntryNames.Manifest) ?? throw ModelFileErrors.NotOurFormat(source, $"it is a zip archive without a {EntryNames.Manifest}");
            if (entry.Length > MaxManifestBytes) throw ModelFileErrors.Corrupt(source, $"its {EntryNames.Manifest} is {entry.Length} bytes long");
            var manifest = ModelManifest.Read(ReadAll(entry, EntryNames.Manifest, entry.Length, source), source);
            return new ModelArchiveReader(zip, source, manifest);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>The content of an entry the manifest lists, after checking its length and SHA-256.</summary>
    /// <exception cref="InvalidDataException">Not listed, missing, unreadable, or failing its checksum.</exception>
    public byte[] Read(string name)
    {
        if (!_entries.TryGetValue(name, out var expected))
            throw ModelFileErrors.Corrupt(Source, $"the entry '{name}' is not listed in its manifest");
        var entry = _zip.GetEntry(name) ?? throw ModelFileErrors.MissingEntry(Source, name);
        if (entry.Length != expected.Length)
            throw ModelFileErrors.Corrupt(Source, $"the entry '{name}' holds {entry.Length} bytes but its manifest says {expected.Length}");
        var content = ReadAll(entry, name, expected.Length, Source);
        if (ModelArchiveWriter.Sha256Hex(content) != expected.Sha256) throw ModelFileErrors.ChecksumMismatch(Source, name);
        return content;
    }

    public void Dispose() => _zip.Dispose();

    // Reads at most `length` bytes (a lying header cannot make us allocate or inflate more) and requires exactly that many.
    private static byte[] ReadAll(ZipArchiveEntry entry, string name, long length, string source)
    {
        var content = new byte[length];
        bool longer;
        try
        {
            using var input = entry.Open();
            input.ReadExactly(content);
            longer = input.ReadByte() != -1;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw ModelFileErrors.Corrupt(source, $"the entry '{name}' cannot be read", e);
        }
        if (longer) throw ModelFileErrors.Corrupt(source, $"the entry '{name}' holds more than the {length} bytes its manifest says");
        return content;
    }

    private static Dictionary<string, ManifestEntry> Validate(ModelManifest manifest, string source)
    {
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var entry in manifest.Entries)
        {
            CheckName(entry?.Name, source);
            if (entry!.Name == EntryNames.Manifest || !entries.TryAdd(entry.Name, entry))
                throw ModelFileErrors.Corrupt(source, $"its manifest lists the entry '{entry.Name}' twice");
            if (entry.Length < 0 || entry.Length > Array.MaxLength || entry.Sha256 is not { Length: 64 } || !entry.Sha256.All(char.IsAsciiHexDigitLower))
                throw ModelFileErrors.Corrupt(source, $"its manifest gives an invalid length or SHA-256 for the entry '{entry.Name}'");
        }
        CheckListed(manifest.InputSchema, entries, source);
        foreach (var component in manifest.Components)
        {
            if (component?.Entries is null) throw ModelFileErrors.Corrupt(source, "its manifest lists a component without entries");
            foreach (var name in component.Entries.Values) CheckListed(name, entries, source);
        }
        return entries;
    }

    private static void CheckListed(string? name, Dictionary<string, ManifestEntry> entries, string source)
    {
        CheckName(name, source);
        if (!entries.ContainsKey(name!)) throw ModelFileErrors.Corrupt(source, $"its manifest refers to the entry '{name}' but gives no checksum for it");
    }

    private static void CheckName(string? name, string source)
    {
        if (!EntryNames.IsSafe(name)) throw ModelFileErrors.UnsafeEntryName(source, name ?? "(null)");
    }
}
