using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// Finds and type-checks the input columns of a component, with errors that name the
/// component, the column, what was expected, what was found, and the columns that exist.
/// Works on both <see cref="DataViewSchema"/> (transformers) and <see cref="SchemaShape"/>
/// (estimators), so both report the same message.
/// </summary>
internal static class SchemaLookup
{
    /// <summary>Finds a visible column of <paramref name="schema"/> by name.</summary>
    /// <param name="schema">The schema to search.</param>
    /// <param name="name">The column name.</param>
    /// <param name="component">The component asking, for the message (e.g. "OneHotEncodeSequence").</param>
    /// <param name="parameterName">The parameter the schema came from, for the exception.</param>
    /// <exception cref="ArgumentException">No such column; the message lists the columns that exist.</exception>
    public static DataViewSchema.Column GetColumn(DataViewSchema schema, string name, string component, string parameterName)
    {
        var column = schema.GetColumnOrNull(name);
        if (column is null)
        {
            throw NotFound(name, component, parameterName, schema.Where(c => !c.IsHidden).Select(c => c.Name));
        }
        return column.Value;
    }

    /// <summary>Finds a column of <paramref name="shape"/> by name.</summary>
    /// <inheritdoc cref="GetColumn(DataViewSchema, string, string, string)"/>
    public static SchemaShape.Column GetColumn(SchemaShape shape, string name, string component, string parameterName)
    {
        foreach (var column in shape)
        {
            if (column.Name == name)
            {
                return column;
            }
        }
        throw NotFound(name, component, parameterName, shape.Select(c => c.Name));
    }

    /// <summary>Whether the column holds one text value per row.</summary>
    public static bool IsScalarText(DataViewType type) => type is TextDataViewType;

    /// <inheritdoc cref="IsScalarText(DataViewType)"/>
    public static bool IsScalarText(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && !column.IsKey && column.ItemType is TextDataViewType;

    /// <summary>The error for an input column of the wrong type.</summary>
    public static ArgumentException WrongType(string name, string component, string expected, string actual, string parameterName) =>
        new($"{component}: input column '{name}' has type {actual}; expected {expected}.", parameterName);

    /// <summary>A readable name of a column type, e.g. "Single", "Vector&lt;Single, 4&gt;".</summary>
    public static string Describe(DataViewType type) => type.ToString() ?? type.GetType().Name;

    /// <summary>A readable name of a schema-shape column's type.</summary>
    public static string Describe(SchemaShape.Column column)
    {
        string item = Describe(column.ItemType);
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}> (known size)",
            SchemaShape.Column.VectorKind.VariableVector => $"Vector<{item}> (variable size)",
            _ => item,
        };
    }

    private static ArgumentException NotFound(string name, string component, string parameterName, IEnumerable<string> available)
    {
        var names = available.Distinct().ToList();
        var message = new StringBuilder($"{component}: input column '{name}' was not found. ");
        message.Append(names.Count == 0
            ? "The data has no columns."
            : $"Available columns: {string.Join(", ", names.Select(n => $"'{n}'"))}.");
        return new ArgumentException(message.ToString(), parameterName);
    }
}
