using System.Diagnostics;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Profiles;

/// <summary>
/// How much memory reading every window of a profile data set from bigWig files adds, in two steps:
/// <see cref="ProfileTrainingData.Build"/> (which reads the BED, keeps each window's coordinates and
/// reads every peak's label once), then one pass over <c>Sequence</c> and <c>Label</c>. For each step
/// the largest working set and managed heap sampled (every 256 rows) less their values after a full
/// collection just before the step. Sampling misses peaks between samples, so the growth is a lower
/// bound; the managed-heap peak counts garbage not yet collected (the GC's budget, not retention),
/// so the heap retained after a full collection is given too. The in-memory baseline tracks and the
/// genome are allocated before, so they do not count.
/// </summary>
/// <param name="Stride">The tiling's stride in bases.</param>
/// <param name="Windows">Windows read.</param>
/// <param name="Seconds">Time of the pass (not of <c>Build</c>).</param>
/// <param name="BuildWorkingSet">Peak working-set growth during <c>Build</c>, bytes.</param>
/// <param name="BuildManaged">Peak managed-heap growth during <c>Build</c>, bytes.</param>
/// <param name="ViewRetained">Managed heap retained by the view after <c>Build</c> and a full collection, bytes.</param>
/// <param name="PassWorkingSet">Peak working-set growth during the pass, over the state after <c>Build</c>, bytes.</param>
/// <param name="PassManaged">Peak managed-heap growth during the pass (<see cref="GC.GetTotalMemory"/>, no collection), bytes.</param>
/// <param name="PassRetained">Managed heap after the pass and a full collection, less after <c>Build</c>, bytes.</param>
public sealed record MemoryGrowth(int Stride, long Windows, double Seconds, long BuildWorkingSet, long BuildManaged, long ViewRetained,
    long PassWorkingSet, long PassManaged, long PassRetained)
{
    /// <summary>Builds the view of <paramref name="options"/> and reads every window once, sampling memory.</summary>
    public static MemoryGrowth Measure(MLContext ml, Genome genome, ProfileTrainingOptions options, int stride)
    {
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long workingBefore = Environment.WorkingSet;
        long peakWorking = workingBefore, peakManaged = managedBefore;
        void Sample(long _)
        {
            peakWorking = Math.Max(peakWorking, Environment.WorkingSet);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
        }

        var (data, _) = ProfileTrainingData.Build(ml, genome, options);
        Sample(0);
        long buildWorking = peakWorking - workingBefore, buildManaged = peakManaged - managedBefore;

        long managedBuilt = GC.GetTotalMemory(forceFullCollection: true);
        long workingBuilt = Environment.WorkingSet;
        peakWorking = workingBuilt;
        peakManaged = managedBuilt;
        var clock = Stopwatch.StartNew();
        long windows = ProfileStreamingBenchmark.Pass(data, shuffled: false, seed: 1, Sample);
        double seconds = clock.Elapsed.TotalSeconds;
        Sample(0);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - managedBuilt;
        GC.KeepAlive(data);
        return new MemoryGrowth(stride, windows, seconds, buildWorking, buildManaged, managedBuilt - managedBefore,
            peakWorking - workingBuilt, peakManaged - managedBuilt, retained);
    }
}
