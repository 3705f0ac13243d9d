using System.IO.Compression;
using System.Security.Cryptography;

namespace Cnn.MLNet.Trainers;

/// <summary>One entry to write: its name, content, and whether to deflate it (text yes; weights and nested zips gain little).</summary>
internal sealed record ArchiveEntry(string Name, byte[] Content, bool Compress);

/// <summary>
/// Writes a model file: a zip whose first entry is <c>manifest.json</c> (with every other
/// entry's length and SHA-256), followed by the entries in order. Knows nothing of what the
/// entries mean.
/// </summary>
internal static class ModelArchiveWriter
{
    public static void Write(Stream stream, int formatVersion, string inputSchemaEntry, IReadOnlyList<ManifestComponent> components, IReadOnlyList<ArchiveEntry> entries)
    {
        var manifest = new ModelManifest(
            ModelManifest.FormatName,
            formatVersion,
            ModelManifest.LibraryVersion,
            inputSchemaEntry,
            components,
            entries.Select(e => new ManifestEntry(e.Name, e.Content.Length, Sha256Hex(e.Content))).ToArray());

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, new ArchiveEntry(EntryNames.Manifest, manifest.ToUtf8(), Compress: true));
        foreach (var entry in entries) Add(zip, entry);
    }

    /// <summary>Lowercase hex SHA-256, as recorded in the manifest.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static void Add(ZipArchive zip, ArchiveEntry entry)
    {
        var zipEntry = zip.CreateEntry(entry.Name, entry.Compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        using var output = zipEntry.Open();
        output.Write(entry.Content);
    }
}
