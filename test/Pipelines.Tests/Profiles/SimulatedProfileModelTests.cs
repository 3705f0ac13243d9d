using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Profiles;

/// <summary>
/// The known-answer test for profile models: a generated genome where two planted motifs
/// leave footprints of different shapes and strengths in a stranded track (motif A: strong, sharp,
/// offset by strand; motif B: weaker and broad). The tracks go through bigWig files, training data
/// is built from them, and a BPNet-style model is trained on some chromosomes and judged on a
/// held-out one: count Pearson ≥ 0.8, a profile closer than the average profile, and count
/// attributions that sit on the planted motifs.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SimulatedProfileModelTests : IClassFixture<SimulatedProfileModelTests.Trained>
{
    private const int Length = 250, OutputLength = 200;
    private readonly Trained _trained;
    private readonly ITestOutputHelper _output;

    public SimulatedProfileModelTests(Trained trained, ITestOutputHelper output) => (_trained, _output) = (trained, output);

    /// <summary>Simulates once, writes the tracks as bigWig, trains once; the tests share it.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-profile-" + Guid.NewGuid().ToString("N"));

        public Trained()
        {
            Directory.CreateDirectory(_folder);
            Simulation = ProfileSimulator.Generate(new ProfileSimulator.Options { ChromosomeCount = 6, ChromosomeLength = 320_000, PeaksPerChromosome = 150, Seed = 7 });
            var files = Simulation.WriteFiles(_folder);
            string plus = Path.Combine(_folder, "plus.bw"), minus = Path.Combine(_folder, "minus.bw");
            BigWigWriter.WriteTrack(plus, Simulation.Plus);
            BigWigWriter.WriteTrack(minus, Simulation.Minus);
            Plus = CoverageTracks.Open(plus);
            Minus = CoverageTracks.Open(minus);
            Ml = new MLContext(seed: 1);
            var (data, _) = ProfileTrainingData.Build(Ml, Simulation.Genome, new ProfileTrainingOptions
            {
                BedPath = files.Peaks,
                Length = Length,
                OutputLength = OutputLength,
                StrandedTracks = (Plus, Minus),
                BackgroundFraction = 0.25,
                Seed = 3,
            });
            var chromosomes = Simulation.Genome.Chromosomes;
            var split = ChromosomeSplit.Split(data, [chromosomes[^1]], [chromosomes[^2]], labelColumn: ProfileColumns.IsPeak);
            Test = Ml.Data.Cache(split.Test);
            Model = ProfileModels.Train(Ml, split.Train, split.Validation, new ProfileTrainingSettings
            {
                Length = Length,
                OutputLength = OutputLength,
                Stranded = true,
                Layers = 3,
                Filters = 32,
                ReverseComplementAugment = true,
                Training = { Epochs = 40, BatchSize = 32, LearningRate = 0.002, Seed = 5, EarlyStoppingPatience = 10 },
            });
        }

        public ProfileSimulation Simulation { get; }
        public ICoverageTrack Plus { get; }
        public ICoverageTrack Minus { get; }
        public MLContext Ml { get; }
        public IDataView Test { get; }
        public TransformerChain<ITransformer> Model { get; }

        public void Dispose()
        {
            Plus.Dispose();
            Minus.Dispose();
            Simulation.Dispose();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void Held_out_counts_correlate_and_the_profile_beats_the_average_profile()
    {
        var metrics = ProfileModels.Evaluate(_trained.Ml, _trained.Model, _trained.Test);
        var history = string.Join("\n", CnnChainOf(_trained.Model).Model.History.TakeLast(3));
        _output.WriteLine($"{metrics}\n{history}");
        Assert.True(metrics.CountPearson >= 0.8, $"held-out count Pearson {metrics.CountPearson:F3}\n{metrics}\n{history}");
        Assert.True(metrics.ProfileJsd < metrics.AverageProfileJsd, $"profile JSD {metrics.ProfileJsd:F3} vs average profile {metrics.AverageProfileJsd:F3}\n{metrics}");
        Assert.True(metrics.ProfileJsd < metrics.ShuffledJsd, $"profile JSD {metrics.ProfileJsd:F3} vs shuffled {metrics.ShuffledJsd:F3}\n{metrics}");
    }

    [Fact]
    public void Count_attributions_peak_on_the_planted_motifs()
    {
        var peaks = _trained.Ml.Data.FilterByCustomPredicate<PeakFlag>(_trained.Test, row => !row.IsPeak);
        var attributed = _trained.Ml.Transforms.ComputeAttributions(CnnChainOf(_trained.Model), new AttributionOptions
        {
            Method = AttributionMethod.DeepLift,
            References = 10,
            TrackTarget = TrackAttributionTarget.Count,
            Shape = AttributionShape.PerPosition,
        }).Fit(_trained.Model.Transform(peaks)).Transform(_trained.Model.Transform(peaks));
        var rows = _trained.Ml.Data.CreateEnumerable<AttributedRow>(attributed, reuseRowObject: false).ToList();
        var instances = _trained.Simulation.Instances;
        int windows = 0, onMotif = 0;
        foreach (var row in rows)
        {
            var planted = instances.Where(i => i.Chromosome == row.Chromosome && i.Start >= row.Start && i.End <= row.Start + Length).ToList();
            if (planted.Count == 0) continue;
            windows++;
            // The position of largest attribution lies in a planted instance (±2 bases).
            int top = Array.IndexOf(row.Attribution, row.Attribution.Max());
            if (planted.Any(i => top >= i.Start - row.Start - 2 && top < i.End - row.Start + 2)) onMotif++;
        }
        _output.WriteLine($"top count attribution on a planted motif in {onMotif} of {windows} held-out peak windows");
        Assert.True(windows >= 30, $"only {windows} held-out peak windows hold a planted motif");
        Assert.True(onMotif >= 0.9 * windows, $"the top count attribution is on a planted motif in {onMotif} of {windows} windows");
    }

    private static CnnPredictionTransformer CnnChainOf(TransformerChain<ITransformer> model) => model.OfType<CnnPredictionTransformer>().Single();

    public sealed class PeakFlag
    {
        public bool IsPeak { get; set; }
    }

    public sealed class AttributedRow
    {
        public string Chromosome { get; set; } = "";
        public long Start { get; set; }
        public float[] Attribution { get; set; } = [];
    }
}
