using TorchSharp;

namespace Cnn.MLNet.Trainers;

// Upstream: TorchSharp frees the Scalars it creates implicitly only in their finalizer; open fixes:
// https://github.com/dotnet/TorchSharp/pull/1434, https://github.com/dotnet/TorchSharp/pull/1496 (no issue report of the race found as of 2026-12).
/// <summary>
/// Scalars that live for the whole process, for tensor operations on hot paths. TorchSharp 0.107
/// turns every number passed to an operation, including the default <c>alpha = 1</c> of
/// <c>add(tensor)</c>, into a temporary <see cref="Scalar"/> that only its finalizer frees; a garbage
/// collection started by another thread can run that finalizer while the native operation still
/// reads it ("Expected false to be true" from Scalar.h, or "Unknown scalar type"). A statically
/// rooted Scalar is never finalized, and other numbers are made with <c>using</c> where they are used.
/// <c>TemporaryScalarAuditTests</c> (test/Cli.Tests/Runtime) reads the compiled IL of every assembly
/// of ours and fails on any other Scalar, and on any call into a TorchSharp method or module that
/// makes one internally (TorchSharp's <c>add(tensor)</c>, <c>square()</c>, <c>BatchNorm1d</c>, <c>ELU</c>, …).
/// </summary>
internal static class Scalars
{
    /// <summary>0, for comparisons with zero.</summary>
    public static readonly Scalar Zero = 0.0.ToScalar();

    /// <summary>1, the <c>alpha</c> of a plain addition.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>The integer 1, for counters kept in Int64 tensors (a float Scalar cannot be added to them in place).</summary>
    public static readonly Scalar IntegerOne = 1L.ToScalar();
}
