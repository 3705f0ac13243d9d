using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Transforms.MLNetInterop;

// Upstream: no upstream report found as of 2026-12 for a public way from a catalog to its MLContext's environment;
// related (IHostEnvironment internalised): https://github.com/dotnet/machinelearning/issues/2063
/// <summary>
/// Reaches the ML.NET environment behind a catalog (<c>ml.BinaryClassification.Trainers</c> and
/// friends), and the device settings of an environment. ML.NET keeps both behind internal
/// interfaces (<c>IInternalCatalog.Environment</c>, <c>IHostEnvironmentInternal.GpuDeviceId</c> and
/// <c>FallbackToCpu</c>); a catalog extension method has no other way to the MLContext's seed,
/// log and device rule. HostEnvironmentAccessTests fails loudly if ML.NET renames them; fix it
/// here and nowhere else.
/// </summary>
internal static class HostEnvironmentAccess
{
    private static readonly Assembly MLData = typeof(TrainCatalogBase).Assembly;
    private static readonly Assembly MLCore = typeof(IHostEnvironment).Assembly;

    private static readonly PropertyInfo CatalogEnvironment = InterfaceProperty(MLData, "Microsoft.ML.Data.IInternalCatalog", "Environment");
    private static readonly PropertyInfo GpuDeviceIdProperty = InterfaceProperty(MLCore, "Microsoft.ML.Runtime.IHostEnvironmentInternal", "GpuDeviceId");
    private static readonly PropertyInfo FallbackToCpuProperty = InterfaceProperty(MLCore, "Microsoft.ML.Runtime.IHostEnvironmentInternal", "FallbackToCpu");
    private static readonly PropertyInfo IsCanceledProperty = InterfaceProperty(MLCore, "Microsoft.ML.Runtime.ICancelable", "IsCanceled");
    private static readonly FieldInfo ContextEnvironment = typeof(MLContext).GetField("_env", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw Changed("MLContext._env no longer exists");

    /// <summary>The environment an ML.NET catalog was created with (the MLContext's own environment).</summary>
    public static IHostEnvironment FromCatalog(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!CatalogEnvironment.DeclaringType!.IsInstanceOfType(catalog))
            throw new ArgumentException($"{catalog.GetType().Name} is not an ML.NET catalog.", nameof(catalog));
        return (IHostEnvironment)CatalogEnvironment.GetValue(catalog)!;
    }

    /// <summary>MLContext.GpuDeviceId and MLContext.FallbackToCpu, as seen through any environment of that context.</summary>
    public static (int? GpuDeviceId, bool FallbackToCpu) DeviceSettings(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment is MLContext ml) return (ml.GpuDeviceId, ml.FallbackToCpu);
        if (!GpuDeviceIdProperty.DeclaringType!.IsInstanceOfType(environment)) return (null, false);
        return ((int?)GpuDeviceIdProperty.GetValue(environment), (bool)FallbackToCpuProperty.GetValue(environment)!);
    }

    /// <summary>
    /// Whether <c>MLContext.CancelExecution()</c> was called on the context behind
    /// <paramref name="environment"/> (ML.NET cancels every host registered on the context). ML.NET
    /// 5.0.1 keeps both the method and the flag internal; the Microsoft.ML.Experimental package
    /// exposes the method as an extension.
    /// </summary>
    public static bool IsCanceled(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        object? env = environment is MLContext ml ? ContextEnvironment.GetValue(ml) : environment;
        return env != null && IsCanceledProperty.DeclaringType!.IsInstanceOfType(env) && (bool)IsCanceledProperty.GetValue(env)!;
    }

    /// <summary>Calls ML.NET's internal <c>MLContext.CancelExecution()</c> (what the Microsoft.ML.Experimental extension does).</summary>
    public static void Cancel(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var cancel = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw Changed("MLContext.CancelExecution no longer exists");
        cancel.Invoke(ml, null);
    }

    private static PropertyInfo InterfaceProperty(Assembly assembly, string typeName, string property)
    {
        var type = assembly.GetType(typeName)
            ?? throw Changed($"{typeName} no longer exists in {assembly.GetName().Name}");
        return type.GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw Changed($"{typeName}.{property} no longer exists");
    }

    private static InvalidOperationException Changed(string what) =>
        new($"Cnn.MLNet could not reach an ML.NET internal it depends on ({what}): this ML.NET version is not supported. "
            + "Update src/Transforms/MLNetInterop/HostEnvironmentAccess.cs.");
}
