using System.Reflection;
using System.Reflection.Emit;

namespace Cnn.MLNet.Cli.Tests.Runtime;

/// <summary>
/// The methods a compiled method calls (call, callvirt, newobj, ldftn, ldvirtftn), read from its IL
/// and resolved through its module, so calls hidden by the compiler (implicit conversions, default
/// arguments, lambdas, operators) are seen as they run.
/// </summary>
internal static class IlCalls
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method, constructor and accessor declared by <paramref name="type"/> that has a body.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
    }

    /// <summary>One call in a method body, and the local variable its result is stored in right away (null when it is not).</summary>
    public readonly record struct Call(MethodBase Target, int? StoredInLocal);

    /// <summary>The calls in <paramref name="method"/>'s body, in order (repeats kept), each with where its result goes; none for abstract or extern methods.</summary>
    public static IEnumerable<Call> CallsIn(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException) { yield break; }
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;

        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                int token = BitConverter.ToInt32(il, i);
                MethodBase? target = null;
                try { target = method.Module.ResolveMethod(token, typeArguments, methodArguments); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException) { }
                i += 4;
                if (target is not null) yield return new Call(target, StoredLocal(il, i));
                continue;
            }
            i += OperandSize(opCode.OperandType, il, i);
        }
    }

    // The local index of a stloc at il[at], if there is one.
    private static int? StoredLocal(byte[] il, int at)
    {
        if (at >= il.Length) return null;
        byte b = il[at];
        if (b is >= 0x0A and <= 0x0D) return b - 0x0A;                          // stloc.0 … stloc.3
        if (b == 0x13 && at + 1 < il.Length) return il[at + 1];                  // stloc.s
        if (b == 0xFE && at + 3 < il.Length && il[at + 1] == 0x0E) return BitConverter.ToUInt16(il, at + 2); // stloc
        return null;
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
