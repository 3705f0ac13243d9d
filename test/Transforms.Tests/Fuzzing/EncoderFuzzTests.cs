using System.Text;
using Cnn.MLNet.Transforms.OneHot;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace Cnn.MLNet.Transforms.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing of the one-hot sequence encoder: random specs (alphabet, length, anchor,
/// unknown-character policy, soft-mask channel, reverse complement) against random and mutated
/// sequences (valid bases, IUPAC codes, lowercase, gaps, controls, NUL, non-ASCII, lone surrogates,
/// U+FFFF, empty, up to 100,000 characters).
/// <list type="bullet">
/// <item><see cref="SequenceWindowEncoder.Encode"/> directly: it must return −1 or the index of a
/// character the policy rejects (checked against the character itself), write every output value
/// (the destination is prefilled with NaN), keep every value in [0, 1] with each position's base
/// channels summing to at most 1, and give the same output twice.</item>
/// <item>The ML.NET transform (<c>ml.Transforms.OneHotEncodeSequence</c>, fixed or learned length)
/// over random rows, through a cursor and a <c>PredictionEngine</c>: every row is read; the only
/// allowed failure is <see cref="InvalidOperationException"/> from <c>SequenceErrors</c>, whose
/// message names the component, the column and the row.</item>
/// </list>
/// Each input runs on a task with a 5 s limit (a hang fails the test with the seed) and may
/// allocate at most a stated bound. The counts are in the test names; a failure names the seed.
/// </summary>
public sealed class EncoderFuzzTests(ITestOutputHelper output)
{
    public const int DirectInputs = 10_000;
    public const int TransformInputs = 1_500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string Pools = "ACGTacgtNnUuRYKMSWBDHVrykmswbdhv-.";
    private static readonly string[] Exotic = ["\0", "\t", " ", "\r\n", "é", "Ä", "😀", "\uD800", "\uDC00", "\uFFFF", "\u007F", "\u0080", "ǅ", "İ", "ı", "*", "X", "Z", "z", "1", ">"];

    /// <remarks>Besides surviving, <c>Encode</c> must allocate nothing (measured per call on its thread; see <see cref="EncodeAllocationSlack"/>).</remarks>
    [Fact]
    public void Encode_survives_10000_random_specs_and_sequences()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int legal = 0, illegal = 0, allocatingCalls = 0;
        long maxAllocated = 0, totalEncodeAllocated = 0;
        for (int seed = 0; seed < DirectInputs; seed++)
        {
            var random = new Random(1_000_000 + seed);
            var spec = RandomSpec(random, length: null);
            string sequence = RandomSequence(random);
            int result = 0;
            long encodeAllocated = -1;
            long allocated = RunWithTimeout(1_000_000 + seed, spec, sequence, () =>
            {
                var encoder = new SequenceWindowEncoder(spec);
                var first = new float[spec.VectorSize];
                var second = new float[spec.VectorSize];
                first.AsSpan().Fill(float.NaN);
                second.AsSpan().Fill(-7f);
                result = encoder.Encode(sequence, first);
                // Measured on the second call: the first can be charged the runtime's own work
                // (tiered compilation, on-stack replacement: 2,640 bytes once in a fresh CI process).
                long before = GC.GetAllocatedBytesForCurrentThread();
                int again = encoder.Encode(sequence, second);
                encodeAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Check(result == again, "two calls disagree on the result");
                if (result >= 0)
                {
                    Check(result < sequence.Length, $"index {result} is outside the {sequence.Length}-character sequence");
                    Check(encoder.IsIllegal(Math.Min((int)sequence[result], SequenceWindowEncoder.TableRows - 1)),
                        $"index {result} names {SequenceErrors.Show(sequence[result])}, which the policy accepts");
                    for (int i = 0; i < result; i++)
                        Check(!encoder.IsIllegal(Math.Min((int)sequence[i], SequenceWindowEncoder.TableRows - 1)), $"an earlier illegal character at {i} was skipped");
                    return;
                }
                Check(spec.UnknownCharacters == UnknownCharacterPolicy.Zeros
                    || sequence.All(c => !encoder.IsIllegal(Math.Min((int)c, SequenceWindowEncoder.TableRows - 1))), "an illegal character was accepted");
                Check(first.AsSpan().SequenceEqual(second), "two encodings of the same sequence differ");
                int baseChannels = spec.ChannelCount - (spec.SoftMaskChannel ? 1 : 0);
                for (int p = 0; p < spec.Length; p++)
                {
                    float sum = 0;
                    for (int c = 0; c < spec.ChannelCount; c++)
                    {
                        float v = first[c * spec.Length + p];
                        if (!(v >= 0f && v <= 1f))
                            Check(false, $"value {v} (channel {c}, position {p}) is not in [0, 1] (NaN: not written)");
                        if (c < baseChannels)
                            sum += v;
                    }
                    if (sum > 1f + 1e-5f)
                        Check(false, $"position {p}'s channels sum to {sum}");
                }
            });
            maxAllocated = Math.Max(maxAllocated, allocated);
            // The hot path allocates nothing, but the runtime now and then charges its own work to the
            // thread mid-call (tiered compilation, on-stack replacement: 1-8 KB, a few calls in 10,000
            // in a fresh process). So: no single call above EncodeAllocationSlack, few calls charged at
            // all, and a negligible average; a real per-call allocation would break all three.
            Assert.True(encodeAllocated <= EncodeAllocationSlack, $"seed {1_000_000 + seed}: Encode allocated {encodeAllocated} bytes; its hot path must allocate nothing");
            if (encodeAllocated > 0) allocatingCalls++;
            totalEncodeAllocated += encodeAllocated;
            if (result >= 0) illegal++; else legal++;
        }
        output.WriteLine($"{DirectInputs} direct encodings in {clock.Elapsed.TotalSeconds:F1} s: {legal} encoded, {illegal} rejected; most allocated by one input {maxAllocated:N0} bytes; {allocatingCalls} Encode calls were charged any bytes.");
        Assert.True(allocatingCalls < DirectInputs / 100, $"{allocatingCalls} of {DirectInputs} Encode calls allocated");
        Assert.True(totalEncodeAllocated / DirectInputs < 64, $"Encode allocated {totalEncodeAllocated:N0} bytes over {DirectInputs} calls");
        Assert.True(legal > DirectInputs / 10 && illegal > DirectInputs / 10, $"{legal} encoded, {illegal} rejected: the generator has drifted");
    }

    [Fact]
    public void Transform_and_PredictionEngine_survive_1500_random_specs_and_row_sets()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int ok = 0, rejected = 0;
        long maxAllocated = 0;
        var ml = new MLContext(seed: 1);
        for (int seed = 0; seed < TransformInputs; seed++)
        {
            var random = new Random(2_000_000 + seed);
            bool learn = random.Next(3) == 0;
            var spec = RandomSpec(random, length: null);
            var options = new OneHotSequenceEstimator.Options
            {
                InputColumnName = "Sequence",
                Alphabet = spec.Alphabet,
                Length = learn ? null : spec.Length,
                MaxLength = learn ? 1 + random.Next(400) : OneHotSequenceEstimator.Options.DefaultMaxLength,
                Anchor = spec.Anchor,
                UnknownCharacters = spec.UnknownCharacters,
                SoftMaskChannel = spec.SoftMaskChannel,
                ReverseComplement = spec.ReverseComplement,
            };
            var rows = Enumerable.Range(0, 1 + random.Next(12))
                .Select(i => new SequenceRow { Sequence = random.Next(25) == 0 ? null : RandomSequence(random, maxLength: 600), Score = i })
                .ToList();
            bool failed = false;
            long allocated = RunWithTimeout(2_000_000 + seed, spec, string.Join(" | ", rows.Select(r => r.Sequence ?? "<null>")), () =>
            {
                try
                {
                    var data = ml.Data.LoadFromEnumerable(rows);
                    var transformer = ml.Transforms.OneHotEncodeSequence(options).Fit(data);
                    int size = ((VectorDataViewType)transformer.GetOutputSchema(data.Schema)["Features"].Type).Size;
                    var features = ReadColumn(transformer.Transform(data), "Features");
                    Check(features.Length == rows.Count && features.All(f => f.Length == size), "the cursor returned the wrong number or size of rows");
                    using var engine = ml.Model.CreatePredictionEngine<SequenceRow, EncodedRow>(transformer);
                    foreach (var (row, expected) in rows.Zip(features))
                        Check(engine.Predict(row).Features.AsSpan().SequenceEqual(expected), "PredictionEngine and cursor disagree");
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith($"{SequenceErrors.Component}: ", StringComparison.Ordinal)
                    && e.Message.Contains("column 'Sequence'", StringComparison.Ordinal))
                {
                    Check(e.Message.Contains("row ", StringComparison.Ordinal) || e.Message.Contains("no rows", StringComparison.Ordinal), "the message names no row");
                    failed = true;
                }
            });
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (failed) rejected++; else ok++;
        }
        output.WriteLine($"{TransformInputs} transform inputs in {clock.Elapsed.TotalSeconds:F1} s: {ok} encoded, {rejected} rejected; most allocated by one input {maxAllocated:N0} bytes.");
        Assert.True(ok > TransformInputs / 10 && rejected > TransformInputs / 20, $"{ok} encoded, {rejected} rejected: the generator has drifted");
    }

    /// <summary>Per-input allocation bound: 64 MB, far above the largest legitimate input (a 100,000-base protein spec is 2.5 M floats × 2).</summary>
    private const long AllocationBound = 64L << 20;

    /// <summary>Bytes one <c>Encode</c> call may be charged: the runtime's occasional work (seen up to 8 KB), far below a copy of a 100,000-character input.</summary>
    private const long EncodeAllocationSlack = 16 * 1024;

    private static long RunWithTimeout(int seed, SequenceEncodingSpec spec, string input, Action action)
    {
        long allocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { action(); }
            finally { allocated = GC.GetAllocatedBytesForCurrentThread() - before; }
        });
        string Describe(string problem) =>
            $"seed {seed}, spec {spec.Alphabet}/{spec.Length}/{spec.Anchor}/{spec.UnknownCharacters}/softmask {spec.SoftMaskChannel}/rc {spec.ReverseComplement}: {problem}\n"
            + $"  input ({input.Length} chars): {Escape(input)}";
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Timeout))
            throw new Xunit.Sdk.XunitException(Describe($"no result within {Timeout.TotalSeconds} s (hang?)"));
        if (task.Exception?.InnerException is { } error)
            throw new Xunit.Sdk.XunitException(Describe($"{error.GetType().FullName}: {error.Message}\n{error.StackTrace}"));
        if (allocated > AllocationBound)
            throw new Xunit.Sdk.XunitException(Describe($"allocated {allocated:N0} bytes, more than {AllocationBound:N0}"));
        return allocated;
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
            throw new FuzzCheckException(problem);
    }

    private sealed class FuzzCheckException(string message) : Exception(message);

    private static SequenceEncodingSpec RandomSpec(Random random, int? length)
    {
        var alphabet = (SequenceAlphabet)random.Next(3);
        int window = length ?? (random.Next(20) == 0 ? 1 + random.Next(20_000) : 1 + random.Next(300));
        return new SequenceEncodingSpec(
            alphabet,
            window,
            (SequenceAnchor)random.Next(3),
            (UnknownCharacterPolicy)random.Next(2),
            softMaskChannel: random.Next(3) == 0,
            reverseComplement: alphabet != SequenceAlphabet.Protein && random.Next(2) == 0);
    }

    private static string RandomSequence(Random random, int maxLength = 100_000)
    {
        int length = random.Next(10) switch
        {
            0 => 0,
            1 => random.Next(Math.Min(maxLength, 100_000) + 1),
            _ => random.Next(1, Math.Min(maxLength, 400) + 1),
        };
        var text = new StringBuilder(length);
        int mode = random.Next(4); // 0: clean bases, 1: IUPAC and gaps, 2: a few exotic characters, 3: mostly exotic
        while (text.Length < length)
        {
            text.Append(mode switch
            {
                0 => "ACGTacgt"[random.Next(8)].ToString(),
                1 => Pools[random.Next(Pools.Length)].ToString(),
                2 => random.Next(200) == 0 ? Exotic[random.Next(Exotic.Length)] : Pools[random.Next(8)].ToString(),
                _ => random.Next(3) == 0 ? ((char)random.Next(0x10000)).ToString() : Exotic[random.Next(Exotic.Length)],
            });
        }
        return text.ToString(0, length);
    }

    private static string Escape(string input)
    {
        var text = new StringBuilder();
        foreach (char c in input.Take(200))
            text.Append(c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString());
        return text.Append(input.Length > 200 ? "…" : "").ToString();
    }

    private static float[][] ReadColumn(IDataView data, string name) => TestData.ReadColumn(data, name);
}
