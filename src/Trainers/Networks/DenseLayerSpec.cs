namespace Cnn.MLNet.Trainers;

/// <summary>
/// A hidden dense layer of the head: Linear → optional batch norm → activation → optional
/// dropout. The trunk's output is flattened (channels × positions) before the first one.
/// </summary>
public sealed record DenseLayerSpec
{
    /// <summary>Number of units. Default 16.</summary>
    public int Units { get; init; } = 16;
    /// <summary>Default ReLU.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
    /// <summary>Batch normalisation after the linear layer. Default false.</summary>
    public bool BatchNorm { get; init; }
    /// <summary>Dropout probability after the activation, in [0, 1). Default 0.</summary>
    public double Dropout { get; init; }
}
