using Cnn.MLNet.Trainers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// DeepLIFT's rescale rule (Shrikumar et al. 2017) over the modules our networks are built from.
/// The network is run on the inputs and on their references side by side; every linear layer
/// (convolutions, transposed convolutions, dense, batch norm in evaluation mode, average pooling,
/// flatten, residual additions, strand-shared convolution, the profile and count heads of track
/// models) runs as it is, because its gradient already is its
/// DeepLIFT multiplier; every non-linear layer is replaced on the input's side by its value plus a
/// term with value zero whose gradient is the DeepLIFT multiplier:
/// <list type="bullet">
/// <item>element-wise activations (ReLU, GELU, ELU, tanh, sigmoid): Δy/Δx per element, or the
/// gradient where |Δx| is below 1e-6 (where the two agree to first order);</item>
/// <item>max pooling (windows or global): the difference of the maxima is split, as in DeepSHAP,
/// between the input's arg-max (max(y, y_ref) − y_ref) and the reference's arg-max
/// (y − max(y, y_ref)), each divided by its own Δx there (both ratios lie in [0, 1]).</item>
/// </list>
/// So the gradient of the input-side output with respect to the input is the DeepLIFT multiplier,
/// and multiplier × (input − reference) sums to output − reference output exactly, up to rounding
/// (summation-to-delta). Any other module is refused by name before anything runs
/// (<see cref="RequireSupported"/>): a rule the method does not model would give wrong scores that
/// still look plausible.
/// </summary>
internal static class DeepLiftNetwork
{
    /// <summary>|Δx| below which an activation's multiplier is its gradient: the secant is numerically meaningless there.</summary>
    private const double SecantFloor = 1e-6;

    /// <summary>The layer kinds the rescale rule covers, for error messages.</summary>
    public const string SupportedLayers = "convolutions (1-D, 2-D, strand-shared, transposed 1-D), track heads (profile and count), dense, batch norm (evaluation mode), ReLU, GELU, ELU, tanh, sigmoid, "
        + "max and average pooling (windows and global), residual blocks, flatten, identity and dropout (evaluation mode)";

    /// <summary>Throws unless every module of <paramref name="network"/> has a rule here.</summary>
    /// <exception cref="NotSupportedException">A module has no rule; the message names its path and type.</exception>
    public static void RequireSupported(CnnNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        foreach (var (name, module) in network.LayerSequence.named_children()) Check(module, name);
    }

    /// <summary>
    /// Runs <paramref name="network"/> on inputs (rows × values, flat; they may require gradients)
    /// and on references of the same shape (no gradients), and returns both raw outputs. The
    /// input-side output has the inputs' values; its gradient with respect to the inputs is the
    /// DeepLIFT multiplier against the references.
    /// </summary>
    public static (Tensor Input, Tensor Reference) Forward(CnnNetwork network, Tensor inputs, Tensor references)
    {
        if (network.training)
            throw new InvalidOperationException("DeepLIFT needs the network in evaluation mode: batch norm and dropout are not linear while training.");
        return Step(network.LayerSequence, network.ShapeInput(inputs), network.ShapeInput(references), "");
    }

    /// <summary>A layer's path as error messages name it: the network's layer names (<c>conv1</c>, <c>res2.body.conv_a</c>).</summary>
    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Check(nn.Module module, string path)
    {
        switch (module)
        {
            case Sequential sequential:
                foreach (var (name, child) in sequential.named_children()) Check(child, Join(path, name));
                return;
            case ResidualBlock block:
                Check(block.Body, $"{path}.body");
                Check(block.Skip, $"{path}.skip");
                Check(block.After, $"{path}.after");
                return;
            case TrackHead head: // a transposed convolution, a crop, a mean and a linear layer: linear throughout
                Check(head.Profile, $"{path}.profile");
                if (head.Count is { } count) Check(count, $"{path}.count");
                return;
            case StrandSharedConv1d:
            case Conv1d or Conv2d or ConvTranspose1d or Linear or BatchNormLayer or Flatten or Identity or Dropout:
            case AvgPool1d or AvgPool2d or AdaptiveAvgPool1d or AdaptiveAvgPool2d:
            case ReLU or GELU or EluLayer or Tanh or Sigmoid:
            case MaxPool1d or MaxPool2d or AdaptiveMaxPool1d or AdaptiveMaxPool2d:
                return;
            default:
                throw new NotSupportedException($"DeepLIFT: layer '{path}' is a {module.GetType().Name}, which has no DeepLIFT rule here, so its "
                    + $"attributions would be silently wrong. Supported: {SupportedLayers}. Use AttributionMethod.Saliency, IntegratedGradients or InSilicoMutagenesis for this network.");
        }
    }

