namespace Cnn.MLNet.Trainers;

/// <summary>Readable type names for messages: <c>CustomMappingTransformer&lt;Input, Output&gt;</c> rather than <c>CustomMappingTransformer`2</c>.</summary>
internal static class TypeNames
{
    public static string Describe(Type type)
    {
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        string name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0) name = name[..tick];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}>";
    }
}
