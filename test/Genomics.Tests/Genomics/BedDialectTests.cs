using Cnn.MLNet.Genomics.Tests.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>The BED dialects real pipelines write, each read as it comes, and the few things refused where they are used.</summary>
public sealed class BedDialectTests : IDisposable
{
    private readonly GenomeFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Bed3_reads()
    {
        var intervals = BedFile.Read(_files.Write("bed3.bed", "chr1\t100\t200\nchr2\t0\t50\n"));

        Assert.Equal([("chr1", 100L, 200L), ("chr2", 0L, 50L)], intervals.Select(i => (i.Chromosome, i.Start, i.End)));
        Assert.Equal('.', intervals[0].ParseStrand());
        Assert.Equal([(100L, 200L)], intervals[0].ParseBlocks());
    }

    [Fact]
    public void Bed6_with_float_scores_and_every_strand_reads()
    {
        var intervals = BedFile.Read(_files.Write("bed6.bed",
            "track name=macs2 description=\"MACS2 peaks\"\nchr1\t100\t200\tpeak1\t37.5\t+\nchr1\t300\t400\tpeak2\t1e3\t-\nchr2\t5\t9\tpeak3\t0\t.\n"));

        Assert.Equal(['+', '-', '.'], intervals.Select(i => i.ParseStrand()));
        Assert.Equal(["37.5", "1e3", "0"], intervals.Select(i => i.Score));
    }

    [Fact]
    public void Bed12_blocks_read_as_chromosome_coordinates()
    {
        // UCSC writes trailing commas in the block lists.
        var gene = BedFile.Read(_files.Write("bed12.bed",
            "browser hide all\nchr1\t1000\t5000\tgene1\t960\t+\t1200\t4900\t255,0,0\t3\t500,400,300,\t0,1500,3700,\n"))[0];

        Assert.Equal([(1000L, 1500L), (2500L, 2900L), (4700L, 5000L)], gene.ParseBlocks());
        Assert.Equal(("1200", "4900", "255,0,0"), (gene.Column(6), gene.Column(7), gene.Column(8)));
    }

    [Fact]
    public void NarrowPeak_reads_and_the_summit_anchor_centres_the_window_on_column_10()
    {
        var genome = Genome.Load(_files.FastaPath);
        string path = _files.Write("peaks.narrowPeak",
            "chr1\t900\t1100\tPeak_1\t1000\t.\t55.3\t-1\t12.3\t150\n"    // summit at 1050
            + "chr2\t200\t260\tPeak_2\t640\t.\t20.1\t9.8\t7.2\t-1\n");     // no summit called: the midpoint 230

        var intervals = BedFile.Read(path);
        var view = IntervalSequences.Load(_files.ML, genome, new IntervalSequenceOptions { BedPath = path, Length = 20, Anchor = WindowAnchor.Summit });

        Assert.Equal([150L, null], intervals.Select(i => i.ParseSummit()));
        Assert.Equal([1040L, 220L], GenomeFixture.Column(view, "Start").Cast<long>());
        Assert.Equal(_files.Expected("chr1", 1040, 20), GenomeFixture.Column(view, "Sequence")[0]);
    }

    [Fact]
    public void Peak_training_data_with_the_summit_anchor_puts_positives_on_summits_and_matches_their_gc()
    {
        var genome = Genome.Load(_files.FastaPath);
        string path = _files.Write("summits.narrowPeak",
            "chr1\t900\t1100\tPeak_1\t1000\t.\t55.3\t-1\t12.3\t150\n"
            + "chr2\t200\t260\tPeak_2\t640\t.\t20.1\t9.8\t7.2\t-1\n");
        var options = new PeakTrainingOptions { BedPath = path, Length = 20, Anchor = WindowAnchor.Summit, Negatives = NegativeKind.GcMatched, Seed = 3 };

        var (data, report) = PeakTrainingData.Build(_files.ML, genome, options);

        var starts = GenomeFixture.Column(data, "Start").Cast<long>().ToList();
        var labels = GenomeFixture.Column(data, "Label").Cast<bool>().ToList();
        Assert.Equal([1040L, 220L], starts.Where((_, k) => labels[k]));
        Assert.Equal(2, report.Negatives);
        Assert.Equal(_files.Expected("chr1", 1040, 20), GenomeFixture.Column(data, "Sequence")[0]);
    }

