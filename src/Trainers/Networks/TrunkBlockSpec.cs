using System.Text.Json.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// One block of a network's convolutional trunk. Blocks are immutable records, serialised to JSON
/// with a <c>"type"</c> discriminator so that a saved model carries its architecture.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConvBlockSpec), "conv")]
[JsonDerivedType(typeof(ResidualBlockSpec), "residual")]
[JsonDerivedType(typeof(GlobalPoolSpec), "globalPool")]
public abstract record TrunkBlockSpec;

/// <summary>
/// A convolution block, in this order: convolution → optional batch norm → activation → optional
/// pooling → optional dropout (the Basset/DeepSEA ordering). Sequences get Conv1d/BatchNorm1d/
/// MaxPool1d; images get Conv2d/BatchNorm2d/MaxPool2d with square kernels and windows
/// (<see cref="KernelSize"/> × <see cref="KernelSize"/>).
/// </summary>
public sealed record ConvBlockSpec : TrunkBlockSpec
{
    /// <summary>Number of filters (output channels). Default 32.</summary>
    public int Filters { get; init; } = 32;
    /// <summary>Filter width in positions. Default 12.</summary>
    public int KernelSize { get; init; } = 12;
    /// <summary>Step between filter applications. Default 1.</summary>
    public int Stride { get; init; } = 1;
    /// <summary>Valid (default) or same padding.</summary>
    public ConvPadding Padding { get; init; } = ConvPadding.Valid;
    /// <summary>Spacing between filter taps. Default 1 (dense).</summary>
    public int Dilation { get; init; } = 1;
    /// <summary>Batch normalisation after the convolution. Default false.</summary>
    public bool BatchNorm { get; init; }
    /// <summary>Default ReLU.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
    /// <summary>Pooling after the activation. Default none.</summary>
    public Pooling Pool { get; init; } = Pooling.None;
    /// <summary>Pooling window, also its stride (non-overlapping windows; a ragged end is dropped). Default 2.</summary>
    public int PoolSize { get; init; } = 2;
    /// <summary>Dropout probability at the end of the block, in [0, 1). Default 0.</summary>
    public double Dropout { get; init; }
    /// <summary>
    /// Reverse-complement-equivariant (first block only, one-hot DNA/RNA, stride 1, valid padding
    /// or an odd kernel): each filter also scans the reverse strand with the same weights, so the
    /// block outputs 2 × <see cref="Filters"/> channels. Default false.
    /// </summary>
    public bool StrandShared { get; init; }
}

/// <summary>
/// A residual block (ResNet's basic block): x → conv → [BN] → act → conv → [BN], added to x
/// (through a 1×1 convolution when the channel count or size changes), then act and dropout.
/// Both convolutions use same padding with the given dilation, so with stride 1 the block keeps
/// the number of positions and stacking blocks with dilations 1, 2, 4, … widens the receptive
/// field exponentially (Basenji/BPNet style); a stride of 2 halves every spatial axis (ResNet's
/// downsampling blocks). 1-D for sequences, 2-D (square kernels) for images.
/// </summary>
public sealed record ResidualBlockSpec : TrunkBlockSpec
{
    /// <summary>Output channels. Default 64.</summary>
    public int Filters { get; init; } = 64;
    /// <summary>Filter width. Default 3.</summary>
    public int KernelSize { get; init; } = 3;
    /// <summary>Dilation of both convolutions. Default 1.</summary>
    public int Dilation { get; init; } = 1;
    /// <summary>Stride of the first convolution (and of the shortcut's projection): 1 keeps the size, 2 halves it (rounding up). Above 1 needs an odd kernel. Default 1.</summary>
    public int Stride { get; init; } = 1;
    /// <summary>Batch normalisation after each convolution. Default true.</summary>
    public bool BatchNorm { get; init; } = true;
    /// <summary>Default ReLU.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
    /// <summary>Dropout probability at the end of the block. Default 0.</summary>
    public double Dropout { get; init; }
}

/// <summary>Pools every channel over all positions, giving one value per channel (length-independent).</summary>
public sealed record GlobalPoolSpec : TrunkBlockSpec
{
    /// <summary>Max (default) or Average.</summary>
    public Pooling Kind { get; init; } = Pooling.Max;
}
