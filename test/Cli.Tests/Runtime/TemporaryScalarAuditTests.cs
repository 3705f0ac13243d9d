using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Cli.Tests.Runtime;

/// <summary>
/// No code of ours makes a TorchSharp Scalar that only its finalizer frees, directly or through a
/// TorchSharp method or module that does (see <see cref="TemporaryScalarAudit"/> for the race this
/// closes). Read from the compiled IL of every Cnn.MLNet assembly the command-line tool ships, so
/// implicit conversions, default arguments and operators are seen as they run.
/// </summary>
public class TemporaryScalarAuditTests
{
    private static readonly string[] OurAssemblies =
        ["Cnn.MLNet.Transforms", "Cnn.MLNet.Trainers", "Cnn.MLNet.Pipelines", "Cnn.MLNet.Onnx", "cnn-mlnet"];

    [Fact]
    public void No_code_of_ours_makes_temporary_Scalars()
    {
        var audit = new TemporaryScalarAudit();
        var assemblies = OurAssemblies.Select(Assembly.Load).ToList();
        var violations = assemblies.SelectMany(audit.Violations).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(violations.Count == 0,
            "TorchSharp frees these Scalars from finalizers, which can run while libtorch reads them when another thread "
            + "collects garbage (docs/CONV-KERNELS.md). Use Runtime/Scalars, a using Scalar, or our own module:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_audit_finds_TorchSharps_own_temporaries()
    {
        var audit = new TemporaryScalarAudit();
        // add(tensor) passes alpha = 1 as a temporary; add(tensor, alpha) does not.
        Assert.NotNull(audit.WhyUnsafe(typeof(Tensor).GetMethod(nameof(Tensor.add), [typeof(Tensor)])!));
        Assert.Null(audit.WhyUnsafe(typeof(Tensor).GetMethod(nameof(Tensor.add), [typeof(Tensor), typeof(Scalar)])!));
        // TorchSharp's BatchNorm counts batches with add_(1); its convolutions make none.
        Assert.NotNull(audit.WhyUnsafe(typeof(TorchSharp.Modules.BatchNorm1d).GetMethod("forward")!));
        Assert.Null(audit.WhyUnsafe(typeof(TorchSharp.Modules.Conv1d).GetMethod("forward")!));
    }

    [Fact]
    public void The_audit_flags_each_way_our_code_could_make_them()
    {
        var audit = new TemporaryScalarAudit();
        string[] Flagged(string name) => audit.ViolationsOf(typeof(Samples).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!).ToArray();

        Assert.Contains(Flagged(nameof(Samples.Operator)), v => v.Contains("Scalar(s)"));
        Assert.Contains(Flagged(nameof(Samples.DefaultAlpha)), v => v.Contains("Tensor.add(Tensor)"));
        Assert.Contains(Flagged(nameof(Samples.TorchSharpBatchNorm)), v => v.Contains("builds BatchNorm1d"));
        Assert.Contains(Flagged(nameof(Samples.UndisposedToScalar)), v => v.Contains("Scalar(s)"));
        Assert.Empty(Flagged(nameof(Samples.RootedAlpha)));
        Assert.Empty(Flagged(nameof(Samples.UsingScalar)));
    }

    private static class Samples
    {
        private static readonly Scalar One = 1.0.ToScalar();   // rooted for the process, as Runtime/Scalars does

        internal static Tensor Operator(Tensor x) => x * 0.5;
        internal static Tensor DefaultAlpha(Tensor x, Tensor y) => x.add(y);
        internal static nn.Module<Tensor, Tensor> TorchSharpBatchNorm() => nn.BatchNorm1d(4);
        internal static Tensor UndisposedToScalar(Tensor x) => x.mul(2.0.ToScalar());
        internal static Tensor RootedAlpha(Tensor x, Tensor y) => x.add(y, One);

        internal static Tensor UsingScalar(Tensor x)
        {
            using var two = 2.0.ToScalar();
            return x.mul(two);
        }
    }
}
