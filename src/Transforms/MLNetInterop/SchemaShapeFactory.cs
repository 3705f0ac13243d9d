using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.MLNetInterop;

// Upstream: https://github.com/dotnet/machinelearning/issues/3243 (SchemaShape.Column's constructor is internal; closed as intended).
/// <summary>
/// The one place where Cnn.MLNet reaches into ML.NET internals. An estimator's
/// <see cref="IEstimator{TTransformer}.GetOutputSchema"/> must declare the columns it adds,
/// but ML.NET 5.0.1 makes <see cref="SchemaShape.Column"/>'s constructor and
/// <c>SchemaShape.Create(DataViewSchema)</c> internal. They are reached here through
/// <see cref="UnsafeAccessorAttribute"/> (no reflection cost after the first call).
/// SchemaShapeFactoryTests fails loudly if ML.NET changes either signature; when it does,
/// fix it here and nowhere else.
/// </summary>
internal static class SchemaShapeFactory
{
    /// <summary>Creates a schema-shape column, as ML.NET's own estimators do.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="kind">Scalar, known-size vector, or variable-size vector.</param>
    /// <param name="itemType">The item type (for a key column, its <see cref="KeyDataViewType"/>).</param>
    /// <param name="isKey">Whether the items are keys.</param>
    /// <param name="annotations">The annotations the column promises, or null for none.</param>
    public static SchemaShape.Column CreateColumn(
        string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
    {
        try
        {
            return NewColumn(name, kind, itemType, isKey, annotations);
        }
        catch (MissingMemberException e)
        {
            throw Changed("SchemaShape.Column(string, VectorKind, DataViewType, bool, SchemaShape)", e);
        }
    }

    /// <summary>The shape of a concrete schema (hidden columns excluded), as ML.NET computes it.</summary>
    public static SchemaShape FromSchema(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            return CreateFromSchema(null, schema);
        }
        catch (MissingMemberException e)
        {
            throw Changed("static SchemaShape.Create(DataViewSchema)", e);
        }
    }

    /// <summary>
    /// The shape of annotations: one scalar text annotation per kind (the usual way to promise
    /// custom annotations).
    /// </summary>
    public static SchemaShape TextAnnotations(params IEnumerable<string> kinds) =>
        new(kinds.Select(kind => CreateColumn(kind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, isKey: false)));

    /// <summary>
    /// <paramref name="input"/> with <paramref name="added"/> columns; an added column replaces
    /// an input column of the same name, as ML.NET's estimators do.
    /// </summary>
    public static SchemaShape WithColumns(SchemaShape input, params IEnumerable<SchemaShape.Column> added)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = input.ToList();
        foreach (var column in added)
        {
            int existing = columns.FindIndex(c => c.Name == column.Name);
            if (existing >= 0)
            {
                columns[existing] = column;
            }
            else
            {
                columns.Add(column);
            }
        }
        return new SchemaShape(columns);
    }

    private static InvalidOperationException Changed(string member, Exception inner) =>
        new($"Cnn.MLNet could not call ML.NET's internal {member}: this ML.NET version "
            + $"({typeof(SchemaShape).Assembly.GetName().Version}) changed it. Update Cnn.MLNet's "
            + "MLNetInterop/SchemaShapeFactory to match.", inner);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern SchemaShape.Column NewColumn(
        string name, SchemaShape.Column.VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape? annotations);

    // For a static method the first parameter only names the declaring type.
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Create")]
    private static extern SchemaShape CreateFromSchema(SchemaShape? declaringType, DataViewSchema schema);
}
