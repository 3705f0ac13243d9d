using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>The exponential linear unit with α = 1 (as <c>nn.ELU()</c>): x for x &gt; 0, exp(x) − 1 otherwise.</summary>
/// <remarks>
/// Why not TorchSharp's module: <c>ELU.forward</c> passes α, scale and input scale as three
/// temporary Scalars that only their finalizers free, which a garbage collection on another thread
/// can run while libtorch reads them (see <see cref="Scalars"/>). These are process-lifetime ones.
/// </remarks>
internal sealed class EluLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>α, the value approached for very negative inputs (−α).</summary>
    public const double Alpha = 1.0;

    public EluLayer() : base(nameof(EluLayer)) { }

    public override Tensor forward(Tensor input) => input.elu(Scalars.One, Scalars.One, Scalars.One);
}
