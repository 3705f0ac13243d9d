using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

// Upstream: TorchSharp frees the Scalars it creates implicitly only in their finalizer; open fixes:
// https://github.com/dotnet/TorchSharp/pull/1434, https://github.com/dotnet/TorchSharp/pull/1496 (no issue report of the race found as of 2026-12).
/// <summary>
/// The optimisers (Adam, AdamW, SGD with momentum, as PyTorch defines them) and gradient-norm
/// clipping, run by us rather than by TorchSharp's classes for one reason: every number passed to a
/// tensor operation must be a <see cref="Scalar"/> whose lifetime we control. TorchSharp 0.107's
/// optimisers pass temporaries that only their finalizer frees, and a garbage collection triggered
/// by another thread can run that finalizer while the native operation still reads the Scalar
/// ("Expected false to be true" from Scalar.h, or "Unknown scalar type"; reproduced in isolation).
/// Here each Scalar is created with <c>using</c> and lives until the operation has returned.
/// The state (moments, momentum buffers, step count) is saved in training checkpoints.
/// </summary>
internal sealed class ParameterUpdate : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly OptimizerKind _kind;
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly double _momentum, _weightDecay;
    private readonly Tensor?[] _first;   // Adam: exp_avg; SGD: momentum buffer
    private readonly Tensor?[] _second;  // Adam: exp_avg_sq
    private long _steps;

    public ParameterUpdate(OptimizerKind kind, IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay)
    {
        _kind = kind;
        _parameters = parameters.ToList();
        LearningRate = learningRate;
        _momentum = momentum;
        _weightDecay = weightDecay;
        _first = new Tensor?[_parameters.Count];
        _second = new Tensor?[_parameters.Count];
    }

    /// <summary>The rate of the next <see cref="Step"/> (set per epoch by the scheduler).</summary>
    public double LearningRate { get; set; }

    /// <summary>Zeroes every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.grad?.zero_();
    }

    /// <summary>Rescales the gradients so their joint L2 norm is at most <paramref name="maxNorm"/> (as torch.nn.utils.clip_grad_norm_).</summary>
    public void ClipGradientNorm(double maxNorm)
    {
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        var grads = _parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return;
        double total = Math.Sqrt(grads.Sum(g => { using var n = g.norm(); return Math.Pow(n.item<float>(), 2); }));
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient >= 1) return;
        using var scale = coefficient.ToScalar();
        foreach (var g in grads) g.mul_(scale);
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        _steps++;
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            if (p.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            if (_kind == OptimizerKind.Sgd) Sgd(i, p, grad);
            else Adam(i, p, grad);
        }
    }

    private void Adam(int i, Tensor p, Tensor grad)
    {
        var g = grad;
        if (_weightDecay != 0)
        {
            if (_kind == OptimizerKind.AdamW)
            {
                using var shrink = (1 - LearningRate * _weightDecay).ToScalar();
                p.mul_(shrink);
            }
            else
            {
                using var decay = _weightDecay.ToScalar();
                g = grad.add(p, decay);
            }
        }
        var m = _first[i] ??= torch.zeros_like(p).DetachFromDisposeScope();
        var v = _second[i] ??= torch.zeros_like(p).DetachFromDisposeScope();
        using (var beta1 = Beta1.ToScalar())
        using (var rest1 = (1 - Beta1).ToScalar())
            m.mul_(beta1).add_(g, rest1);
        using (var beta2 = Beta2.ToScalar())
        using (var rest2 = (1 - Beta2).ToScalar())
            v.mul_(beta2).addcmul_(g, g, rest2);
        double correction1 = 1 - Math.Pow(Beta1, _steps), correction2 = 1 - Math.Pow(Beta2, _steps);
        using var root2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        var denominator = v.sqrt().div_(root2).add_(epsilon, Scalars.One);
        using var stepSize = (-LearningRate / correction1).ToScalar();
        p.addcdiv_(m, denominator, stepSize);
    }

    private void Sgd(int i, Tensor p, Tensor grad)
    {
        var g = grad;
        if (_weightDecay != 0)
        {
            using var decay = _weightDecay.ToScalar();
            g = grad.add(p, decay);
        }
        if (_momentum != 0)
        {
            if (_first[i] is not { } buffer) _first[i] = buffer = g.clone().DetachFromDisposeScope();
            else
            {
                using var momentum = _momentum.ToScalar();
                buffer.mul_(momentum).add_(g, Scalars.One);
            }
            g = buffer;
        }
        using var rate = (-LearningRate).ToScalar();
        p.add_(g, rate);
    }

    /// <summary>Writes the step count and every state tensor (for checkpoints).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write((int)_kind);
        writer.Write(_steps);
        writer.Write(_parameters.Count);
        foreach (var state in new[] { _first, _second })
            foreach (var t in state)
            {
                writer.Write(t is not null);
                if (t is null) continue;
                using var cpu = t.detach().cpu();
                cpu.Save(writer);
            }
    }

    /// <summary>Restores what <see cref="Save"/> wrote, onto the parameters' device.</summary>
    /// <exception cref="InvalidDataException">The saved state is for another optimiser or other parameters.</exception>
    public void Load(BinaryReader reader)
    {
        var kind = (OptimizerKind)reader.ReadInt32();
        long steps = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (kind != _kind || count != _parameters.Count)
            throw new InvalidDataException($"the optimiser state is for {kind} over {count} parameter tensors, not {_kind} over {_parameters.Count}");
        _steps = steps;
        foreach (var state in new[] { _first, _second })
            for (int i = 0; i < count; i++)
            {
                state[i]?.Dispose();
                state[i] = null;
                if (!reader.ReadBoolean()) continue;
                using var cpu = torch.zeros(_parameters[i].shape, _parameters[i].dtype, device: CPU);
                cpu.Load(reader);
                state[i] = cpu.to(_parameters[i].device).DetachFromDisposeScope();
            }
    }

    public void Dispose()
    {
        foreach (var t in _first.Concat(_second)) t?.Dispose();
    }
}
