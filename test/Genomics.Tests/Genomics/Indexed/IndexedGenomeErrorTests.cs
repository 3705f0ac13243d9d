namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>Damaged genomes and indexes are refused with the file and the byte offset or line.</summary>
public sealed class IndexedGenomeErrorTests : IDisposable
{
    private readonly IndexedGenomeFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly GenomeLoadOptions Build = new() { BuildIndex = true };

    private string IndexedBgzf(string name)
    {
        string path = _files.WriteBgzf(name, 60, 1_000);
        Genome.Load(path, Build).Dispose();
        return path;
    }

    [Fact]
    public void A_corrupted_block_is_refused_naming_the_file_and_offset()
    {
        string path = IndexedBgzf("corrupt.fa.gz");
        byte[] bytes = File.ReadAllBytes(path);
        int middle = bytes.Length / 2;
        bytes[middle] ^= 0x55;
        File.WriteAllBytes(path, bytes);

        using var genome = Genome.Load(path);
        var error = Assert.Throws<FormatException>(() =>
        {
            foreach (string c in genome.Chromosomes) genome.Slice(c, 0, genome.LengthOf(c));
        });
        Assert.Contains(path, error.Message);
        Assert.Contains("at byte", error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void A_truncated_bgzip_genome_is_refused_when_opened()
    {
        string path = IndexedBgzf("truncated.fa.gz");
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^28]); // cut at a block boundary: only the missing end-of-file marker tells

        var error = Assert.Throws<FormatException>(() => Genome.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("end-of-file marker", error.Message);
        Assert.Contains($"at byte {bytes.Length - 28:N0}", error.Message);
    }

    [Fact]
    public void A_bgzip_genome_with_a_fai_but_no_gzi_says_how_to_build_it()
    {
        string path = IndexedBgzf("nogzi.fa.gz");
        File.Delete(path + ".gzi");

        var error = Assert.Throws<FileNotFoundException>(() => Genome.Load(path));
        Assert.Contains(path + ".gzi", error.Message);
        Assert.Contains("--build-index", error.Message);
        Assert.Contains("samtools faidx", error.Message);

        using var rebuilt = Genome.Load(path, Build); // writes only the missing .gzi
        Assert.True(rebuilt.IsIndexed);
        Assert.Equal(_files.Expected("chr2", 1_234, 100), rebuilt.Slice("chr2", 1_234, 100));
    }

    [Theory]
    [InlineData("chr1\t10007\t6\t60\n", "found 4")]
    [InlineData("chr1\tmany\t6\t60\t61", "length 'many'")]
    [InlineData("chr1\t10007\t6\t0\t61", "line bases '0'")]
    [InlineData("chr1\t10007\t6\t60\t60", "no room for a line end")]
    [InlineData("chr1\t99999999\t6\t60\t61", "past the end")]
    public void A_malformed_fai_is_refused_naming_the_index_and_line(string secondLine, string expected)
    {
        string path = _files.WritePlain("bad.fa", 60);
        File.WriteAllText(path + ".fai", $"chrM\t61\t0\t60\t61\n{secondLine.TrimEnd('\n')}\n");

        var error = Assert.Throws<FormatException>(() => Genome.Load(path));
        Assert.StartsWith($"{path}.fai line 2:", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_fai_whose_layout_disagrees_with_the_fasta_is_refused_when_read()
    {
        string path = _files.WritePlain("stale.fa", 60);
        Genome.Load(path, Build).Dispose();
        File.WriteAllText(path, _files.Fasta(59)); // rewrapped after indexing (longer, so every offset still fits), same sequences

        using var genome = Genome.Load(path);
        var error = Assert.Throws<FormatException>(() => genome.Slice("chr2", 0, 500));
        Assert.StartsWith($"{path}.fai line 2:", error.Message);
        Assert.Contains("line layout", error.Message);
        Assert.Contains("byte", error.Message);
    }

    [Fact]
    public void A_fasta_with_ragged_lines_cannot_be_indexed()
    {
        string path = Path.Combine(_files.Root, "ragged.fa");
        File.WriteAllText(path, ">a\nACGTACGT\nACG\nACGTACGT\n");

        var error = Assert.Throws<FormatException>(() => Genome.Load(path, Build));
        Assert.StartsWith($"{path} line 4:", error.Message);
        Assert.False(File.Exists(path + ".fai"));
    }
}
