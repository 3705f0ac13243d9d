using Microsoft.ML;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class ChromosomeSplitTests : IDisposable
{
    private readonly GenomeFixture _files = new();
    private readonly Genome _genome;

    public ChromosomeSplitTests() => _genome = Genome.Load(_files.FastaPath);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_part_of_a_shuffleable_view_shuffles_as_a_permutation_of_its_rows()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 200).Select(i => new SplitRow { Chromosome = i % 4 == 0 ? "chr2" : "chr1", Index = i }).ToList();
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows)); // a cached view can shuffle
        Assert.True(data.CanShuffle);
        var train = ChromosomeSplit.Split(data, ["chr2"]).Train;
        Assert.True(train.CanShuffle);
        int[] Read(Random? random)
        {
            var column = train.Schema["Index"];
            using var cursor = train.GetRowCursor([column], random);
            var getter = cursor.GetGetter<int>(column);
            var seen = new List<int>();
            int value = 0;
            while (cursor.MoveNext()) { getter(ref value); seen.Add(value); }
            return [.. seen];
        }
        var ordered = Read(null);
        var shuffled = Read(new Random(3));
        Assert.Equal(rows.Where(r => r.Chromosome == "chr1").Select(r => r.Index), ordered);
        Assert.NotEqual(ordered, shuffled);
        Assert.Equal(ordered, shuffled.Order());
    }

    private sealed class SplitRow
    {
        public string Chromosome { get; set; } = "";
        public int Index { get; set; }
    }

    [Fact]
    public void Each_chromosome_lands_in_exactly_one_part_and_the_report_counts_rows_and_positives()
    {
        // Score column = site index % 2: positives are the odd sites 1 (chr1), 3 (chr2), 5 (chr3), 7 (chrX).
        string bed = _files.Write("scores.bed", string.Concat(GenomeFixture.MotifSites.Select((s, i) => $"{s.Chromosome}\t{s.Position}\t{s.Position + 8}\tp{i}\t{i % 2}\n")));
        var data = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = bed,
            Length = 30,
            LabelSource = IntervalLabelSource.Column,
            LabelKind = SequenceLabelKind.Single,
        });

        var split = ChromosomeSplit.Split(data, ["chr2"], ["chr3"]);

        Assert.Equal(["chr1", "chr1", "chr1", "chrX"], GenomeFixture.Column(split.Train, "Chromosome"));
        Assert.Equal(["chr3", "chr3"], GenomeFixture.Column(split.Validation!, "Chromosome"));
        Assert.Equal(["chr2", "chr2"], GenomeFixture.Column(split.Test, "Chromosome"));
        Assert.Equal(_files.Expected("chr2", 20 + 4 - 15, 30), GenomeFixture.Column(split.Test, "Sequence")[0]);
        Assert.Equal([1f, 0f], GenomeFixture.Column(split.Test, "Label"));

        var report = split.Report;
        Assert.Equal(["train", "validation", "test"], report.Parts.Select(p => p.Part));
        Assert.Equal((4L, 2L), (report["train"]!.Rows, report["train"]!.Positives![0]));
        Assert.Equal((2L, 1L), (report["validation"]!.Rows, report["validation"]!.Positives![0]));
        Assert.Equal((2L, 1L), (report["test"]!.Rows, report["test"]!.Positives![0]));
        Assert.Equal(["chr1", "chrX"], report["train"]!.Chromosomes);
        string table = report.ToString();
        Assert.Contains("positives", table);
        Assert.Contains("chr1,chrX", table);
    }

    [Fact]
    public void Vector_labels_are_counted_per_task_and_a_split_without_validation_has_none()
    {
        string peaks = _files.WriteMotifPeaks();
        string a = _files.Write("a.bed", "chr1\t994\t1014\nchr2\t14\t34\nchrX\t1494\t1514\n");
        string b = _files.Write("b.bed", "chr2\t5994\t6014\n");
        var data = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = peaks,
            Length = 40,
            LabelSource = IntervalLabelSource.Tasks,
            TaskBedPaths = [a, b],
        });

        var split = ChromosomeSplit.Split(data, ["chr2", "chrX"]);

        Assert.Null(split.Validation);
        Assert.Equal(["a", "b"], split.Report.TaskNames);
        Assert.Equal([1L, 0L], split.Report["train"]!.Positives);
        Assert.Equal([2L, 1L], split.Report["test"]!.Positives);
        Assert.Equal(5, split.Report["train"]!.Rows);
        Assert.Equal(3, split.Report["test"]!.Rows);
        Assert.Contains("+a", split.Report.ToString());
        Assert.DoesNotContain("chr2", GenomeFixture.Column(split.Train, "Chromosome"));
    }

    [Fact]
    public void A_chromosome_in_two_parts_or_absent_from_the_data_is_an_error_naming_it()
    {
        var data = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions { BedPath = _files.WriteMotifPeaks(), Length = 10 });

        var both = Assert.Throws<ArgumentException>(() => ChromosomeSplit.Split(data, ["chr2", "chr3"], ["chr3"]));
        var typo = Assert.Throws<ArgumentException>(() => ChromosomeSplit.Split(data, ["Chr2"]));
        var none = Assert.Throws<ArgumentException>(() => ChromosomeSplit.Split(data, ["chr1", "chr2"], ["chr3", "chrX"]));

        Assert.Contains("'chr3'", both.Message);
        Assert.Contains("'Chr2'", typo.Message);
        Assert.Contains("'chr1', 'chr2', 'chr3', 'chrX'", typo.Message);
        Assert.Contains("none is left for training", none.Message);
    }

    [Fact]
    public void The_parts_work_in_an_ml_net_pipeline()
    {
        var ml = new MLContext(seed: 1);
        var data = IntervalSequences.Load(ml, _genome, new IntervalSequenceOptions { BedPath = _files.WriteMotifPeaks(), Length = 10 });

        var split = ChromosomeSplit.Split(data, ["chr1"]);
        var cached = ml.Data.Cache(split.Test);

        Assert.Equal(3, ml.Data.CreateEnumerable<Row>(cached, reuseRowObject: false).Count());
        Assert.All(ml.Data.CreateEnumerable<Row>(split.Train, reuseRowObject: false), r => Assert.NotEqual("chr1", r.Chromosome));
    }

    private sealed class Row
    {
        public string Sequence { get; set; } = "";

        public string Chromosome { get; set; } = "";

        public long Start { get; set; }
    }
}
