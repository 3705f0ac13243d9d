using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The output schema of a sequence file: <c>Sequence</c> (text), then <c>Label</c> (Boolean,
/// Single or text by label kind; absent for None), then the layout's extra text columns.
/// </summary>
internal static class SequenceFileSchema
{
    /// <summary>The name of the sequence column.</summary>
    public const string SequenceColumn = "Sequence";

    /// <summary>The name of the label column.</summary>
    public const string LabelColumn = "Label";

    /// <summary>The schema for <paramref name="source"/>.</summary>
    public static DataViewSchema Build(ISequenceRecordSource source)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SequenceColumn, TextDataViewType.Instance);
        if (LabelType(source.LabelKind) is { } labelType)
            builder.AddColumn(LabelColumn, labelType);
        foreach (string name in source.ExtraColumnNames)
            builder.AddColumn(name, TextDataViewType.Instance);
        return builder.ToSchema();
    }

    /// <summary>The type of the label column; null for None.</summary>
    public static DataViewType? LabelType(SequenceLabelKind kind) => kind switch
    {
        SequenceLabelKind.None => null,
        SequenceLabelKind.Boolean => BooleanDataViewType.Instance,
        SequenceLabelKind.Single => NumberDataViewType.Single,
        SequenceLabelKind.Text => TextDataViewType.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown label kind."),
    };
}
