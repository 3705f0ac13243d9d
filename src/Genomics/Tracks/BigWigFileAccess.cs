using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Positioned reads from a bigWig file that never read past its end: every offset and size the
/// file declares is checked against the file's length first, so a damaged or truncated file is an
/// <see cref="InvalidDataException"/> naming the file and offset, not a short read or a huge
/// allocation. <see cref="RandomAccess"/> keeps no shared position, so reads are thread-safe.
/// </summary>
internal sealed class BigWigFileAccess : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _bytesRead;

    public BigWigFileAccess(string path)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>Bytes read so far (tests check that a region read stays near the region's blocks).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>An error naming the file, the offset and what was wrong there.</summary>
    public InvalidDataException Damaged(long offset, string what, Exception? inner = null) =>
        new($"bigWig '{Path}' is damaged at offset {offset}: {what}.", inner);

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>, which must lie inside the file.</summary>
    public byte[] Read(long offset, long count, string what)
    {
        Check(offset, count, what);
        byte[] buffer = new byte[count];
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(_handle, buffer.AsSpan(done), offset + done);
            if (n == 0) throw Damaged(offset + done, $"the file ended inside {what}");
            done += n;
        }
        Interlocked.Add(ref _bytesRead, count);
        return buffer;
    }

    /// <summary>Checks that [offset, offset + count) lies inside the file.</summary>
    public void Check(long offset, long count, string what)
    {
        if (offset < 0 || count < 0 || offset > Length || count > Length - offset)
            throw Damaged(offset, $"{what} ({count} bytes) lies outside the file ({Length} bytes); the file is truncated or an offset is wrong");
        if (count > Array.MaxLength)
            throw Damaged(offset, $"{what} declares {count} bytes, more than one read can hold");
    }

    public void Dispose() => _handle.Dispose();
}