    [Fact]
    public void BroadPeak_reads_and_its_signal_column_can_be_the_label()
    {
        var genome = Genome.Load(_files.FastaPath);
        string path = _files.Write("peaks.broadPeak", "chr1\t1000\t3000\tBroad_1\t500\t.\t4.25\t-1\t3.1\nchr3\t10\t900\tBroad_2\t80\t.\t1.5\t-1\t0.9\n");

        var view = IntervalSequences.Load(_files.ML, genome, new IntervalSequenceOptions
        {
            BedPath = path,
            Length = 30,
            LabelSource = IntervalLabelSource.Column,
            LabelColumn = 6,
            LabelKind = SequenceLabelKind.Single,
        });

        Assert.Equal([4.25f, 1.5f], GenomeFixture.Column(view, "Label").Cast<float>());
    }

    [Fact]
    public void Space_separated_crlf_and_bgzip_files_read_the_same_as_tab_separated()
    {
        string text = "chr1\t10\t20\tp1\t5\t+\nchr2\t7\t9\tp2\t6\t-\n";
        string spaced = _files.Write("spaced.bed", "# from a spreadsheet\r\nchr1  10 20 p1 5 +\r\nchr2 7   9 p2 6 -\r\n");
        string bgzip = Path.Combine(_files.Root, "a.bed.gz");
        File.WriteAllBytes(bgzip, TestCompression.Bgzf(System.Text.Encoding.UTF8.GetBytes(text), out _, blockSize: 16));

        var expected = BedFile.Read(_files.Write("tabs.bed", text)).Select(i => string.Join('|', i.Columns)).ToList();

        Assert.Equal(expected, BedFile.Read(spaced).Select(i => string.Join('|', i.Columns)));
        Assert.Equal(expected, BedFile.Read(bgzip).Select(i => string.Join('|', i.Columns)));
    }

    [Theory]
    [InlineData("chr1\t10\t20\tp\t0\tplus", "ParseStrand", "the strand (column 6) 'plus' must be '+', '-' or '.'")]
    [InlineData("chr1\t10\t20\tp\t0\t.\t1\t-1\t2", "ParseSummit", "has no summit (column 10")]
    [InlineData("chr1\t10\t20\tp\t0\t.\t1\t-1\t2\t10", "ParseSummit", "the peak (column 10) '10' is outside the peak")]
    [InlineData("chr1\t10\t20\tp\t0\t.\t1\t-1\t2\t4.5", "ParseSummit", "the peak (column 10) '4.5' is not an integer")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t2\t5,5,\t0,", "ParseBlocks", "the blockStarts (column 12) '0,' has 1 entries but blockCount (column 10) is 2")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t0\t\t", "ParseBlocks", "the blockCount (column 10) '0' is not a positive integer")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t2\t5,4\t0,5", "ParseBlocks", "ends the last block at 19, not at chromEnd 20")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t2\t6,5\t0,5", "ParseBlocks", "block 2 starting before block 1 ends")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t2\t5,5\t1,5", "ParseBlocks", "must begin with 0")]
    [InlineData("chr1\t10\t20\tg\t0\t+\t10\t20\t0\t2\t5,x\t0,5", "ParseBlocks", "has 'x', not a non-negative integer")]
    public void Standard_columns_that_contradict_the_spec_are_refused_where_used_naming_file_line_and_column(string line, string use, string problem)
    {
        string path = _files.Write("bad.bed", "chr1\t1\t2\n" + line + "\n");
        var interval = BedFile.Read(path)[1];   // reading alone accepts the line: columns 4+ may be labels

        var error = Assert.Throws<FormatException>(() => _ = use switch
        {
            "ParseStrand" => interval.ParseStrand(),
            "ParseSummit" => (object?)interval.ParseSummit(),
            _ => interval.ParseBlocks(),
        });

        Assert.StartsWith($"{path} line 2:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void The_summit_anchor_refuses_a_bed_without_summits_naming_the_line()
    {
        var genome = Genome.Load(_files.FastaPath);
        string path = _files.Write("plain.bed", "chr1\t100\t200\n");

        var error = Assert.Throws<FormatException>(() => IntervalSequences.Describe(genome, new IntervalSequenceOptions { BedPath = path, Length = 10, Anchor = WindowAnchor.Summit }));

        Assert.StartsWith($"{path} line 1:", error.Message);
        Assert.Contains("column 10", error.Message);
    }
}
