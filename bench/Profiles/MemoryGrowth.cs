using System.Diagnostics;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Profiles;

/// <summary>
/// How much memory reading every window of a profile data set from bigWig files adds: the largest
/// working set and managed heap sampled (every 256 rows) during <see cref="ProfileTrainingData.Build"/>
/// and one pass over <c>Sequence</c> and <c>Label</c>, less their values after a full collection
/// before <c>Build</c>. Sampling misses peaks between samples, so the growth is a lower bound; the
/// in-memory baseline tracks and the genome are already allocated before, so they do not count.
/// </summary>
/// <param name="Stride">The tiling's stride in bases.</param>
/// <param name="Windows">Windows read.</param>
/// <param name="Seconds">Time of the pass (not of <c>Build</c>).</param>
/// <param name="WorkingSet">Peak working-set growth in bytes.</param>
/// <param name="Managed">Peak managed-heap growth in bytes (<see cref="GC.GetTotalMemory"/>, no collection).</param>
/// <param name="Retained">Managed heap after the pass and a full collection, less before, in bytes (the view is still alive).</param>
public sealed record MemoryGrowth(int Stride, long Windows, double Seconds, long WorkingSet, long Managed, long Retained)
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
        var clock = Stopwatch.StartNew();
        long windows = ProfileStreamingBenchmark.Pass(data, shuffled: false, seed: 1, Sample);
        double seconds = clock.Elapsed.TotalSeconds;
        Sample(0);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        GC.KeepAlive(data);
        return new MemoryGrowth(stride, windows, seconds, peakWorking - workingBefore, peakManaged - managedBefore, retained);
    }
}
