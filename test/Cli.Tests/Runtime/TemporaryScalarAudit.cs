using System.Reflection;
using TorchSharp;

namespace Cnn.MLNet.Cli.Tests.Runtime;

/// <summary>
/// Finds where compiled code makes TorchSharp <see cref="Scalar"/>s that only a finalizer frees.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns numbers passed to tensor operations into Scalars (implicit conversions,
/// <c>ToScalar()</c>, default arguments such as <c>add(tensor)</c>'s alpha = 1) and frees them only
/// from their finalizers. A garbage collection on another thread can run that finalizer while
/// libtorch still reads the Scalar: "Expected false to be true … Scalar.h", or garbage
/// (../shared/repro/conv-float64). A method is unsafe when its IL creates a Scalar it does not
/// dispose (fewer <c>Scalar.Dispose</c> calls than creations; static constructors, which root them
/// for the process, are exempt), or when it calls a TorchSharp method that is unsafe, found the same
/// way over TorchSharp's own IL and closed over its internal calls. A TorchSharp module is unsafe
/// when its <c>forward</c> is. Virtual calls are judged by the method named in the IL, so
/// <c>Sequential.forward</c> is not blamed for the modules it holds; each of those is checked where it is built.
/// </remarks>
internal sealed class TemporaryScalarAudit
{
    private static readonly Assembly TorchSharpAssembly = typeof(Scalar).Assembly;
    private readonly Dictionary<MethodBase, string?> _torchSharpVerdicts = new();

    /// <summary>Why a TorchSharp method makes temporary Scalars (the chain of calls down to the creation), or null when it does not.</summary>
    public string? WhyUnsafe(MethodBase torchSharpMethod) => Verdict(torchSharpMethod, new HashSet<MethodBase>());

    /// <summary>Every method of <paramref name="assembly"/> that makes temporary Scalars, with the reason.</summary>
    public IEnumerable<string> Violations(Assembly assembly) =>
        assembly.GetTypes().SelectMany(IlCalls.MethodsOf).SelectMany(ViolationsOf);

    /// <summary>What <paramref name="method"/> does that makes temporary Scalars, one line each.</summary>
    public IEnumerable<string> ViolationsOf(MethodBase method)
    {
        var body = IlCalls.CallsIn(method).ToList();
        var calls = body.Select(c => c.Target).ToList();
        string where = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (Undisposed(method, body) is { } undisposed)
            yield return $"{where}: {undisposed} (keep a static readonly Scalar, as Runtime/Scalars does, or make it with using)";
        foreach (var call in calls.Where(c => c.DeclaringType?.Assembly == TorchSharpAssembly).Distinct())
        {
            if (IsScalarCreation(call) || IsScalarDispose(call)) continue;
            if (WhyUnsafe(call) is { } why)
                yield return $"{where}: calls {Describe(call)}, which {why}";
            if (UnsafeModule(call) is { } module)
                yield return $"{where}: builds {module.Name}, whose forward {WhyUnsafe(Forward(module)!)}";
        }
    }

    // A module type made by this call (constructor or factory) whose forward makes temporary Scalars.
    private Type? UnsafeModule(MethodBase call)
    {
        var made = call is ConstructorInfo ? call.DeclaringType : (call as MethodInfo)?.ReturnType;
        if (made is null || made.Assembly != TorchSharpAssembly || !typeof(torch.nn.Module).IsAssignableFrom(made)) return null;
        return Forward(made) is { } forward && WhyUnsafe(forward) is not null ? made : null;
    }

    private static MethodInfo? Forward(Type module) =>
        module.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == "forward" && !m.IsAbstract && m.GetParameters().Length == 1);

    private string? Verdict(MethodBase method, HashSet<MethodBase> visiting)
    {
        if (_torchSharpVerdicts.TryGetValue(method, out var known)) return known;
        if (!visiting.Add(method)) return null;                       // a cycle: judged by its other calls
        var body = IlCalls.CallsIn(method).ToList();
        var calls = body.Select(c => c.Target).ToList();
        string? verdict = Undisposed(method, body);
        foreach (var call in calls.Where(c => c.DeclaringType?.Assembly == TorchSharpAssembly && !IsScalarCreation(c) && !IsScalarDispose(c)).Distinct())
        {
            if (verdict is not null) break;
            if (Verdict(call, visiting) is { } inner) verdict = $"calls {Describe(call)}, which {inner}";
        }
        visiting.Remove(method);
        _torchSharpVerdicts[method] = verdict;
        return verdict;
    }

    // Scalars made and not disposed: each one made must go straight into a local variable of type
    // Scalar and be disposed (using); static constructors root theirs for the process.
    private static string? Undisposed(MethodBase method, IReadOnlyList<IlCalls.Call> calls)
    {
        if (method is ConstructorInfo { IsStatic: true }) return null;
        var made = calls.Where(c => IsScalarCreation(c.Target)).ToList();
        if (made.Count == 0) return null;
        var locals = method.GetMethodBody()?.LocalVariables;
        int kept = made.Count(c => c.StoredInLocal is int i && locals is not null && i < locals.Count && locals[i].LocalType == typeof(Scalar));
        int disposed = calls.Count(c => IsDispose(c.Target));
        return kept == made.Count && disposed >= made.Count ? null
            : $"makes {made.Count} Scalar(s), {made.Count - kept} of them never held in a local, with {disposed} Dispose call(s)";
    }

    private static bool IsDispose(MethodBase call) =>
        call.Name == "Dispose" && call.GetParameters().Length == 0 && (call.DeclaringType == typeof(Scalar) || call.DeclaringType == typeof(IDisposable));

    private static bool IsScalarCreation(MethodBase call) =>
        (call.DeclaringType == typeof(Scalar) && call.Name == "op_Implicit")
        || (call.Name == "ToScalar" && call is MethodInfo m && m.ReturnType == typeof(Scalar));

    private static bool IsScalarDispose(MethodBase call) => call.Name == "Dispose" && call.DeclaringType == typeof(Scalar);

    private static string Describe(MethodBase method) =>
        $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
}
