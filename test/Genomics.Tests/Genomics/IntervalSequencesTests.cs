using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class IntervalSequencesTests : IDisposable
{
    private readonly GenomeFixture _files = new();
    private readonly Genome _genome;

    public IntervalSequencesTests() => _genome = Genome.Load(_files.FastaPath);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Centred_windows_are_exact_substrings_of_the_genome_with_the_motif_in_the_middle()
    {
        string bed = _files.WriteMotifPeaks();

        var view = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions { BedPath = bed, Length = 40 });

        Assert.Equal(["Sequence", "Chromosome", "Start", "End", "Label"], view.Schema.Select(c => c.Name));
        Assert.Equal(BooleanDataViewType.Instance, view.Schema["Label"].Type);
        Assert.Equal(GenomeFixture.MotifSites.Count, view.GetRowCount());
        var sequences = GenomeFixture.Column(view, "Sequence");
        var chromosomes = GenomeFixture.Column(view, "Chromosome");
        var starts = GenomeFixture.Column(view, "Start");
        var ends = GenomeFixture.Column(view, "End");
        for (int i = 0; i < GenomeFixture.MotifSites.Count; i++)
        {
            var (chromosome, position) = GenomeFixture.MotifSites[i];
            long start = position + 4 - 20; // interval [p-6, p+14): midpoint p+4, window starts 20 before it
            Assert.Equal(chromosome, chromosomes[i]);
            Assert.Equal(start, starts[i]);
            Assert.Equal(start + 40, ends[i]);
            Assert.Equal(_files.Expected(chromosome, start, 40), sequences[i]);
            Assert.Equal(40, ((string)sequences[i]).Length);
            Assert.Equal(GenomeFixture.Motif, ((string)sequences[i]).Substring(16, 8));
        }
        Assert.All(GenomeFixture.Column(view, "Label"), v => Assert.Equal(true, v));
    }

    [Fact]
    public void Start_and_End_anchors_put_the_window_at_the_interval_edges()
    {
        string bed = _files.Write("one.bed", "chr1\t1000\t1050\n");

        var atStart = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions { BedPath = bed, Length = 30, Anchor = WindowAnchor.Start });
        var atEnd = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions { BedPath = bed, Length = 30, Anchor = WindowAnchor.End });

        Assert.Equal(_files.Expected("chr1", 1000, 30), Assert.Single(GenomeFixture.Column(atStart, "Sequence")));
        Assert.Equal(_files.Expected("chr1", 1020, 30), Assert.Single(GenomeFixture.Column(atEnd, "Sequence")));
        Assert.Equal(1020L, Assert.Single(GenomeFixture.Column(atEnd, "Start")));
    }

    [Fact]
    public void Windows_past_chromosome_ends_are_padded_with_N_and_counted_not_dropped()
    {
        string bed = _files.WriteMotifPeaks();
        var options = new IntervalSequenceOptions { BedPath = bed, Length = 101, LabelSource = IntervalLabelSource.None };

        var view = IntervalSequences.Load(_files.ML, _genome, options);
        var report = IntervalSequences.Describe(_genome, options);

        Assert.Equal(["Sequence", "Chromosome", "Start", "End"], view.Schema.Select(c => c.Name));
        var sequences = GenomeFixture.Column(view, "Sequence").Cast<string>().ToArray();
        Assert.Equal(8, sequences.Length);
        Assert.StartsWith(new string('N', 26), sequences[3]);            // chr2: window starts at 20 + 4 − 50 = −26
        Assert.Equal(_files.Expected("chr2", -26, 101), sequences[3]);
        Assert.EndsWith(new string('N', 45), sequences[5]);              // chr3 (8 kb): window [7944, 8045)
        Assert.Equal(_files.Expected("chr3", 7_944, 101), sequences[5]);
        Assert.Equal(8, report.Rows);
        Assert.Equal(2, report.PaddedRows);
        Assert.Equal(["chr1:3/0", "chr2:2/1", "chr3:2/1", "chrX:1/0"], report.PerChromosome.Select(c => $"{c.Chromosome}:{c.Rows}/{c.PaddedRows}"));
        Assert.Contains("total", report.ToString());
    }

    [Fact]
    public void A_label_can_be_read_from_a_bed_column()
    {
        string bed = _files.WriteMotifPeaks();

        var view = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = bed,
            Length = 20,
            LabelSource = IntervalLabelSource.Column,
            LabelColumn = 4,
            LabelKind = SequenceLabelKind.Single,
        });

        Assert.Equal(NumberDataViewType.Single, view.Schema["Label"].Type);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (object)(float)i), GenomeFixture.Column(view, "Label"));
    }

    [Fact]
    public void A_bad_label_or_missing_label_column_names_file_and_line()
    {
        string bed = _files.Write("labels.bed", "chr1\t10\t20\tp\t0.5\nchr1\t30\t40\tq\tmany\n");
        string short_ = _files.Write("short.bed", "chr1\t10\t20\n");

        var bad = Assert.Throws<FormatException>(() => IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = bed,
            LabelSource = IntervalLabelSource.Column,
            LabelKind = SequenceLabelKind.Single,
        }));
        var missing = Assert.Throws<FormatException>(() => IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = short_,
            LabelSource = IntervalLabelSource.Column,
        }));

        Assert.StartsWith($"{bed} line 2", bad.Message);
        Assert.StartsWith($"{short_} line 1", missing.Message);
    }

    [Fact]
    public void Multi_task_labels_mark_the_tasks_whose_intervals_hold_the_window_centre()
    {
        string peaks = _files.WriteMotifPeaks();
        string a = Subset("a.bed", 0, 1, 3);
        string b = Subset("b.bed", 1, 2, 5);

        var view = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = peaks,
            Length = 50,
            LabelSource = IntervalLabelSource.Tasks,
            TaskBedPaths = [a, b],
        });

        var type = Assert.IsType<VectorDataViewType>(view.Schema["Label"].Type);
        Assert.Equal(2, type.Size);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        view.Schema["Label"].GetSlotNames(ref slotNames);
        Assert.Equal(["a", "b"], slotNames.DenseValues().Select(n => n.ToString()));
        var labels = GenomeFixture.Column(view, "Label").Cast<float[]>().ToArray();
        float[][] expected = [[1, 0], [1, 1], [0, 1], [1, 0], [0, 0], [0, 1], [0, 0], [0, 0]];
        Assert.Equal(expected, labels);

        var union = IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            Length = 50,
            LabelSource = IntervalLabelSource.Tasks,
            TaskBedPaths = [a, b],
            TaskNames = ["jun", "fos"],
        });
        float[][] unionExpected = [[1, 0], [1, 1], [1, 0], [1, 1], [0, 1], [0, 1]];
        Assert.Equal(unionExpected, GenomeFixture.Column(union, "Label").Cast<float[]>().ToArray());
    }

    [Fact]
    public void An_unknown_chromosome_in_a_task_file_names_file_and_line()
    {
        string peaks = _files.WriteMotifPeaks();
        string bad = _files.Write("bad-task.bed", "chr1\t1\t5\nchrY\t1\t5\n");

        var error = Assert.Throws<FormatException>(() => IntervalSequences.Load(_files.ML, _genome, new IntervalSequenceOptions
        {
            BedPath = peaks,
            LabelSource = IntervalLabelSource.Tasks,
            TaskBedPaths = [bad],
        }));

        Assert.StartsWith($"{bad} line 2", error.Message);
        Assert.Contains("'chrY'", error.Message);
    }

    private string Subset(string name, params int[] sites) =>
        _files.Write(name, string.Concat(sites.Select(i => GenomeFixture.MotifSites[i]).Select(s => $"{s.Chromosome}\t{s.Position - 6}\t{s.Position + 14}\n")));
}
