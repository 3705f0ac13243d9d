using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>Edits a saved model file the way damage or tampering would (zip CRCs stay valid, so only our own checks can object).</summary>
internal static class ModelFileEditing
{
    public static byte[] ReadEntry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var input = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }

    public static void RewriteEntry(string path, string name, Func<byte[], byte[]> change)
    {
        var content = change(ReadEntry(path, name));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
        using var output = zip.CreateEntry(name).Open();
        output.Write(content);
    }

    public static void DeleteEntry(string path, string name)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
    }

    public static void RewriteManifest(string path, Action<JsonObject> change) =>
        RewriteEntry(path, "manifest.json", json =>
        {
            var manifest = JsonNode.Parse(json)!.AsObject();
            change(manifest);
            return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });

    /// <summary>Renames an entry in the manifest only (the listing and the component that refers to it).</summary>
    public static void RenameInManifest(string path, string from, string to) =>
        RewriteManifest(path, manifest =>
        {
            foreach (var entry in manifest["entries"]!.AsArray())
                if ((string?)entry!["name"] == from) entry["name"] = to;
            foreach (var component in manifest["components"]!.AsArray())
            {
                var entries = component!["entries"]!.AsObject();
                foreach (var role in entries.Select(p => p.Key).ToList())
                    if ((string?)entries[role] == from) entries[role] = to;
            }
        });
}
