using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Every error the model container raises, in one place. Problems with a file's content are
/// <see cref="InvalidDataException"/>s whose message starts with the file (or "the stream");
/// models that cannot be saved are <see cref="NotSupportedException"/>s naming the component.
/// </summary>
internal static class ModelFileErrors
{
    /// <summary>How a source is named in messages: the file path, or "the stream".</summary>
    public static string Describe(Stream stream) => stream is FileStream file ? $"'{file.Name}'" : "the stream";

    public static InvalidDataException NotAZip(string source, Exception inner) =>
        new($"Cannot load a Cnn.MLNet model from {source}: it is not a zip archive, or it is truncated or corrupt ({inner.Message})", inner);

    public static InvalidDataException NotOurFormat(string source, string why) =>
        new($"Cannot load a Cnn.MLNet model from {source}: it is not a Cnn.MLNet model file ({why}). Save models with ml.Model.SaveCnn; "
            + "models saved with ml.Model.Save load with ml.Model.Load.");

    public static InvalidDataException NewerVersion(string source, int version, string writtenBy, int supported) =>
        new($"Cnn.MLNet model {source} was written by a newer Cnn.MLNet ({writtenBy}, format version {version}); "
            + $"this build ({ModelManifest.LibraryVersion}) reads format version {supported}. Update Cnn.MLNet to load it.");

    public static InvalidDataException Corrupt(string source, string what, Exception? inner = null) =>
        new($"Cnn.MLNet model {source} is corrupt: {what}" + (inner == null ? "" : $" ({inner.Message})"), inner);

    public static InvalidDataException MissingEntry(string source, string entry) =>
        new($"Cnn.MLNet model {source} is incomplete: the entry '{entry}' that its manifest lists is missing.");

    public static InvalidDataException UnsafeEntryName(string source, string entry) =>
        new($"Cnn.MLNet model {source} is corrupt or malicious: its manifest names the entry '{entry}', which is not a plain file name "
            + "(entry names may not contain '..', '/', '\\' or other characters outside letters, digits, '.', '_' and '-').");

    public static InvalidDataException ChecksumMismatch(string source, string entry) =>
        new($"Cnn.MLNet model {source} is corrupt: the entry '{entry}' fails its SHA-256 check (the file was changed or damaged after it was saved).");

    public static InvalidDataException ComponentUnreadable(string source, int component, string kind, Exception inner) =>
        new($"Cnn.MLNet model {source} is corrupt: component {component} ({kind}) cannot be rebuilt: {inner.Message}", inner);

    public static InvalidDataException UnknownKind(string source, int component, string kind, string writtenBy) =>
        new($"Cnn.MLNet model {source} holds component {component} of the kind '{kind}', which this build ({ModelManifest.LibraryVersion}) does not know "
            + $"(the file was written by {writtenBy}). Update Cnn.MLNet to load it; if this build wrote it, the file is corrupt.");

    public static InvalidDataException NewerComponent(string source, int component, string kind, int version, int supported, string writtenBy) =>
        new($"Cnn.MLNet model {source} holds component {component} ({kind}) in version {version}, written by a newer Cnn.MLNet ({writtenBy}); "
            + $"this build ({ModelManifest.LibraryVersion}) reads {kind} components up to version {supported}. Update Cnn.MLNet to load it.");

    public static NotSupportedException UnsupportedComponent(int position, ITransformer transformer, string why) =>
        new($"Cnn.MLNet cannot save the transformer at position {position} (0-based, nested chains flattened) of the model, a {TypeNames.Describe(transformer.GetType())}: {why}");
}
