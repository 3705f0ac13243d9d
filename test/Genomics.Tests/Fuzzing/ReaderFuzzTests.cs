using Xunit.Abstractions;

namespace Cnn.MLNet.Genomics.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing of the sequence-file readers (TSV, CSV, FASTA with labels in headers, each
/// optionally gzip), the BED reader and the genome FASTA reader: every input is read fully and
/// must succeed or fail with a documented exception naming the file, within
/// <see cref="ReaderFuzzHarness.Timeout"/> and <see cref="ReaderFuzzHarness.AllocationBound"/>
/// (see <see cref="ReaderFuzzHarness"/>). The counts are in the test names; all five together take
/// about 30 s on the 2-core development VM. A failure names the seed to reproduce it with
/// <see cref="FuzzInputs.Generate"/>.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Inputs per reader; the environment variable <c>CNN_MLNET_FUZZ_INPUTS</c> overrides it for longer local sweeps.</summary>
    public static readonly int InputsPerReader =
        int.TryParse(Environment.GetEnvironmentVariable("CNN_MLNET_FUZZ_INPUTS"), out int n) && n > 0 ? n : 2500;

    private readonly ReaderFuzzHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Tsv_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Tsv, firstSeed: 100_000);

    [Fact]
    public void Csv_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Csv, firstSeed: 200_000);

    [Fact]
    public void Fasta_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Fasta, firstSeed: 300_000);

    [Fact]
    public void Bed_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Bed, firstSeed: 400_000);

    [Fact]
    public void Genome_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Genome, firstSeed: 500_000);

    [Fact]
    public void Vcf_reader_survives_2500_random_and_mutated_inputs() => Run(FuzzTarget.Vcf, firstSeed: 600_000);

    private void Run(FuzzTarget target, int firstSeed)
    {
        var summary = _harness.Run(target, firstSeed, InputsPerReader);
        output.WriteLine(
            $"{target}: {summary.Inputs} inputs (seeds {firstSeed}–{firstSeed + summary.Inputs - 1}) in {summary.Elapsed.TotalSeconds:F1} s: "
            + $"{summary.Succeeded} read, {summary.Rejected} rejected ({string.Join(", ", summary.RejectedBy.Select(p => $"{p.Key} {p.Value}"))}); "
            + $"most allocated by one input {summary.MaxAllocated:N0} bytes, at most {summary.MaxAllocatedPerInputByte:F0} bytes per input byte.");
        // Both outcomes must be exercised, or the generator has drifted away from the format.
        Assert.True(summary.Succeeded > InputsPerReader / 20, $"only {summary.Succeeded} of {InputsPerReader} inputs were read successfully");
        Assert.True(summary.Rejected > InputsPerReader / 20, $"only {summary.Rejected} of {InputsPerReader} inputs were rejected");
    }
}
