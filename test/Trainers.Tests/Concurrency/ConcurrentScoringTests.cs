using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Concurrency;

/// <summary>
/// Small models trained once for the whole class (2 epochs each, fixed seeds): a binary Zou2019
/// network and a four-class one, with a scoring batch of 16 so that the 300 held-out rows span
/// many batches and end on a partial one.
/// </summary>
public sealed class ConcurrencyModels
{
    public const int HeldOutRows = 300;

    public ConcurrencyModels()
    {
        Ml = new MLContext(seed: 1);
        var train = MotifData.Load(Ml, 400, seed: 71);
        Binary = Ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(Ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 2, Seed = 1, ScoringBatchSize = 16 }))
            .Fit(train);
        Multiclass = Ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(Ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(Ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 2, Seed = 1, ScoringBatchSize = 16 }))
            .Fit(train);
        HeldOut = MotifData.Generate(HeldOutRows, seed: 72);
        HeldOutView = Ml.Data.LoadFromEnumerable(HeldOut);
    }

    public MLContext Ml { get; }
    public TransformerChain<CnnPredictionTransformer> Binary { get; }
    public TransformerChain<CnnPredictionTransformer> Multiclass { get; }
    internal List<MotifData.Row> HeldOut { get; }
    public IDataView HeldOutView { get; }
}

/// <summary>
/// One fitted transformer scored by 8 threads at once gives bit-identical results to scoring
/// sequentially: each thread with its own cursor over <c>Transform</c> (the batched path), each
/// with its own <c>PredictionEngine</c> (the one-row path), and a mix; for binary and multiclass
/// scoring and for the feature-map transformer; also while a training runs. Threads start together
/// on a <see cref="Barrier"/> and each scores every held-out row. docs/THREAD-SAFETY.md cites these.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class ConcurrentScoringTests(ConcurrencyModels models) : IClassFixture<ConcurrencyModels>
{
    private const int Threads = 8;
    private const int Rounds = 3;

    public sealed class BinaryPrediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    public sealed class ClassPrediction
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    public sealed class MapRow
    {
        public float[] FeatureMaps { get; set; } = [];
    }

    // ---- binary ----------------------------------------------------------------------------

    [Fact]
    public void Binary_Transform_read_by_8_threads_each_with_its_own_cursor_is_bit_identical_to_sequential()
    {
        var expected = BinaryByCursor(models.Binary.Transform(models.HeldOutView));
        var shared = models.Binary.Transform(models.HeldOutView);

        // Even threads share one transformed view, odd ones call Transform themselves.
        var results = RunTogether(t => BinaryByCursor(t % 2 == 0 ? shared : models.Binary.Transform(models.HeldOutView)));

        AssertAllIdentical(expected, results);
    }

    [Fact]
    public void Binary_PredictionEngines_one_per_thread_on_8_threads_are_bit_identical_to_sequential()
    {
        var expected = BinaryByEngine();

        var results = RunTogether(_ => BinaryByEngine());

        AssertAllIdentical(expected, results);
    }

    [Fact]
    public void Binary_cursors_and_PredictionEngines_mixed_on_8_threads_are_bit_identical_to_their_sequential_runs()
    {
        var byCursor = BinaryByCursor(models.Binary.Transform(models.HeldOutView));
        var byEngine = BinaryByEngine();

        var results = RunTogether(t => t % 2 == 0 ? BinaryByCursor(models.Binary.Transform(models.HeldOutView)) : BinaryByEngine());

        for (int t = 0; t < Threads; t++)
            AssertIdentical(t % 2 == 0 ? byCursor : byEngine, results[t], $"thread {t} ({(t % 2 == 0 ? "cursor" : "engine")})");
        // Both paths run the same network: equal up to float rounding (they may batch the sums differently).
        for (int i = 0; i < byCursor.Length; i++)
            Assert.True(MathF.Abs(byCursor[i] - byEngine[i]) <= 1e-4f * MathF.Max(1f, MathF.Abs(byCursor[i])), $"value {i}: cursor {byCursor[i]}, engine {byEngine[i]}");
    }

    // Training while other threads allocate used to hit TorchSharp 0.107's Scalar finalizer race
    // (1 failure in 4 CI runs) until the optimiser steps and hot-path additions stopped passing
    // finalizer-freed temporaries (Training/ParameterUpdate, Runtime/Scalars).
    [Fact]
    public void Scoring_on_4_threads_while_another_thread_trains_is_bit_identical_to_sequential()
    {
        var byCursor = BinaryByCursor(models.Binary.Transform(models.HeldOutView));
        var byEngine = BinaryByEngine();

        // Thread 0 trains, which sets libtorch's process-wide intra-op thread count to another value
        // than the current one for its duration; threads 1-4 score three times each, cursors and
        // engines alternating.
        int otherThreadCount = TorchSharp.torch.get_num_threads() == 1 ? 2 : 1;
        var results = RunTogether(5, t =>
        {
            if (t == 0)
            {
                var ml = new MLContext(seed: 2);
                ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
                    .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 2, Seed = 3, IntraOpThreads = otherThreadCount }))
                    .Fit(MotifData.Load(ml, 400, seed: 73));
                return [];
            }
            var rounds = new List<float[]>();
            for (int round = 0; round < 3; round++)
                rounds.Add(t % 2 == 0 ? BinaryByCursor(models.Binary.Transform(models.HeldOutView)) : BinaryByEngine());
            return rounds;
        });

        for (int t = 1; t < results.Length; t++)
            foreach (var result in results[t])
                AssertIdentical(t % 2 == 0 ? byCursor : byEngine, result, $"scorer {t}");
    }

    // ---- multiclass ------------------------------------------------------------------------

    [Fact]
    public void Multiclass_cursors_and_PredictionEngines_on_8_threads_are_bit_identical_to_sequential()
    {
        var byCursor = MulticlassByCursor();
        var byEngine = MulticlassByEngine();

        var results = RunTogether(t => t % 2 == 0 ? MulticlassByCursor() : MulticlassByEngine());

        for (int t = 0; t < Threads; t++)
            AssertIdentical(t % 2 == 0 ? byCursor : byEngine, results[t], $"thread {t} ({(t % 2 == 0 ? "cursor" : "engine")})");
    }

    // ---- feature maps ----------------------------------------------------------------------

    [Theory]
    [InlineData("act1", FeatureMapPooling.None)]
    [InlineData("pool1", FeatureMapPooling.MaxAndMean)]
    public void Feature_maps_extracted_on_8_threads_are_bit_identical_to_sequential(string layer, FeatureMapPooling pooling)
    {
        var ml = models.Ml;
        ITransformer encoder = models.Binary.First();
        var encoded = encoder.Transform(models.HeldOutView);
        var maps = ml.Transforms.ExtractFeatureMaps(models.Binary.LastTransformer, layer, pooling).Fit(encoded);
        float[] ByCursor() => Flatten(maps.Transform(encoded).GetColumn<float[]>("FeatureMaps"));
        float[] ByEngine()
        {
            var chain = new TransformerChain<ITransformer>(encoder, maps);
            using var engine = ml.Model.CreatePredictionEngine<MotifData.Row, MapRow>(chain);
            return Flatten(models.HeldOut.Select(r => engine.Predict(r).FeatureMaps));
        }
        var byCursor = ByCursor();
        var byEngine = ByEngine();
        Assert.NotEmpty(byCursor);

        var results = RunTogether(t => t % 2 == 0 ? ByCursor() : ByEngine());

        for (int t = 0; t < Threads; t++)
            AssertIdentical(t % 2 == 0 ? byCursor : byEngine, results[t], $"thread {t} ({(t % 2 == 0 ? "cursor" : "engine")})");
    }

    // ---- helpers ---------------------------------------------------------------------------

    /// <summary>Runs <paramref name="work"/> on <see cref="Threads"/> dedicated threads released together by a barrier.</summary>
    /// Each thread scores <see cref="Rounds"/> times (to keep the threads overlapping on a 2-core machine), and every round must equal its first.
    private static float[][] RunTogether(Func<int, float[]> work) => RunTogether(Threads, t =>
    {
        var first = work(t);
        for (int round = 1; round < Rounds; round++)
            AssertIdentical(first, work(t), $"thread {t}, round {round + 1}");
        return first;
    });

    /// <summary>Runs <paramref name="work"/>(0 … <paramref name="count"/> − 1) on dedicated threads released together by a barrier.</summary>
    private static T[] RunTogether<T>(int count, Func<int, T> work)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[t] = work(t);
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })
        { IsBackground = true, Name = $"scorer {t}" }).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads)
            Assert.True(thread.Join(TimeSpan.FromSeconds(120)), $"{thread.Name} did not finish within 120 s");
        for (int t = 0; t < count; t++)
            if (errors[t] is { } error)
                throw new Xunit.Sdk.XunitException($"thread {t} failed: {error}");
        return results;
    }

    /// <summary>Score, Probability and PredictedLabel (as 0/1) of every held-out row, read through one cursor.</summary>
    private static float[] BinaryByCursor(IDataView scored)
    {
        var values = new List<float>();
        using var cursor = scored.GetRowCursor([scored.Schema["Score"], scored.Schema["Probability"], scored.Schema["PredictedLabel"]]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        var probability = cursor.GetGetter<float>(scored.Schema["Probability"]);
        var label = cursor.GetGetter<bool>(scored.Schema["PredictedLabel"]);
        float s = 0, p = 0;
        bool l = false;
        while (cursor.MoveNext())
        {
            score(ref s);
            probability(ref p);
            label(ref l);
            values.Add(s);
            values.Add(p);
            values.Add(l ? 1 : 0);
        }
        Assert.Equal(ConcurrencyModels.HeldOutRows * 3, values.Count);
        return [.. values];
    }

    private float[] BinaryByEngine()
    {
        using var engine = models.Ml.Model.CreatePredictionEngine<MotifData.Row, BinaryPrediction>(models.Binary);
        return models.HeldOut.Select(engine.Predict).SelectMany(p => new[] { p.Score, p.Probability, p.PredictedLabel ? 1f : 0f }).ToArray();
    }

    private float[] MulticlassByCursor()
    {
        var rows = models.Ml.Data.CreateEnumerable<ClassPrediction>(models.Multiclass.Transform(models.HeldOutView), reuseRowObject: false);
        return rows.SelectMany(r => r.Score.Append(r.PredictedLabel)).ToArray();
    }

    private float[] MulticlassByEngine()
    {
        using var engine = models.Ml.Model.CreatePredictionEngine<MotifData.Row, ClassPrediction>(models.Multiclass);
        return models.HeldOut.Select(engine.Predict).SelectMany(r => r.Score.Append(r.PredictedLabel)).ToArray();
    }

    private static float[] Flatten(IEnumerable<float[]> rows) => rows.SelectMany(r => r).ToArray();

    private static void AssertAllIdentical(float[] expected, float[][] results)
    {
        for (int t = 0; t < results.Length; t++)
            AssertIdentical(expected, results[t], $"thread {t}");
    }

    /// <summary>Bit-identical, value by value (NaNs included).</summary>
    private static void AssertIdentical(float[] expected, float[] actual, string who)
    {
        Assert.True(expected.Length == actual.Length, $"{who}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                throw new Xunit.Sdk.XunitException($"{who}: value {i} is {actual[i]:R}, sequential scoring gave {expected[i]:R}");
        }
    }
}
