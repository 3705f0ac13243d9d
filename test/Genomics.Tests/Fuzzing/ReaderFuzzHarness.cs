using System.Diagnostics;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Fuzzing;

/// <summary>
/// Runs one reader over many generated inputs. Each input is written to a file and read fully
/// (every row, every column; a second pass with no column active; genome slices; BED intervals
/// checked against a small genome) on a worker task with a <see cref="Timeout"/>. The only
/// exceptions allowed are the readers' documented ones, and their messages must name the file:
/// <see cref="FormatException"/> (bad content, corrupt gzip) and, for delimited files at load
/// time, a plain <see cref="ArgumentException"/> (the header lacks the sequence or label column).
/// Anything else, a hang or an input whose read allocates more than
/// <see cref="AllocationBound"/> fails the test with the seed, the recipe and a hex dump of the
/// input's first bytes.
/// </summary>
public sealed class ReaderFuzzHarness : IDisposable
{
    /// <summary>How long one input may take before it counts as a hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const int MaxReportedFailures = 5;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cnn-mlnet-fuzz-" + Guid.NewGuid().ToString("N"));
    private readonly MLContext _ml = new(seed: 1);
    private readonly Genome _genome;

    public ReaderFuzzHarness()
    {
        Directory.CreateDirectory(_root);
        string genomePath = Path.Combine(_root, "small-genome.fa");
        File.WriteAllText(genomePath, ">chr1\nACGTACGTAC\n>chr2 second\nGGGGCCCC\n>chrX\nacgtNNNN\n");
        _genome = Genome.Load(genomePath);
    }

    /// <summary>Bytes one input's read may allocate on its thread: 16 MB plus 64 bytes per byte of input.</summary>
    public static long AllocationBound(FuzzInput input) => (16L << 20) + 64L * Math.Max(input.Bytes.Length, input.ContentLength);

    /// <summary>What one run did, for the test output.</summary>
    public sealed record Summary(int Inputs, int Succeeded, int Rejected, TimeSpan Elapsed, long MaxAllocated, double MaxAllocatedPerInputByte, Dictionary<string, int> RejectedBy);

