using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Chooses where a genome's bases are read from: an indexed FASTA on disk when its index exists
/// (<c>.fai</c>, plus <c>.gzi</c> for bgzip) or <see cref="GenomeLoadOptions.BuildIndex"/> builds it;
/// otherwise the whole FASTA read into memory, as before indexes were supported.
/// </summary>
internal static class GenomeStorage
{
    private const long LargeGenome = 200_000_000;

    private enum Compression { None, Bgzf, Gzip }

    /// <summary>Opens the storage and, when the user should know how it was read, a note saying so.</summary>
    public static (GenomeBases Bases, string? Note) Open(string path, string fullPath, GenomeLoadOptions options)
    {
        string fai = fullPath + ".fai", gzi = fullPath + ".gzi";
        var compression = Detect(fullPath);
        if (compression == Compression.Gzip)
        {
            if (options.BuildIndex)
            {
                throw new FormatException($"{path}: the file is plain gzip, which cannot be read at random positions, so it cannot be indexed. "
                    + $"Recompress it with bgzip ('gunzip -c {System.IO.Path.GetFileName(path)} | bgzip > genome.fa.gz'), then index that.");
            }
            return (ReadIntoMemory(path, fullPath),
                $"{path} is plain gzip, which cannot be read at random positions: the whole genome was read into memory. "
                + "Recompress it with bgzip and index it (--build-index, or 'samtools faidx') to read it from disk.");
        }
        if (options.BuildIndex) BuildMissing(path, fullPath, compression == Compression.Bgzf);
        if (!File.Exists(fai))
        {
            var memory = ReadIntoMemory(path, fullPath);
            long bases = Enumerable.Range(0, memory.Names.Count).Sum(memory.LengthOf);
            // Only worth a word when the memory is: a small genome read whole is the right thing.
            string? note = bases < LargeGenome ? null
                : $"{path} has no index ({System.IO.Path.GetFileName(fai)}): its {bases / 1e9:F1} Gb were read into memory; --build-index (or 'samtools faidx') lets it be read from disk instead.";
            return (memory, note);
        }
        if (compression == Compression.Bgzf && !File.Exists(gzi))
        {
            throw new FileNotFoundException($"{path}: the genome is bgzip-compressed and has the index '{fai}' but not '{gzi}', which random access also needs. "
                + "Build it with --build-index (GenomeLoadOptions.BuildIndex) or 'samtools faidx'.", gzi);
        }
        return (OpenIndexed(path, fullPath, fai, compression == Compression.Bgzf ? gzi : null), null);
    }

    /// <summary>Reads the FASTA whole, checking it as <see cref="GenomeBuilder"/> does.</summary>
    public static InMemoryGenomeBases ReadIntoMemory(string path, string fullPath)
    {
        using var lines = LineReader.Open(path, fullPath);
        var builder = new GenomeBuilder(path);
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            var content = line.AsSpan().Trim();
            if (content.IsEmpty || content[0] == ';')
                continue;
            if (content[0] == '>')
                builder.StartRecord(content, lines.LineNumber);
            else
                builder.AppendBases(content, lines.LineNumber);
        }
        var (names, sequences) = builder.Finish(lines.LineNumber);
        return new InMemoryGenomeBases(names, sequences);
    }

    private static IndexedGenomeBases OpenIndexed(string path, string fullPath, string fai, string? gzi)
    {
        var entries = FaiIndex.Read(fai);
        var file = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            IRandomBytes bytes;
            if (gzi is null) bytes = new PlainFileBytes(file, path);
            else
            {
                if (!BgzfBlock.EndsWithMarker(file))
                    throw new FormatException($"{path}: the BGZF end-of-file marker is missing (at byte {RandomAccess.GetLength(file):N0} of the compressed file): the file is truncated (bgzip writes the marker last).");
                var (compressed, uncompressed) = GziIndex.Read(gzi);
                bytes = new BgzfRandomAccess(file, path, compressed, uncompressed, gzi);
            }
            return new IndexedGenomeBases(file, bytes, entries, path, fai);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // Writes the .fai (and for bgzip the .gzi) that do not exist yet, as samtools faidx would.
    private static void BuildMissing(string path, string fullPath, bool bgzf)
    {
        string fai = fullPath + ".fai", gzi = fullPath + ".gzi";
        if (bgzf && !File.Exists(gzi))
        {
            using var file = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!BgzfBlock.EndsWithMarker(file))
                throw new FormatException($"{path}: the BGZF end-of-file marker is missing (at byte {RandomAccess.GetLength(file):N0} of the compressed file): the file is truncated (bgzip writes the marker last).");
            var (compressed, uncompressed) = GziIndex.Build(file, path);
            WriteAtomically(gzi, temporary => GziIndex.Write(temporary, compressed, uncompressed));
        }
        if (!File.Exists(fai))
        {
            List<FaiEntry> entries;
            using (var stream = OpenSequential(fullPath, path, bgzf)) entries = FaiBuilder.Build(stream, path);
            WriteAtomically(fai, temporary => FaiIndex.Write(temporary, entries));
        }
    }

    // Written beside and renamed, so an interrupted build never leaves a partial index that a later run would trust.
    private static void WriteAtomically(string path, Action<string> write)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Stream OpenSequential(string fullPath, string path, bool bgzf)
    {
        var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return bgzf ? new CheckedGzipStream(file, path) : file;
    }

    private static Compression Detect(string fullPath)
    {
        using SafeFileHandle file = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> signature = stackalloc byte[2];
        if (RandomAccess.Read(file, signature, 0) < 2 || signature[0] != 0x1F || signature[1] != 0x8B) return Compression.None;
        return BgzfBlock.SizeAt(file, 0) is null ? Compression.Gzip : Compression.Bgzf;
    }
}
