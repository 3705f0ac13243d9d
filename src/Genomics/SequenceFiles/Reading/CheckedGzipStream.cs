using System.IO.Compression;
using System.IO.Hashing;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Decompresses a gzip or BGZF file and refuses one that ends early. .NET's <see cref="GZipStream"/>
/// checks each member's CRC-32 and length (so flipped bytes are caught), but when the compressed
/// data simply stops (an interrupted download or copy) it returns end-of-stream without a word, and
/// a reader would train on the rows it got. Reproduced without project code in
/// <c>bench/Repro/GzipTruncation</c>; upstream: detection was added in
/// https://github.com/dotnet/runtime/pull/61768 and later found unreliable
/// (https://github.com/dotnet/runtime/issues/72726), and .NET 10 does not detect it.
/// </summary>
/// <remarks>
/// This stream checks the file's structure, so nothing is accepted silently:
/// <list type="bullet">
/// <item>BGZF (each member says its own size): read block by block, each block's CRC-32 and
/// length checked here, the blocks tiling the file exactly, and the file must end with BGZF's
/// 28-byte end-of-file marker, so a file cut at a block boundary is caught too.</item>
/// <item>Plain gzip: the last 8 bytes (CRC-32 and length of the last member) must match the data
/// read. When they do not, either the file is truncated or it holds several members
/// (<c>cat a.gz b.gz</c>); the members are then walked one by one, which is slower, to tell which
/// and to name the offset where the data stops.</item>
/// </list>
/// What no reader can detect: header fields nothing checks (MTIME, OS), and a plain multi-member
/// gzip cut exactly at a member boundary (what is left is a valid gzip file).
/// </remarks>
internal sealed class CheckedGzipStream : ForwardReadStream
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly GZipStream? _inflater;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

    // BGZF is read block by block (each block's size is in its header), checking each block's
    // CRC-32 and length here: a damaged block cannot swallow the blocks after it.
    private readonly byte[]? _block;
    private readonly byte[]? _raw;
    private int _blockStart, _blockEnd;
    private long _blockOffset;
    private bool _lastWasEndMarker;

    public CheckedGzipStream(FileStream file, string path)
    {
        _file = file;
        _path = path;
        if (BgzfBlock.SizeAt(file.SafeFileHandle, 0) is not null) (_block, _raw) = (new byte[BgzfBlock.MaxSize], new byte[BgzfBlock.MaxSize]);
        else _inflater = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_block is not null) return ReadBgzf(buffer);
        int read;
        try
        {
            read = _inflater!.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Locate(e);
        }
        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
        }
        else if (!_checked && buffer.Length > 0)
        {
            _checked = true;
            CheckComplete();
        }
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private int ReadBgzf(Span<byte> buffer)
    {
        while (_blockStart == _blockEnd)
        {
            if (buffer.IsEmpty || !NextBgzfBlock()) return 0;
        }
        int count = Math.Min(buffer.Length, _blockEnd - _blockStart);
        _block.AsSpan(_blockStart, count).CopyTo(buffer);
        _blockStart += count;
        return count;
    }

    // Decompresses the next block into _block; false at the end of the file (after checking that the
    // last block was BGZF's end-of-file marker).
    private bool NextBgzfBlock()
    {
        long size = RandomAccess.GetLength(_file.SafeFileHandle);
        long offset = _blockOffset;
        if (offset >= size)
        {
            if (!_lastWasEndMarker)
                throw Broken(size, "the BGZF end-of-file marker is missing: the file is truncated (bgzip writes the marker last)");
            return false;
        }
        var (total, length) = BgzfBlock.Inflate(_file.SafeFileHandle, offset, _raw!, _block!, Broken);
        _lastWasEndMarker = length == 0 && _raw.AsSpan(0, total).SequenceEqual(BgzfBlock.EndOfFile);
        _blockOffset = offset + total;
        (_blockStart, _blockEnd) = (0, length);
        return true;
    }

    // The whole file must be complete gzip members; see the class remarks.
    private void CheckComplete()
    {
        long size = RandomAccess.GetLength(_file.SafeFileHandle);
        // A file ending with BGZF's marker whose first block is not BGZF had that block's header
        // damaged (its extra field), and was read as plain gzip: refuse it rather than trust it.
        if (size > BgzfBlock.EndOfFile.Length && BgzfBlock.EndsWithMarker(_file.SafeFileHandle))
            throw Broken(0, "the file ends with the BGZF end-of-file marker but its first block header is not BGZF's: the header is corrupt");
        Span<byte> trailer = stackalloc byte[8];
        // Nothing read matches an empty last member's trailer by chance (a damaged header can make
        // the inflater skip to the end): only the member walk can tell, so an empty result is walked.
        if (_length > 0 && size >= 18 && RandomAccess.Read(_file.SafeFileHandle, trailer, size - 8) == 8
            && BitConverter.ToUInt32(trailer) == _crc.GetCurrentHashAsUInt32()
            && BitConverter.ToUInt32(trailer[4..]) == (uint)_length)
            return;
        WalkMembers(size);
    }

    // GZipStream names no offset when it refuses data; the exact member walk finds where the damage
    // is. The walk stops at the first damaged member, so it throws in all but odd cases.
    private InvalidDataException Locate(InvalidDataException refused)
    {
        long size = RandomAccess.GetLength(_file.SafeFileHandle);
        WalkMembers(size);
        return Broken(_file.Position, $"the gzip data is corrupt ({refused.Message})");
    }

    // Exact but slow (the inflater is fed one byte at a time, so the end of each member's deflate
    // data is known exactly): only for plain gzip files whose last trailer did not match.
    private void WalkMembers(long size)
    {
        long offset = 0;
        var sink = new byte[4096];
        while (offset < size)
        {
            long data = GzipHeaderEnd(offset, size);
            var source = new ByteAtATime(_file, data, size);
            using (var deflate = new DeflateStream(source, CompressionMode.Decompress, leaveOpen: true))
            {
                try
                {
                    while (deflate.Read(sink) > 0) { }
                }
                catch (InvalidDataException e)
                {
                    throw Broken(source.Offset, $"the compressed data of the gzip member at byte {offset:N0} is corrupt ({e.Message})");
                }
            }
            long trailerStart = source.Offset;
            if (source.ReachedEnd || trailerStart + 8 > size)
                throw Broken(size, $"the gzip member at byte {offset:N0} ends before its data and 8-byte trailer are complete: the file is truncated");
            offset = trailerStart + 8;
        }
    }

    private long GzipHeaderEnd(long offset, long size)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        if (offset + 10 > size || RandomAccess.Read(_file.SafeFileHandle, fixedPart, offset) != 10
            || fixedPart[0] != 0x1f || fixedPart[1] != 0x8b || fixedPart[2] != 8)
            throw Broken(offset, "a gzip member header was expected here");
        byte flags = fixedPart[3];
        long at = offset + 10;
        Span<byte> two = stackalloc byte[2];
        if ((flags & 0x04) != 0)
        {
            if (RandomAccess.Read(_file.SafeFileHandle, two, at) != 2) throw Broken(at, "the gzip header is cut short");
            at += 2 + BitConverter.ToUInt16(two);
        }
        Span<byte> one = stackalloc byte[1];
        for (int field = 0x08; field <= 0x10; field <<= 1)
        {
            if ((flags & field) == 0) continue;
            do
            {
                if (RandomAccess.Read(_file.SafeFileHandle, one, at++) != 1) throw Broken(at, "the gzip header is cut short");
            }
            while (one[0] != 0);
        }
        if ((flags & 0x02) != 0) at += 2;
        if (at > size) throw Broken(size, "the gzip header is cut short");
        return at;
    }

    private InvalidDataException Broken(long offset, string what) =>
        new($"{_path}: {what} (at byte {offset:N0} of the compressed file).");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater?.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Hands the inflater one byte per read, so it consumes exactly its member's deflate data.</summary>
    private sealed class ByteAtATime(FileStream file, long start, long end) : ForwardReadStream
    {
        private long _position = start;

        public bool ReachedEnd { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            if (_position >= end)
            {
                ReachedEnd = true;
                return 0;
            }
            int read = RandomAccess.Read(file.SafeFileHandle, buffer[..1], _position);
            _position += read;
            return read;
        }

        public long Offset => _position;
    }
}

/// <summary>The parts of a read-only, forward-only stream that only refuse: the two streams above read through <see cref="Read(Span{byte})"/>.</summary>
internal abstract class ForwardReadStream : Stream
{
    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
