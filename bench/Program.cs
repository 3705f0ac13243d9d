using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cnn.MLNet.Benchmarks;

// Run: dotnet run -c Release --project bench -- --filter '*Encoding*'
// A short job (1 launch, 3 warm-ups, 10 measured iterations) run in process, so the whole
// suite takes a few minutes; every figure that matters is a ratio to the baseline of the same
// run. See BENCHMARKS.md for the latest results.
var job = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");

var config = DefaultConfig.Instance
    .AddJob(job)
    .AddColumn(new BasesPerSecondColumn())
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(SequenceEncodingBenchmarks).Assembly).Run(args, config);
