namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>An indexed genome (plain + .fai, bgzip + .fai + .gzi) gives exactly the bases of the same FASTA read into memory.</summary>
public sealed class IndexedGenomeTests : IDisposable
{
    private readonly IndexedGenomeFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly GenomeLoadOptions Build = new() { BuildIndex = true };

    public static TheoryData<int, int> Layouts => new()
    {
        { 60, 0 }, { 70, 0 }, { 61, 0 }, { 1, 0 },             // plain FASTA
        { 60, 1_000 }, { 70, 333 }, { 61, 65_280 }, { 7, 97 },  // BGZF; blocks that split lines (and a base from its line end)
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Slices_equal_the_in_memory_genome_everywhere(int width, int blockSize)
    {
        string path = blockSize == 0 ? _files.WritePlain($"w{width}.fa", width) : _files.WriteBgzf($"w{width}b{blockSize}.fa.gz", width, blockSize);
        using var memory = Genome.Load(path);
        using var indexed = Genome.Load(path, Build);

        Assert.False(memory.IsIndexed);
        Assert.True(indexed.IsIndexed);
        Assert.True(File.Exists(path + ".fai"));
        Assert.Equal(blockSize > 0, File.Exists(path + ".gzi"));
        Assert.Equal(memory.Chromosomes, indexed.Chromosomes);
        Assert.Equal(memory.TotalLength, indexed.TotalLength);
        var random = new Random(width * 7 + blockSize);
        foreach (string chromosome in _files.Sequences.Keys)
        {
            int size = indexed.LengthOf(chromosome);
            Assert.Equal(_files.Sequences[chromosome], indexed.Slice(chromosome, 0, size));
            for (int i = 0; i < 150; i++)
            {
                long start = random.Next(-300, size + 300);
                int length = random.Next(0, 2_500);
                string expected = _files.Expected(chromosome, start, length);
                Assert.Equal(expected, memory.Slice(chromosome, start, length));
                Assert.Equal(expected, indexed.Slice(chromosome, start, length));
            }
        }
        // Lowercase (soft-masked) and N runs survive.
        string all = string.Concat(_files.Sequences.Keys.Select(c => indexed.Slice(c, 0, indexed.LengthOf(c))));
        Assert.Contains(all, char.IsLower);
        Assert.Contains('N', all);
    }

    [Fact]
    public void A_reopened_index_is_used_without_building_and_parallel_reads_agree()
    {
        string path = _files.WriteBgzf("parallel.fa.gz", 60, 500);
        Genome.Load(path, Build).Dispose();
        using var genome = Genome.Load(path);

        Assert.True(genome.IsIndexed);
        Parallel.For(0, 2_000, i =>
        {
            var random = new Random(i);
            string chromosome = _files.Sequences.Keys.ElementAt(i % _files.Sequences.Count);
            long start = random.Next(-50, genome.LengthOf(chromosome));
            int length = random.Next(1, 800);
            Assert.Equal(_files.Expected(chromosome, start, length), genome.Slice(chromosome, start, length));
        });
    }

    [Fact]
    public void Windows_line_ends_index_and_read_alike()
    {
        string path = _files.WritePlain("crlf.fa", 60, "\r\n");
        using var genome = Genome.Load(path, Build);

        Assert.Equal([$"chr1\t10007\t{">chr1 description words\r\n".Length}\t60\t62"], File.ReadLines(path + ".fai").Take(1));
        Assert.Equal(_files.Expected("chr2", 5_990, 30), genome.Slice("chr2", 5_990, 30));
    }

    [Fact]
    public void Plain_gzip_is_read_into_memory_with_a_note_and_cannot_be_indexed()
    {
        string path = Path.Combine(_files.Root, "plain.fa.gz");
        File.WriteAllBytes(path, Data.TestCompression.Gzip(_files.Fasta(60).TrimEnd('\n').Split('\n'), out _));

        using var genome = Genome.Load(path);
        Assert.False(genome.IsIndexed);
        Assert.Contains("plain gzip", genome.Note);
        Assert.Contains("bgzip", genome.Note);
        Assert.Equal(_files.Expected("chr1", 100, 50), genome.Slice("chr1", 100, 50));

        var error = Assert.Throws<FormatException>(() => Genome.Load(path, Build));
        Assert.Contains(path, error.Message);
        Assert.Contains("bgzip", error.Message);
        Assert.False(File.Exists(path + ".fai"));
    }

    [Fact]
    public void An_unindexed_genome_loads_into_memory_as_before()
    {
        string path = _files.WritePlain("memory.fa", 60);
        using var genome = Genome.Load(path);

        Assert.False(genome.IsIndexed);
        Assert.Null(genome.Note);
        Assert.False(File.Exists(path + ".fai"));
    }

    [Fact]
    public void Disposing_an_indexed_genome_closes_its_file()
    {
        string path = _files.WriteBgzf("dispose.fa.gz", 60, 1_000);
        var genome = Genome.Load(path, Build);
        genome.Slice("chr1", 0, 10);
        genome.Dispose();

        File.Delete(path);
        Assert.Throws<ObjectDisposedException>(() => genome.Slice("chr1", 5_000, 10));
    }
}
