using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>An uncompressed file read at offsets with <see cref="RandomAccess"/> (positional reads: no shared file position, so thread-safe).</summary>
internal sealed class PlainFileBytes(SafeFileHandle file, string path) : IRandomBytes
{
    /// <inheritdoc/>
    public long Length { get; } = RandomAccess.GetLength(file);

    /// <inheritdoc/>
    public void Read(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(file, destination, offset);
            if (read == 0) throw new FormatException($"{path}: the file ends at byte {offset:N0}, before the bases its .fai index points to: the file is truncated or was changed after indexing.");
            destination = destination[read..];
            offset += read;
        }
    }
}
