using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>The input a peer case trains on: one-hot DNA (binary, planted motif) or shape images (three classes).</summary>
/// <param name="Channels">4 for DNA, 1 for grayscale, 3 for RGB.</param>
/// <param name="Height">Image rows; null for sequences.</param>
/// <param name="Length">Sequence length, or image width.</param>
/// <param name="Classes">2 for the binary DNA task (one logit), 3 for the shape images.</param>
public sealed record PeerInput(int Channels, int? Height, int Length, int Classes)
{
    /// <summary>Values per row, channel-major.</summary>
    public int FeatureSize => Channels * (Height ?? 1) * Length;

    /// <summary>Whether the task is binary (one logit, BCE with logits) rather than multiclass (cross-entropy).</summary>
    public bool IsBinary => Classes == 2;

    /// <summary>"600-bp DNA" or "1 × 28 × 28 images".</summary>
    public override string ToString() => Height is int h ? $"{Channels} × {h} × {Length} images" : $"{Length}-bp DNA";

    /// <summary>One-hot DNA of <paramref name="length"/> bases.</summary>
    public static PeerInput Dna(int length) => new(4, null, length, 2);

    /// <summary>Square shape images.</summary>
    public static PeerInput Image(int channels, int side) => new(channels, side, side, 3);
}

/// <summary>One network on its data, with the training settings all three implementations share.</summary>
/// <param name="Network">The preset's name (<see cref="NetworkPresets.ByName"/>).</param>
/// <param name="Input">The data.</param>
/// <param name="Rows">Training rows (also the rows scored).</param>
/// <param name="Epochs">Passes over the rows.</param>
public sealed record PeerCase(string Network, PeerInput Input, int Rows, int Epochs)
{
    /// <summary>Rows per training step, for every case and implementation (the trainer's default).</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate (the trainer's default).</summary>
    public const double LearningRate = 1e-3;

    /// <summary>Rows per forward pass when scoring (the trainer's default ScoringBatchSize).</summary>
    public const int ScoringBatchSize = 256;

    /// <summary>The architecture.</summary>
    public NetworkSpec Spec => NetworkPresets.ByName[Network]();

    /// <summary>
    /// The five cases. Quick sizes take seconds per implementation on 2 cores; the default sizes
    /// follow the reference (Basset, 3,000 × 600 bp, 2 epochs: 25–50 s) and scale the
    /// others to a similar order of work. Image row counts are multiples of 3 (classes alternate).
    /// </summary>
    public static IReadOnlyList<PeerCase> All(bool quick) => quick
        ?
        [
            new("Zou2019", PeerInput.Dna(50), 1_000, 2),
            new("Basset", PeerInput.Dna(600), 128, 1),
            new("DilatedResNet", PeerInput.Dna(1_000), 128, 1),
            new("LeNet5", PeerInput.Image(1, 28), 600, 2),
            new("SmallVgg", PeerInput.Image(3, 32), 192, 1),
        ]
        :
        [
            new("Zou2019", PeerInput.Dna(50), 10_000, 3),
            new("Basset", PeerInput.Dna(600), 3_000, 2),
            new("DilatedResNet", PeerInput.Dna(1_000), 2_000, 2),
            new("LeNet5", PeerInput.Image(1, 28), 6_000, 3),
            new("SmallVgg", PeerInput.Image(3, 32), 3_000, 2),
        ];
}
