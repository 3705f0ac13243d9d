namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>Chromosome alias files: other names for a genome's chromosomes work everywhere a name is taken.</summary>
public sealed class ChromosomeAliasTests : IDisposable
{
    private readonly IndexedGenomeFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Aliases(string text)
    {
        string path = Path.Combine(_files.Root, "aliases.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Aliases_from_two_column_and_ucsc_files_name_the_same_chromosomes()
    {
        string fasta = _files.WritePlain("a.fa", 60);
        // UCSC chromAlias.txt style (several columns, a header comment) and a two-column line, with a sequence the genome lacks.
        string aliases = Aliases("# ucsc\tassembly\tgenbank\tncbi\nchr1\t1\tCM000663.2\tNC_000001.11\nchr2 2\nMT\tchrM\nchr99\t99\n");
        using var genome = Genome.Load(fasta, new GenomeLoadOptions { ChromosomeAliasesPath = aliases, BuildIndex = true });

        Assert.True(genome.Contains("1"));
        Assert.True(genome.Contains("NC_000001.11"));
        Assert.True(genome.Contains("MT"));
        Assert.False(genome.Contains("99"));
        Assert.Equal(genome.LengthOf("chr1"), genome.LengthOf("1"));
        Assert.Equal(genome.Slice("chrM", -3, 70), genome.Slice("MT", -3, 70));
        Assert.Equal(_files.Expected("chr2", 100, 40), genome.Slice("2", 100, 40));
        Assert.Equal(["chr1", "chr2", "chrM", "chr10"], genome.Chromosomes);
    }

    [Fact]
    public void A_bed_naming_aliases_gives_the_rows_of_the_genome_names()
    {
        string fasta = _files.WritePlain("b.fa", 60);
        string ucscBed = Path.Combine(_files.Root, "ucsc.bed"), ensemblBed = Path.Combine(_files.Root, "ensembl.bed");
        File.WriteAllText(ucscBed, "chr1\t100\t200\nchr2\t5000\t5100\n");
        File.WriteAllText(ensemblBed, "1\t100\t200\n2\t5000\t5100\n");
        using var genome = Genome.Load(fasta, new GenomeLoadOptions { ChromosomeAliasesPath = Aliases("1\tchr1\n2\tchr2\n") });
        var ml = new Microsoft.ML.MLContext(seed: 1);

        var ucsc = IntervalSequences.Load(ml, genome, new IntervalSequenceOptions { BedPath = ucscBed, Length = 50 });
        var ensembl = IntervalSequences.Load(ml, genome, new IntervalSequenceOptions { BedPath = ensemblBed, Length = 50 });

        Assert.Equal(GenomeFixture.Column(ucsc, "Sequence"), GenomeFixture.Column(ensembl, "Sequence"));
        Assert.Equal(2, IntervalSequences.Describe(genome, new IntervalSequenceOptions { BedPath = ensemblBed, Length = 50 }).PerChromosome.Count);
    }

    [Fact]
    public void A_blacklist_naming_aliases_excludes_windows_on_the_genome_names()
    {
        string fasta = _files.WritePlain("e.fa", 60);
        string peaks = Path.Combine(_files.Root, "peaks.bed");
        File.WriteAllText(peaks, "chr1\t100\t200\nchr1\t2000\t2100\nchr2\t5000\t5100\n");
        using var genome = Genome.Load(fasta, new GenomeLoadOptions { ChromosomeAliasesPath = Aliases("1\tchr1\n2\tchr2\n") });
        // The blacklist uses the other naming style: its regions must still meet the peaks' windows.
        var blacklist = new ExcludedRegions([("1", 120, 130), ("2", 5040, 5041)]);

        var report = IntervalSequences.Describe(genome, new IntervalSequenceOptions { BedPath = peaks, Length = 50, Exclude = blacklist });

        Assert.Equal(2, report.ExcludedRows);
        Assert.Equal(0, report.ExcludedRegionsNotInGenome);
        var sample = GcMatchedBackground.Sample(genome, [("chr1", 2000, 2100)], 50, 40, seed: 3, new GcMatchedOptions { Exclude = new ExcludedRegions([("1", 0, 1500)]) });
        Assert.All(sample.Intervals, i => Assert.False(i.Chromosome == "chr1" && i.Start < 1500, $"{i.Chromosome}:{i.Start} overlaps the blacklist"));
        Assert.True(sample.Report.ExcludedDraws > 0, "no draw met the blacklist, so the test shows nothing about its names");
    }

    [Fact]
    public void An_alias_file_mapping_a_name_to_two_chromosomes_is_refused_naming_file_and_line()
    {
        string fasta = _files.WritePlain("c.fa", 60);
        string twoOnOneLine = Aliases("# names\nchr1\tchr2\tx\n");
        var error = Assert.Throws<FormatException>(() => Genome.Load(fasta, new GenomeLoadOptions { ChromosomeAliasesPath = twoOnOneLine }));
        Assert.StartsWith($"{twoOnOneLine} line 2:", error.Message);
        Assert.Contains("'chr1', 'chr2'", error.Message);

        string twoLines = Aliases("1\tchr1\nchr2\t1\n");
        error = Assert.Throws<FormatException>(() => Genome.Load(fasta, new GenomeLoadOptions { ChromosomeAliasesPath = twoLines }));
        Assert.StartsWith($"{twoLines} line 2:", error.Message);
        Assert.Contains("'1'", error.Message);
    }

    [Fact]
    public void An_unknown_chromosome_keeps_the_naming_hint_and_mentions_aliases()
    {
        string fasta = _files.WritePlain("d.fa", 60);
        using var genome = Genome.Load(fasta);

        var error = Assert.Throws<ArgumentException>(() => genome.Slice("1", 0, 5));
        Assert.Contains("'chr1'", error.Message);
        Assert.Contains("UCSC names", error.Message);
        Assert.Contains("--chrom-aliases", error.Message);
        Assert.Contains("--chrom-aliases", Assert.Throws<ArgumentException>(() => genome.LengthOf("NC_000001.11")).Message);
    }
}
