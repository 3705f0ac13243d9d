using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cnn.MLNet.Benchmarks;

// Run: dotnet run -c Release --project bench -- --filter '*Encoding*'
//      dotnet run -c Release --project bench -- --filter '*TrainingOverhead*' '*Scoring*' '*Latency*'
// A short job (1 launch, 3 warm-ups, 10 measured iterations) run in process, so the whole
// suite takes a few minutes; every figure that matters is a ratio to the baseline of the same
// run. Each class adds its own throughput column through [Config] and gets its own table.
// See BENCHMARKS.md for the latest results.
// Before any native allocation: glibc malloc thresholds raised for baseline and Cnn.MLNet alike
// (see NativeAllocatorTuning and BENCHMARKS.md); CNN_MLNET_DEFAULT_MALLOC=1 measures with defaults.
Console.WriteLine("// " + Cnn.MLNet.Trainers.Runtime.NativeAllocatorTuning.Apply());

var job = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");

var config = DefaultConfig.Instance.AddJob(job);

BenchmarkSwitcher.FromAssembly(typeof(SequenceEncodingBenchmarks).Assembly).Run(args, config);
