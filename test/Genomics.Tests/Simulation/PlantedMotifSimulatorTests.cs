namespace Cnn.MLNet.Genomics.Tests.Simulation;

public class PlantedMotifSimulatorTests
{
    private const string Motif = "CGACCGAACTCC";

    [Fact]
    public void Positives_carry_the_motif_exactly_once_where_recorded_and_negatives_never()
    {
        var data = PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Count = 1000, Seed = 3 });

        Assert.Equal(1000, data.Count);
        Assert.Equal(500, data.Count(s => s.Label));
        Assert.All(data, s => Assert.Equal(50, s.Sequence.Length));
        Assert.All(data, s => Assert.Matches("^[ACGT]+$", s.Sequence));
        foreach (var s in data.Where(s => s.Label))
        {
            Assert.Equal(Motif, s.Sequence.Substring(s.MotifStart, Motif.Length));
            Assert.Equal(s.MotifStart, s.Sequence.IndexOf(Motif, StringComparison.Ordinal));
            Assert.Equal(s.MotifStart, s.Sequence.LastIndexOf(Motif, StringComparison.Ordinal));
        }
        Assert.All(data.Where(s => !s.Label), s => { Assert.Equal(-1, s.MotifStart); Assert.DoesNotContain(Motif, s.Sequence); });
    }

    [Fact]
    public void Motif_positions_span_the_whole_sequence_and_labels_are_interleaved()
    {
        var data = PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Count = 2000, Seed = 1 });
        var starts = data.Where(s => s.Label).Select(s => s.MotifStart).ToList();

        Assert.Equal(0, starts.Min());
        Assert.Equal(50 - Motif.Length, starts.Max());
        Assert.InRange(data.Take(100).Count(s => s.Label), 30, 70); // shuffled, not 1000 positives then 1000 negatives
    }

    [Fact]
    public void Same_seed_same_data_and_another_seed_other_data()
    {
        var options = new PlantedMotifSimulator.Options { Count = 50, Seed = 9 };
        Assert.Equal(PlantedMotifSimulator.Generate(options), PlantedMotifSimulator.Generate(options));
        Assert.NotEqual(PlantedMotifSimulator.Generate(options), PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Count = 50, Seed = 10 }));
    }

    [Theory]
    [InlineData(0, 50, "ACGT", 0.5, "Count")]
    [InlineData(10, 3, "ACGT", 0.5, "Length (3)")]
    [InlineData(10, 50, "ACGN", 0.5, "Motif")]
    [InlineData(10, 50, "ACGT", 1.5, "PositiveFraction")]
    public void Bad_options_are_rejected_with_the_option_named(int count, int length, string motif, double fraction, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PlantedMotifSimulator.Generate(
            new PlantedMotifSimulator.Options { Count = count, Length = length, Motif = motif, PositiveFraction = fraction }));
        Assert.Contains(named, error.Message);
    }
}
