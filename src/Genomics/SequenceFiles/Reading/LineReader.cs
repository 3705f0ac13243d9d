using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads a file line by line, counting lines (1-based, as an editor does; blank lines count).
/// Gzip input is decompressed on the fly: a file named <c>*.gz</c> must be gzip, and a file of
/// another name that starts with the gzip signature is decompressed too. Line ends may be
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a UTF-8 or UTF-16 byte-order mark is skipped. The file is
/// opened sharing read, write and delete access, so several readers can be open at once and a
/// writer may append meanwhile.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly StreamReader _reader;

    private LineReader(string path, StreamReader reader)
    {
        Path = path;
        _reader = reader;
    }

    /// <summary>The path as the caller gave it, for messages.</summary>
    public string Path { get; }

    /// <summary>The number of the line last read (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens the file.</summary>
    /// <param name="path">The path as the caller gave it, for messages.</param>
    /// <param name="fullPath">The path to open.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is named <c>.gz</c> but is not gzip.</exception>
    public static LineReader Open(string path, string fullPath)
    {
        FileStream file;
        try
        {
            file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw SequenceFileErrors.NotFound(path);
        }

        try
        {
            Stream stream = file;
            bool named = fullPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            if (StartsWithGzipSignature(file))
                stream = new CheckedGzipStream(file, path);
            else if (named)
                throw new FormatException($"{path}: the name ends in .gz but the file is not gzip-compressed (it lacks the gzip signature 1F 8B at byte 0).");
            return new LineReader(path, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next line without its line end; null at the end of the file.</summary>
    /// <exception cref="FormatException">The gzip data is corrupt.</exception>
    public string? ReadLine()
    {
        string? line;
        try
        {
            line = _reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw SequenceFileErrors.Content(Path, LineNumber + 1, null, $"the gzip data is corrupt ({e.Message}).");
        }
        if (line is not null)
            LineNumber++;
        return line;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private static bool StartsWithGzipSignature(FileStream file)
    {
        Span<byte> signature = stackalloc byte[2];
        int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }
}
