using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Runtime;

// The thread count is process-wide in libtorch: these tests share the collection that serialises torch state.
[Collection(TorchGlobalState.Name)]
public class IntraOpThreadsTests
{
    [Theory]
    [InlineData(0.0, 16, 1)]              // no work: still one thread
    [InlineData(4.1e6, 16, 1)]            // Zou2019 inference, 32 rows
    [InlineData(12.4e6, 16, 1)]           // Zou2019 training step, batch 32: measured faster on 1 thread than 2
    [InlineData(33e6, 16, 2)]             // Zou2019 inference, 256 rows: measured 1.32x faster on 2
    [InlineData(49.6e6, 2, 2)]            // Zou2019 training step, batch 128, capped by the machine
    [InlineData(125e6, 16, 7)]            // LeNet-5 training step
    [InlineData(1e12, 16, 16)]            // never more than the maximum
    [InlineData(1e12, 0, 1)]              // nor less than one
    [InlineData(double.NaN, 16, 1)]
    public void Automatic_choice_is_one_thread_per_16_MFLOP_within_bounds(double flops, int maximum, int expected) =>
        Assert.Equal(expected, IntraOpThreads.Choose(flops, maximum));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("1", 1)]
    [InlineData("0", null)]
    [InlineData("-2", null)]
    [InlineData("two", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OMP_NUM_THREADS_counts_only_when_it_is_a_positive_integer(string? value, int? expected) =>
        Assert.Equal(expected, IntraOpThreads.FromEnvironment(value));

    [Fact]
    public void Training_uses_its_option_else_the_fixed_count_else_the_automatic_choice()
    {
        Assert.Equal(3, IntraOpThreads.ForTraining(3, 1)); // the option wins
        if (IntraOpThreads.Fixed is int fixedCount)
        {
            // OMP_NUM_THREADS is set for this run: the user's count wins over the automatic choice.
            Assert.Equal(fixedCount, IntraOpThreads.ForTraining(null, 4 * IntraOpThreads.FlopsPerThread));
            return;
        }
        Assert.Equal(Math.Min(4, IntraOpThreads.Default), IntraOpThreads.ForTraining(null, 4 * IntraOpThreads.FlopsPerThread));
    }

    [Fact]
    public void Fix_sets_the_count_for_the_process_and_null_restores_the_default()
    {
        int before = torch.get_num_threads();
        try
        {
            IntraOpThreads.Fix(1);
            Assert.Equal(1, torch.get_num_threads());
            Assert.Equal(1, IntraOpThreads.Fixed);
            Assert.Equal(1, IntraOpThreads.ForTraining(null, 1e12)); // fixed beats automatic
            IntraOpThreads.Fix(null);
            Assert.Equal(IntraOpThreads.Default, torch.get_num_threads());
            Assert.Throws<ArgumentOutOfRangeException>(() => IntraOpThreads.Fix(0));
        }
        finally
        {
            IntraOpThreads.Fix(null);
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void Fit_trains_on_the_chosen_count_and_restores_the_previous_one()
    {
        var ml = new MLContext(seed: 1);
        var data = MotifData.Load(ml, 64, seed: 3);
        var encoded = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(data).Transform(data);
        int before = torch.get_num_threads();
        int expected = Math.Min(2, IntraOpThreads.Default);
        int during = -1;
        var options = new CnnBinaryTrainer.Options
        {
            Network = NetworkPresets.Zou2019(),
            Epochs = 1,
            BatchSize = 16,
            Seed = 1,
            IntraOpThreads = expected,
            Progress = new SyncProgress(_ => during = torch.get_num_threads()),
        };
        ml.BinaryClassification.Trainers.Cnn(options).Fit(encoded);
        Assert.Equal(expected, during);
        Assert.Equal(before, torch.get_num_threads());

        // Automatic: a Zou2019 step at batch 16 is about 6 MFLOP, so one thread.
        options.IntraOpThreads = null;
        ml.BinaryClassification.Trainers.Cnn(options).Fit(encoded);
        Assert.Equal(IntraOpThreads.Fixed ?? 1, during);
        Assert.Equal(before, torch.get_num_threads());
    }

    [Fact]
    public void A_thread_count_below_one_is_refused_by_name()
    {
        var ml = new MLContext(seed: 1);
        var data = MotifData.Load(ml, 32, seed: 3);
        var encoded = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(data).Transform(data);
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { IntraOpThreads = 0 }).Fit(encoded));
        Assert.Contains("IntraOpThreads", error.Message);
    }
}
