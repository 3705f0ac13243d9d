using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

/// <summary>
/// The whole route on a trained network: DeepSHAP contributions of a model trained on sequences
/// with two planted motifs — A, 10 bp, on either strand at random; B, 20 bp, longer than the
/// network's 12-bp first-layer filters — go to motif discovery, and the patterns it reports are
/// matched against a database of the planted motifs among 120 decoys. A model trained on shuffled
/// labels, which has learned nothing, must yield no pattern.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PlantedMotifDiscoveryTests(ITestOutputHelper output)
{
    private const int Length = 100;
    private const int Sequences = 2400;

    public sealed class Row
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }

    private static readonly Motif MotifA = SharpPwm("planted_A", 10, seed: 11);
    private static readonly Motif MotifB = SharpPwm("planted_B", 20, seed: 22);

    /// <summary>A motif whose every position has one base at 0.91 and the others at 0.03, as a strong transcription-factor site.</summary>
    private static Motif SharpPwm(string id, int width, int seed)
    {
        var random = new Random(seed);
        var m = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            int top = random.Next(4);
            for (int b = 0; b < 4; b++) m[i, b] = b == top ? 0.91 : 0.03;
        }
        return new Motif(id, m);
    }

    /// <summary>Half negatives (background only), a quarter with A, a quarter with B, each site drawn from its PWM on a random strand.</summary>
    private static List<Row> Generate(int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>();
        for (int i = 0; i < Sequences; i++)
        {
            var bases = Enumerable.Range(0, Length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            int kind = i % 4; // 0, 1: negative; 2: A; 3: B
            if (kind >= 2)
            {
                var motif = kind == 2 ? MotifA : MotifB;
                var site = Draw(motif, random);
                if (random.Next(2) == 1) site = DnaReverseComplement(site);
                int start = random.Next(Length - motif.Width + 1);
                site.CopyTo(bases, start);
            }
            rows.Add(new Row { Sequence = new string(bases), Label = kind >= 2 });
        }
        return rows;
    }

    private static char[] Draw(Motif motif, Random random)
    {
        var site = new char[motif.Width];
        for (int p = 0; p < motif.Width; p++)
        {
            double u = random.NextDouble(), cumulative = 0;
            int b = 0;
            for (; b < 3; b++)
            {
                cumulative += motif[p, b];
                if (u < cumulative) break;
            }
            site[p] = Motif.Bases[b];
        }
        return site;
    }

    private static char[] DnaReverseComplement(char[] site) =>
        site.Reverse().Select(c => c switch { 'A' => 'T', 'C' => 'G', 'G' => 'C', _ => 'A' }).ToArray();

    private static (TransformerChain<ITransformer> Model, IDataView Positives) Train(MLContext ml, List<Row> rows, bool shuffleLabels)
    {
        var training = rows;
        if (shuffleLabels)
        {
            var random = new Random(5);
            var labels = rows.Select(r => r.Label).OrderBy(_ => random.Next()).ToList();
            training = rows.Select((r, i) => new Row { Sequence = r.Sequence, Label = labels[i] }).ToList();
        }
        var settings = new SequenceTrainingSettings
        {
            Task = CnnTaskKind.BinaryClassification,
            Length = Length,
            // DeepBind's design with 12-bp filters: shorter than motif B, so B has to be learned from more than one filter.
            Training = { Network = Network, Epochs = 12, BatchSize = 64, Seed = 3, EarlyStoppingPatience = null },
        };
        var model = SequenceModels.Train(ml, ml.Data.LoadFromEnumerable(training), null, settings);
        // Discovery runs on the sequences with a motif, as TF-MoDISco runs on peaks.
        var positives = ml.Data.LoadFromEnumerable(rows.Where(r => r.Label).Take(600).ToList());
        return (model, positives);
    }

    private static NetworkSpec Network => NetworkPresets.DeepBind() with
    {
        Name = "DeepBind12",
        Trunk = [new ConvBlockSpec { Filters = 32, KernelSize = 12 }, new GlobalPoolSpec { Kind = Pooling.Max }],
        Head = [new DenseLayerSpec { Units = 32 }],
    };

    private static List<Motif> Database()
    {
        var motifs = new List<Motif> { MotifA, MotifB };
        for (int i = 0; i < 120; i++) motifs.Add(ContributionData.RandomPwm($"decoy_{i}", 8 + i % 13, seed: 1000 + i));
        return motifs;
    }

    private static MotifDiscoveryResult Discover(MLContext ml, TransformerChain<ITransformer> model, IDataView positives, out double summationError)
    {
        var (before, cnn) = CnnChain.Split(model);
        var encoded = before.Aggregate(positives, (data, stage) => stage.Transform(data));
        var set = ContributionTracks.Compute(cnn, encoded, new AttributionOptions { References = 10 });
        summationError = set.LargestSummationError;
        return MotifDiscovery.Discover(set.Tracks, set.NullTracks);
    }

    [Fact]
    public void Both_planted_motifs_are_the_top_two_patterns_and_match_their_motif_with_q_below_0_01()
    {
        var ml = new MLContext(seed: 1);
        var (model, positives) = Train(ml, Generate(seed: 7), shuffleLabels: false);
        var result = Discover(ml, model, positives, out double error);
        var database = new MotifDatabase(Database());

        foreach (var pattern in result.Patterns)
        {
            var best = database.Match(pattern.Pwm)[0];
            output.WriteLine($"{pattern} → {best.Target.Id} q = {best.QValue:G3}, p = {best.PValue:G3}");
        }
        double auc = SequenceModels.Evaluate(ml, model, ml.Data.LoadFromEnumerable(Generate(seed: 8).Take(800).ToList()))["auc"];
        Assert.True(auc >= 0.9, $"the model must have learned the motifs for the test to mean anything: held-out AUC {auc:G3}");
        output.WriteLine($"summation error {error:G3}; thresholds {result.PositiveThreshold:G3} / {result.NegativeThreshold:G3}; seqlets {result.PositiveSeqletCount} + {result.NegativeSeqletCount}");
        Assert.True(error <= 1e-3, $"summation-to-delta: largest relative error {error}");

        var top = result.PositivePatterns.Take(2).ToList();
        Assert.Equal(2, top.Count);
        var matches = top.Select(p => database.Match(p.Pwm)[0]).ToList();
        Assert.Equal(["planted_A", "planted_B"], matches.Select(m => m.Target.Id).Order());
        Assert.All(matches, m => Assert.True(m.QValue < 0.01, $"{m.Query.Id} → {m.Target.Id}: q = {m.QValue}"));
        // A was planted on both strands at random: one pattern holds both orientations.
        var a = top[matches.FindIndex(m => m.Target.Id == "planted_A")];
        Assert.True(a.Seqlets.Count(s => s.Strand == '+') >= 5 && a.Seqlets.Count(s => s.Strand == '-') >= 5,
            $"pattern {a.Id}: {a.Seqlets.Count(s => s.Strand == '+')} seqlets on +, {a.Seqlets.Count(s => s.Strand == '-')} on −");
    }

    [Fact]
    public void A_model_trained_on_shuffled_labels_yields_no_pattern()
    {
        var ml = new MLContext(seed: 1);
        var (model, positives) = Train(ml, Generate(seed: 7), shuffleLabels: true);
        var result = Discover(ml, model, positives, out _);
        output.WriteLine($"thresholds {result.PositiveThreshold:G3} / {result.NegativeThreshold:G3}; seqlets {result.PositiveSeqletCount} + {result.NegativeSeqletCount}; patterns {result.Patterns.Count}");
        Assert.Empty(result.Patterns);
    }
}
