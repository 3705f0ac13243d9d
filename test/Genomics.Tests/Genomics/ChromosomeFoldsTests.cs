using Microsoft.ML;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary><see cref="ChromosomeFolds"/>: the balanced table, its TSV form and the errors of a hand-written one.</summary>
public sealed class ChromosomeFoldsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chromosome-folds-" + Guid.NewGuid().ToString("N"));

    public ChromosomeFoldsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Rows per chromosome, in this (data) order.
    private static IDataView Data(params (string Chromosome, int Rows)[] counts)
    {
        var ml = new MLContext(seed: 1);
        return ml.Data.LoadFromEnumerable(counts.SelectMany(c => Enumerable.Range(0, c.Rows).Select(_ => new Row { Chromosome = c.Chromosome })).ToList());
    }

    [Fact]
    public void Balance_puts_the_largest_chromosome_first_into_the_smallest_group_ties_in_genome_order()
    {
        // Rows: a 10, b 7, c 4, d 3, e 3 (d and e tie; the genome lists e first, the data d first).
        var data = Data(("d", 3), ("a", 10), ("b", 7), ("c", 4), ("e", 3));
        var folds = ChromosomeFolds.Balance(data, 3, ["a", "b", "c", "e", "d", "unused"]);
        // a → 0 [10,0,0]; b → 1 [10,7,0]; c → 2 [10,7,4]; e → 2 [10,7,7]; d → 1 (tie 7 = 7: the lower group) [10,10,7].
        Assert.Equal("fold\ttest\tvalidation\n0\ta\tb,d\n1\tb,d\tc,e\n2\tc,e\ta\n", folds.ToString());

        // Two folds: a → 0 [10,0]; b → 1 [10,7]; c → 1 [10,11]; e → 0 [13,11]; d → 1 [13,14]; no validation.
        var two = ChromosomeFolds.Balance(data, 2, ["a", "b", "c", "e", "d"]);
        Assert.Equal("fold\ttest\tvalidation\n0\ta,e\t\n1\tb,c,d\t\n", two.ToString());
        var split = two.Split(data, 0);
        Assert.Null(split.Validation);
        Assert.Equal(13, split.Report["test"]!.Rows);
        Assert.Equal(14, split.Report["train"]!.Rows);
    }

    [Fact]
    public void Too_few_chromosomes_is_an_error_naming_the_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => ChromosomeFolds.Balance(Data(("a", 2), ("b", 2)), 3, ["a", "b"]));
        Assert.Contains("rows on 2 chromosome(s)", e.Message);
        Assert.Contains("fewer than the 3 folds", e.Message);
    }

    [Fact]
    public void The_tsv_form_reads_back_as_it_was_written()
    {
        var folds = ChromosomeFolds.Balance(Data(("a", 10), ("b", 7), ("c", 4), ("d", 3)), 3, ["a", "b", "c", "d"]);
        string path = Path.Combine(_folder, "folds.tsv");
        folds.Write(path);
        var read = ChromosomeFolds.Read(path, ["a", "b", "c", "d"]);
        Assert.Equal(folds.ToString(), read.ToString());
        Assert.Equal(folds.Folds.Select(f => f.Test), read.Folds.Select(f => f.Test));
    }

    [Theory]
    [InlineData("fold\ttest\tvalidation\n0\ta\tb\n1\tz\t\n", "line 3: chromosome 'z' has no rows")]
    [InlineData("fold\ttest\tvalidation\n0\ta,b\t\n1\tb\t\n", "line 3: chromosome 'b' is already tested by fold 0")]
    [InlineData("fold\ttest\tvalidation\n0\ta\ta\n1\tb\t\n", "line 2: chromosome 'a' is named for both test and validation of fold 0")]
    [InlineData("fold\ttest\tvalidation\n0\ta\t\n2\tb\t\n", "line 3: fold '2' is out of order")]
    [InlineData("fold\ttest\tvalidation\n0\t\tb\n1\ta\t\n", "line 2: fold 0 has no test chromosome")]
    [InlineData("fold\ttest\tvalidation\n0\ta\n", "line 2: expected 3 tab-separated fields")]
    [InlineData("", "line 1: the file is empty")]
    public void A_bad_table_is_refused_naming_the_file_and_line(string table, string message)
    {
        string path = Path.Combine(_folder, "bad.tsv");
        File.WriteAllText(path, table);
        var e = Assert.Throws<InvalidDataException>(() => ChromosomeFolds.Read(path, ["a", "b", "c"]));
        Assert.StartsWith($"{path} {message}", e.Message);
    }

    private sealed class Row
    {
        public string Chromosome { get; set; } = "";
    }
}
