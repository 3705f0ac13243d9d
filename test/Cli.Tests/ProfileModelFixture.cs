using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// Simulated ChIP-exo-like data (3 chromosomes × 30 kb, 12 peaks each (as dense as the simulator allows); plus and minus strands as
/// bigWigs) and one small stranded profile model trained on it by the CLI (200-bp input, 160-bp
/// output, chr3 held out), shared by the profile command tests.
/// </summary>
public sealed class ProfileModelFixture : IDisposable
{
    public const int ChromosomeLength = 30_000;

    private readonly CliRunner _cli = new();

    public ProfileModelFixture()
    {
        using var simulation = ProfileSimulator.Generate(new ProfileSimulator.Options { ChromosomeCount = 3, ChromosomeLength = ChromosomeLength, PeaksPerChromosome = 12, Seed = 3 });
        var files = simulation.WriteFiles(_cli.Folder);
        Genome = files.Fasta;
        Peaks = files.Peaks;
        Plus = _cli.PathOf("plus.bw");
        Minus = _cli.PathOf("minus.bw");
        BigWigWriter.WriteTrack(Plus, simulation.Plus);
        BigWigWriter.WriteTrack(Minus, simulation.Minus);
        Model = _cli.PathOf("profile.zip");
        TrainRun = _cli.Run(["train", .. Data(), "--stranded", $"{Plus},{Minus}", .. Small(), "--test-chromosomes", "chr3", "--model", Model, "--json"]);
    }

    public string Folder => _cli.Folder;
    public string Genome { get; }
    public string Peaks { get; }
    public string Plus { get; }
    public string Minus { get; }
    public string Model { get; }

    /// <summary>What <c>train --profile --stranded … --json</c> printed.</summary>
    public (int Exit, string Output, string Error) TrainRun { get; }

    /// <summary>--bed, --genome and --profile.</summary>
    public string[] Data() => ["--bed", Peaks, "--genome", Genome, "--profile"];

    /// <summary>A small, fast model: 200-bp windows, 160-bp outputs, a 2-layer 8-filter trunk, 2 epochs unless told.</summary>
    public static string[] Small(int epochs = 2) => ["--length", "200", "--output-length", "160", "--layers", "2", "--filters", "8", "--epochs", $"{epochs}", "--batch-size", "16"];

    public void Dispose() => _cli.Dispose();
}
