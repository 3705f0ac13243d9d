namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>Our indexes equal samtools' byte for byte, and indexes made by samtools and bgzip are read.</summary>
public sealed class SamtoolsCompatibilityTests : IDisposable
{
    private readonly IndexedGenomeFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Copy(string path, string name)
    {
        string copy = Path.Combine(_files.Root, name);
        File.Copy(path, copy);
        return copy;
    }

    [ToolFact("samtools")]
    public void Built_fai_equals_samtools_faidx_for_plain_fasta()
    {
        foreach (int width in new[] { 60, 70, 61 })
        {
            string ours = _files.WritePlain($"ours{width}.fa", width);
            string theirs = Copy(ours, $"theirs{width}.fa");
            Genome.Load(ours, new GenomeLoadOptions { BuildIndex = true }).Dispose();
            ExternalTool.Run("samtools", _files.Root, "faidx", theirs);

            Assert.Equal(File.ReadAllBytes(theirs + ".fai"), File.ReadAllBytes(ours + ".fai"));
        }
    }

    [ToolFact("samtools", "bgzip")]
    public void Built_fai_and_gzi_equal_samtools_faidx_for_bgzip_fasta()
    {
        string plain = _files.WritePlain("b.fa", 60);
        ExternalTool.Run("bgzip", _files.Root, "-k", plain); // real bgzip blocks (65,280 bytes)
        string ours = plain + ".gz";
        string theirs = Copy(ours, "theirs.fa.gz");
        string small = _files.WriteBgzf("small.fa.gz", 70, 777); // our test writer's small blocks
        string smallTheirs = Copy(small, "small-theirs.fa.gz");
        foreach (var (mine, other) in new[] { (ours, theirs), (small, smallTheirs) })
        {
            Genome.Load(mine, new GenomeLoadOptions { BuildIndex = true }).Dispose();
            ExternalTool.Run("samtools", _files.Root, "faidx", other);

            Assert.Equal(File.ReadAllBytes(other + ".fai"), File.ReadAllBytes(mine + ".fai"));
            Assert.Equal(File.ReadAllBytes(other + ".gzi"), File.ReadAllBytes(mine + ".gzi"));
        }
    }

    [ToolFact("samtools", "bgzip")]
    public void Indexes_made_by_samtools_and_bgzip_are_read()
    {
        string plain = _files.WritePlain("s.fa", 70);
        string bgzf = Copy(plain, "s2.fa");
        ExternalTool.Run("samtools", _files.Root, "faidx", plain);
        ExternalTool.Run("bgzip", _files.Root, "-i", "-@", "2", bgzf); // writes s2.fa.gz and its .gzi
        ExternalTool.Run("samtools", _files.Root, "faidx", bgzf + ".gz");

        using var first = Genome.Load(plain);
        using var second = Genome.Load(bgzf + ".gz");
        Assert.True(first.IsIndexed);
        Assert.True(second.IsIndexed);
        var random = new Random(3);
        foreach (string chromosome in _files.Sequences.Keys)
        {
            for (int i = 0; i < 100; i++)
            {
                int size = first.LengthOf(chromosome);
                long start = random.Next(-100, size + 100);
                int length = random.Next(0, 3_000);
                string expected = _files.Expected(chromosome, start, length);
                Assert.Equal(expected, first.Slice(chromosome, start, length));
                Assert.Equal(expected, second.Slice(chromosome, start, length));
            }
        }
    }
}
