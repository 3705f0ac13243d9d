using System.Diagnostics;
using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Fuzzing;

/// <summary>
/// Hand-made pathological inputs next to the random ones of <see cref="ReaderFuzzTests"/>, each
/// read through the same harness (documented exceptions only, 5 s limit, allocation bound).
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly ReaderFuzzHarness _harness = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cnn-mlnet-fuzz-regressions-" + Guid.NewGuid().ToString("N"));

    public FuzzRegressionTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        _harness.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private string Read(FuzzTarget target, string fileName, byte[] bytes)
    {
        var input = new FuzzInput(0, fileName, bytes, bytes.Length, FuzzInputs.HandMade);
        string outcome = _harness.RunOne(target, input, _directory, out _, out string? failure);
        Assert.True(failure is null, failure);
        return outcome;
    }

    /// <summary>
    /// Found while fuzzing: naming n equal extra columns (<c>x</c>, <c>x_2</c>, <c>x_3</c>, …) tried
    /// every suffix from 2 again for each one, O(n²): 20,000 columns named <c>x</c> took longer
    /// than the 5 s limit (minutes). Fixed in <c>DelimitedLayout.Read</c>.
    /// </summary>
    [Theory]
    [InlineData(FuzzTarget.Tsv, '\t')]
    [InlineData(FuzzTarget.Csv, ',')]
    public void A_header_with_20000_identical_extra_column_names_loads_quickly(FuzzTarget target, char separator)
    {
        string header = string.Join(separator, new[] { "Sequence", "Label" }.Concat(Enumerable.Repeat("x", 20_000)));
        string row = string.Join(separator, new[] { "ACGT", "1" }.Concat(Enumerable.Repeat("v", 20_000)));
        var clock = Stopwatch.StartNew();

        Assert.Equal("ok", Read(target, target == FuzzTarget.Tsv ? "wide.tsv" : "wide.csv", Encoding.UTF8.GetBytes($"{header}\n{row}\n")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Duplicate_names_still_get_the_first_free_suffix()
    {
        string path = Path.Combine(_directory, "names.csv");
        File.WriteAllText(path, "Sequence,Label,x,x_3,x,x,X,label\nACGT,1,a,b,c,d,e,f\n");

        var view = Cnn.MLNet.Genomics.SequenceFiles.Load(new Microsoft.ML.MLContext(seed: 1), path);

        Assert.Equal(["Sequence", "Label", "x", "x_3", "x_2", "x_4", "X_5", "label_2"], view.Schema.Select(c => c.Name));
    }

    public static TheoryData<FuzzTarget, string, string> Pathological() => new()
    {
        { FuzzTarget.Genome, "many.fa", string.Concat(Enumerable.Range(0, 20_000).Select(i => $">c{i}\nA\n")) },
        { FuzzTarget.Fasta, "tokens.fa", ">id " + string.Join(" ", Enumerable.Repeat("t", 50_000)) + " label=1\nACGT\n" },
        { FuzzTarget.Tsv, "empty-names.tsv", "Sequence\tLabel\tColumn5" + new string('\t', 20_000) + "\nACGT\t1\tx" + new string('\t', 20_000) + "\n" },
        { FuzzTarget.Bed, "wide.bed", "chr1\t1\t2" + string.Concat(Enumerable.Repeat("\tx", 100_000)) + "\n" },
        { FuzzTarget.Fasta, "records.fa", string.Concat(Enumerable.Range(0, 50_000).Select(i => $">r{i} 1\nA\n")) },
        { FuzzTarget.Csv, "quotes.csv", "Sequence,Label\n\"" + string.Concat(Enumerable.Repeat("\"\"", 100_000)) + "\",1\n" },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Pathological_inputs_are_read_or_rejected_within_the_limits(FuzzTarget target, string fileName, string text)
    {
        string outcome = Read(target, fileName, Encoding.UTF8.GetBytes(text));

        Assert.Contains(outcome, new[] { "ok", nameof(FormatException) });
    }

    [Fact]
    public void A_gzip_file_that_expands_1000_times_into_one_10_MB_line_is_read_within_the_limits()
    {
        string text = ">chr1 1\n" + new string('A', 10_000_000) + "\n";
        using var memory = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(memory, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.ASCII.GetBytes(text));
        var input = new FuzzInput(1, "bomb.fa.gz", memory.ToArray(), text.Length, FuzzInputs.HandMade);
        Assert.True(input.Bytes.Length < text.Length / 500, $"{input.Bytes.Length} compressed bytes");

        foreach (var target in new[] { FuzzTarget.Fasta, FuzzTarget.Genome })
        {
            string outcome = _harness.RunOne(target, input, _directory, out long allocated, out string? failure);
            Assert.True(failure is null, failure);
            Assert.Equal("ok", outcome);
            // Linear in the decompressed size: the sequence reader's two passes (every column, then
            // none) each read the line (StreamReader growth, then the record's StringBuilder and
            // string), about 19 bytes per character in all, the harness's copy included.
            Assert.True(allocated < 24L * text.Length, $"{target}: allocated {allocated:N0} bytes for a {text.Length:N0}-byte file");
        }
    }
}
