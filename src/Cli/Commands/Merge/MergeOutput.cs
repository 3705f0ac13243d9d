using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// The merged file as it is written: lines copied byte for byte (line endings as they are), with a
/// check that a part which is followed by more lines ended with a line break, since otherwise its
/// last line and the next part's first would run together.
/// </summary>
internal sealed class MergeOutput(Stream stream)
{
    private bool _open;
    private string? _lastPart;

    /// <summary>The lines written.</summary>
    public long Lines { get; private set; }

    /// <summary>Writes one line of <paramref name="part"/> as it was read (with its line break, if it had one).</summary>
    /// <exception cref="CliUserException">The previous line, from another part, had no line break.</exception>
    public void Write(ReadOnlySpan<byte> line, string part)
    {
        if (line.IsEmpty) return;
        if (_open)
            throw new CliUserException($"The part file '{_lastPart}' does not end with a line break, so its last line would run into '{part}''s first; it looks cut short.");
        stream.Write(line);
        _open = line[^1] != (byte)'\n';
        _lastPart = part;
        Lines++;
    }
}
