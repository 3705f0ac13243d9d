using System.Reflection;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>
/// Guards the one reach into ML.NET internals. If these fail after an ML.NET upgrade, the
/// internal SchemaShape.Column constructor or SchemaShape.Create changed: fix
/// src/Transforms/MLNetInterop/SchemaShapeFactory.cs.
/// </summary>
public sealed class SchemaShapeFactoryTests
{
    [Fact]
    public void MLNet_still_has_the_internal_members_the_factory_calls()
    {
        var constructor = typeof(SchemaShape.Column).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null,
            [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)], null);
        Assert.True(constructor is not null,
            "ML.NET changed SchemaShape.Column(string, VectorKind, DataViewType, bool, SchemaShape): update MLNetInterop/SchemaShapeFactory.");

        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, null, [typeof(DataViewSchema)], null);
        Assert.True(create is not null && create.ReturnType == typeof(SchemaShape),
            "ML.NET changed static SchemaShape.Create(DataViewSchema): update MLNetInterop/SchemaShapeFactory.");
    }

    [Fact]
    public void CreateColumn_sets_every_field()
    {
        var annotations = SchemaShapeFactory.TextAnnotations("Kind1");
        var column = SchemaShapeFactory.CreateColumn("Features", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, annotations);

        Assert.Equal("Features", column.Name);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.False(column.IsKey);
        Assert.Same(annotations, column.Annotations);
        var annotation = Assert.Single(annotations);
        Assert.Equal("Kind1", annotation.Name);
        Assert.Equal(TextDataViewType.Instance, annotation.ItemType);
    }

    [Fact]
    public void FromSchema_matches_the_schema_and_WithColumns_replaces_same_named_columns()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Text", TextDataViewType.Instance);
        builder.AddColumn("Vector", new VectorDataViewType(NumberDataViewType.Single, 3));
        var shape = SchemaShapeFactory.FromSchema(builder.ToSchema());

        Assert.Equal(["Text", "Vector"], shape.Select(c => c.Name));
        Assert.Equal(SchemaShape.Column.VectorKind.Scalar, shape[0].Kind);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, shape[1].Kind);

        var replaced = SchemaShapeFactory.WithColumns(shape,
            SchemaShapeFactory.CreateColumn("Text", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            SchemaShapeFactory.CreateColumn("New", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
        Assert.Equal(["Text", "Vector", "New"], replaced.Select(c => c.Name));
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, replaced[0].Kind);
    }
}