    private static (Tensor Input, Tensor Reference) Step(nn.Module module, Tensor x, Tensor r, string path)
    {
        switch (module)
        {
            case Sequential sequential:
                foreach (var (name, child) in sequential.named_children()) (x, r) = Step(child, x, r, Join(path, name));
                return (x, r);
            case ResidualBlock block:
                var body = Step(block.Body, x, r, $"{path}.body");
                var skip = Step(block.Skip, x, r, $"{path}.skip");
                return Step(block.After, body.Input.add(skip.Input, Scalars.One), body.Reference.add(skip.Reference, Scalars.One), $"{path}.after");
            case ReLU or GELU or EluLayer or Tanh or Sigmoid:
                return Rescale((nn.Module<Tensor, Tensor>)module, x, r);
            case MaxPool1d pool: return MaxRule(x, r, t => pool.forward_with_indices(t));
            case MaxPool2d pool: return MaxRule(x, r, t => pool.forward_with_indices(t));
            case AdaptiveMaxPool1d pool: return MaxRule(x, r, t => pool.forward_with_indices(t));
            case AdaptiveMaxPool2d pool: return MaxRule(x, r, t => pool.forward_with_indices(t));
            case BatchNormLayer or Dropout when module.training:
                throw new InvalidOperationException($"DeepLIFT: layer '{path}' is in training mode, where it is not linear.");
            case nn.Module<Tensor, Tensor> linear:
                Check(module, path);
                Tensor reference;
                using (no_grad()) reference = linear.forward(r);
                return (linear.forward(x), reference);
            default:
                Check(module, path);
                throw new InvalidOperationException($"DeepLIFT: layer '{path}' ({module.GetType().Name}) is not a tensor-to-tensor module.");
        }
    }

    /// <summary>y + m·(x − x̄) with x̄ = x detached: the activation's value, and gradient m = Δy/Δx (or f′(x) where |Δx| is tiny).</summary>
    private static (Tensor Input, Tensor Reference) Rescale(nn.Module<Tensor, Tensor> activation, Tensor x, Tensor r)
    {
        Tensor y, yr, multiplier;
        using (no_grad())
        {
            var detached = x.detach();
            y = activation.forward(detached);
            yr = activation.forward(r);
            var dx = detached - r;
            using var floor = SecantFloor.ToScalar();
            var small = dx.abs().lt(floor);
            var secant = (y - yr) / torch.where(small, torch.ones_like(dx), dx);
            multiplier = torch.where(small, Derivative(activation, detached), secant);
        }
        return (y.add(multiplier * (x - x.detach()), Scalars.One), yr);
    }

    /// <summary>f′ at <paramref name="at"/>, element-wise (the activations are element-wise, so the gradient of the sum is each element's derivative).</summary>
    private static Tensor Derivative(nn.Module<Tensor, Tensor> activation, Tensor at)
    {
        using var grad = enable_grad();
        var leaf = at.detach().requires_grad_(true);
        var value = activation.forward(leaf);
        return torch.autograd.grad([value], [leaf], [torch.ones_like(value)])[0].detach();
    }

    /// <summary>
    /// DeepSHAP's max-pooling rule: Δy = (max(y, y_ref) − y_ref) + (y − max(y, y_ref)); the first
    /// term goes to the input's arg-max, the second to the reference's arg-max, each as a
    /// multiplier term/Δx there. Both ratios lie in [0, 1] (the input's maximum exceeds the
    /// reference at its own arg-max by at most Δx there, and likewise the other way), and a term is
    /// zero wherever its Δx is zero, so the split is exact.
    /// </summary>
    private static (Tensor Input, Tensor Reference) MaxRule(Tensor x, Tensor r, Func<Tensor, (Tensor Values, Tensor Indices)> pool)
    {
        Tensor y, yr, atInput, atReference, weightInput, weightReference;
        using (no_grad())
        {
            var detached = x.detach();
            (y, atInput) = pool(detached);
            (yr, atReference) = pool(r);
            var cross = torch.maximum(y, yr);
            var delta = (detached - r).flatten(2);
            var deltaAtInput = Gather(delta, atInput);
            var deltaAtReference = Gather(delta, atReference);
            weightInput = SafeRatio(cross - yr, deltaAtInput);
            weightReference = SafeRatio(y - cross, deltaAtReference);
        }
        var flat = x.flatten(2);
        var linear = (weightInput * Gather(flat, atInput)).add(weightReference * Gather(flat, atReference), Scalars.One);
        return (y.add(linear - linear.detach(), Scalars.One), yr);
    }

    /// <summary>Values of (N, C, positions) <paramref name="flat"/> at a pooling's indices (N, C, …, flattened like the input's spatial axes), shaped like the indices.</summary>
    private static Tensor Gather(Tensor flat, Tensor indices) => flat.gather(2, indices.flatten(2)).view(indices.shape);

    private static Tensor SafeRatio(Tensor numerator, Tensor denominator)
    {
        var zero = denominator.eq(Scalars.Zero);
        return torch.where(zero, torch.zeros_like(numerator), numerator / torch.where(zero, torch.ones_like(denominator), denominator));
    }
}
