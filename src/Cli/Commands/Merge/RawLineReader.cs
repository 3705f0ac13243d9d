using System.Text;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// Reads a part file line by line as raw bytes, each line with its own line break (<c>\n</c> or
/// <c>\r\n</c>; the last line may have none), so a merge copies exactly what it read without
/// decoding or re-encoding anything.
/// </summary>
internal sealed class RawLineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _position;
    private int _length;

    public RawLineReader(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The 1-based number of the line last read (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line, its line break included; the span is valid until the next call. False at the end.</summary>
    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_position, _length - _position).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_position, newline + 1);
                _position += newline + 1;
                LineNumber++;
                return true;
            }
            if (_position > 0)
            {
                Buffer.BlockCopy(_buffer, _position, _buffer, 0, _length - _position);
                _length -= _position;
                _position = 0;
            }
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                line = _buffer.AsSpan(0, _length);
                _position = _length;
                if (line.IsEmpty) return false;
                LineNumber++;
                return true;
            }
            _length += read;
        }
    }

    /// <summary>The line without its line break.</summary>
    public static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\n"u8)) line = line[..^1];
        if (line.EndsWith("\r"u8)) line = line[..^1];
        return line;
    }

    /// <summary><see cref="Text"/> as a string, for messages.</summary>
    public static string Show(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(Text(line));

    /// <summary>Where the line last read is, for messages: <c>path:line</c>.</summary>
    public string Where => $"{Path}:{LineNumber}";

    public void Dispose() => _stream.Dispose();
}
