using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Batch normalisation over the channel axis of (N, C), (N, C, L) or (N, C, H, W) input, with the
/// same parameters, buffers, names and arithmetic as <c>nn.BatchNorm1d</c>/<c>nn.BatchNorm2d</c>
/// (eps 1e-5, momentum 0.1), so weights saved from either load into the other.
/// </summary>
/// <remarks>
/// Why not TorchSharp's module: its <c>forward</c> counts batches with <c>num_batches_tracked.add_(1)</c>,
/// whose number becomes a temporary <see cref="Scalar"/> that only its finalizer frees; a garbage
/// collection on another thread can free it while libtorch reads it, and training aborts with
/// "Expected false to be true … Scalar.h" (seen training DilatedResNet while another thread
/// allocated). This module counts with a process-lifetime Scalar (<see cref="Scalars"/>) and
/// otherwise makes the same single functional call.
/// </remarks>
internal sealed class BatchNormLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>The numerical-stability term added to the variance, as PyTorch's default.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>The weight of each batch in the running statistics, as PyTorch's default.</summary>
    public const double Momentum = 0.1;

    // Field names are the state-dict names of nn.BatchNorm1d/2d (RegisterComponents uses them).
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly Tensor num_batches_tracked;

    /// <summary>A batch norm over <paramref name="features"/> channels: γ = 1, β = 0, running mean 0 and variance 1, as PyTorch starts.</summary>
    /// <param name="features">Channels.</param>
    /// <param name="device">Where to create the tensors; null (as the networks are built, before moving to the model's device) is libtorch's default.</param>
    public BatchNormLayer(long features, Device? device = null) : base(nameof(BatchNormLayer))
    {
        weight = new Parameter(ones(features, device: device));
        bias = new Parameter(zeros(features, device: device));
        running_mean = zeros(features, device: device);
        running_var = ones(features, device: device);
        num_batches_tracked = tensor(0L, device: device);
        RegisterComponents();
    }

    /// <summary>Channels normalised.</summary>
    public long Features => weight.shape[0];

    /// <summary>The learned scale (γ).</summary>
    public Tensor Weight => weight;

    /// <summary>The learned shift (β).</summary>
    public Tensor Bias => bias;

    /// <summary>The running mean used in evaluation mode.</summary>
    public Tensor RunningMean => running_mean;

    /// <summary>The running (unbiased) variance used in evaluation mode.</summary>
    public Tensor RunningVariance => running_var;

    public override Tensor forward(Tensor input)
    {
        // No shape check here (it would read the shape on every batch): the networks are built from
        // checked specs, and libtorch's batch_norm refuses a channel count that does not match.
        if (training)
        {
            using var noGrad = no_grad();
            num_batches_tracked.add_(Scalars.IntegerOne, Scalars.IntegerOne); // explicit alpha: the default would be a temporary Scalar
        }
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
    }
}
