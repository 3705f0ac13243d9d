using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Cnn.MLNet.Benchmarks.Suite;

/// <summary>
/// The two jobs of the suite. Both run in process (one launch). <see cref="Full"/> is the short
/// job every figure in BENCHMARKS.md was measured with (3 warm-ups, 10 measured iterations, the
/// default 500 ms iteration time); <see cref="Quick"/> is a smoke-test-sized run of the same
/// benchmarks with the same work per invocation (1 warm-up, 3 iterations of about 200 ms), so
/// its per-operation figures are comparable, only noisier.
/// </summary>
public static class SuiteJobs
{
    /// <summary>The short job of BENCHMARKS.md: 1 launch, 3 warm-ups, 10 measured iterations, in process.</summary>
    public static Job Full => Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("Short");

    /// <summary>The quick job: 1 launch, 1 warm-up, 3 measured iterations of about 200 ms, in process.</summary>
    public static Job Quick => Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(200))
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("Quick");
}