    /// <summary>Runs <paramref name="count"/> inputs of <paramref name="target"/> with seeds <paramref name="firstSeed"/>, +1, …; fails on the first bad outcomes.</summary>
    public Summary Run(FuzzTarget target, int firstSeed, int count)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int succeeded = 0, rejected = 0;
        long maxAllocated = 0;
        double maxRatio = 0;
        var rejectedBy = new Dictionary<string, int>();
        string directory = Path.Combine(_root, target.ToString());
        Directory.CreateDirectory(directory);
        for (int i = 0; i < count && failures.Count < MaxReportedFailures; i++)
        {
            var input = FuzzInputs.Generate(target, firstSeed + i);
            string outcome = RunOne(target, input, directory, out long allocated, out string? failure);
            if (failure is not null)
            {
                failures.Add(failure);
                continue;
            }
            maxAllocated = Math.Max(maxAllocated, allocated);
            maxRatio = Math.Max(maxRatio, (double)allocated / Math.Max(1, Math.Max(input.Bytes.Length, input.ContentLength)));
            if (outcome == "ok")
                succeeded++;
            else
            {
                rejected++;
                rejectedBy[outcome] = rejectedBy.GetValueOrDefault(outcome) + 1;
            }
        }
        if (failures.Count > 0)
            throw new Xunit.Sdk.XunitException($"{target} reader fuzz: {failures.Count} failing input(s):\n\n" + string.Join("\n\n", failures));
        return new Summary(count, succeeded, rejected, clock.Elapsed, maxAllocated, maxRatio, rejectedBy);
    }

    /// <summary>Reads one input; returns "ok" or the name of the documented exception, or sets <paramref name="failure"/>.</summary>
    public string RunOne(FuzzTarget target, FuzzInput input, string directory, out long allocated, out string? failure)
    {
        string path = Path.Combine(directory, input.FileName);
        File.WriteAllBytes(path, input.Bytes);
        var kind = (SequenceLabelKind)(input.Seed % 4);
        long threadAllocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                Exercise(target, path, kind);
            }
            finally
            {
                threadAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        });
        string Describe(string problem) =>
            $"seed {input.Seed} ({target}, label kind {kind}, file '{input.FileName}', recipe: {input.Recipe}): {problem}\n"
            + (input.Recipe == FuzzInputs.HandMade ? "" : $"  reproduce: FuzzInputs.Generate(FuzzTarget.{target}, {input.Seed})\n")
            + $"  input: {FuzzInputs.HexPrefix(input.Bytes)}";

        allocated = 0;
        failure = null;
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Timeout))
        {
            failure = Describe($"no result within {Timeout.TotalSeconds} s (hang?)");
            return "hang";
        }
        allocated = threadAllocated;
        if (allocated > AllocationBound(input))
        {
            failure = Describe($"allocated {allocated:N0} bytes, more than the bound {AllocationBound(input):N0}");
            return "memory";
        }
        if (task.Exception is null)
            return "ok";
        var error = task.Exception.InnerException!;
        bool documented = error switch
        {
            FormatException => error.Message.Contains(path, StringComparison.Ordinal),
            ArgumentException when error.GetType() == typeof(ArgumentException) && target is FuzzTarget.Tsv or FuzzTarget.Csv =>
                error.Message.Contains(path, StringComparison.Ordinal),
            _ => false,
        };
        if (!documented)
        {
            failure = Describe($"undocumented {error.GetType().FullName}: {error.Message}\n{Shorten(error.StackTrace)}");
            return "failure";
        }
        return error.GetType().Name;
    }

    private void Exercise(FuzzTarget target, string path, SequenceLabelKind kind)
    {
        switch (target)
        {
            case FuzzTarget.Vcf:
                foreach (var record in VcfFile.Enumerate(path))
                    _ = record.Chromosome.Length + record.Position + record.Ref.Length + record.Alts.Count(VcfAlleles.IsSymbolic);
                break;
            case FuzzTarget.Bed:
                foreach (var interval in BedFile.Enumerate(path))
                {
                    _ = interval.Length + interval.Columns.Sum(c => c.Length) + (interval.Name?.Length ?? 0) + (interval.Strand?.Length ?? 0);
                }
                _ = BedFile.Read(path, _genome).Count;
                break;
            case FuzzTarget.Genome:
                {
                    var genome = Genome.Load(path);
                    _ = genome.TotalLength;
                    foreach (string name in genome.Chromosomes)
                    {
                        int length = genome.LengthOf(name);
                        _ = genome.Slice(name, -3, 10);
                        _ = genome.Slice(name, length - 2, 5);
                        _ = genome.Slice(name, 0, length);
                    }
                    break;
                }
            default:
                {
                    var view = SequenceFiles.Load(_ml, path, new SequenceFileOptions { LabelKind = kind });
                    ReadEverything(view);
                    using var bare = view.GetRowCursor([]);
                    while (bare.MoveNext()) { }
                    break;
                }
        }
    }

    private static void ReadEverything(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var readers = view.Schema.Select(c => Reader(cursor, c)).ToArray();
        var sink = new StringBuilder();
        while (cursor.MoveNext())
        {
            foreach (var read in readers)
                read(sink);
            sink.Clear();
        }
    }

    private static Action<StringBuilder> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is BooleanDataViewType)
        {
            var get = cursor.GetGetter<bool>(column);
            return sink => { bool v = default; get(ref v); sink.Append(v); };
        }
        if (column.Type == NumberDataViewType.Single)
        {
            var get = cursor.GetGetter<float>(column);
            return sink => { float v = default; get(ref v); sink.Append(v); };
        }
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        return sink => { ReadOnlyMemory<char> v = default; text(ref v); sink.Append(v.Span); };
    }

    private static string Shorten(string? stack) =>
        string.Join("\n", (stack ?? "").Split('\n').Take(8).Select(l => "    " + l.Trim()));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
