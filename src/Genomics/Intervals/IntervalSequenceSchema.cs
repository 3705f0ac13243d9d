using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The columns of an interval view: <c>Sequence</c>, <c>Chromosome</c> (text), <c>Start</c>, <c>End</c>
/// (Int64), then <c>Label</c> (Boolean, Single, text, or a vector of Single with the task names as slot
/// names; absent without a label).
/// </summary>
internal static class IntervalSequenceSchema
{
    /// <summary>The window's bases.</summary>
    public const string SequenceColumn = "Sequence";

    /// <summary>The window's chromosome.</summary>
    public const string ChromosomeColumn = "Chromosome";

    /// <summary>The window's first base (0-based).</summary>
    public const string StartColumn = "Start";

    /// <summary>The window's end (exclusive).</summary>
    public const string EndColumn = "End";

    /// <summary>The label.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Column indices.</summary>
    public const int Sequence = 0, Chromosome = 1, Start = 2, End = 3, Label = 4;

    /// <summary>The schema for a label of <paramref name="source"/> and <paramref name="kind"/>.</summary>
    public static DataViewSchema Build(IntervalLabelSource source, SequenceLabelKind kind, IReadOnlyList<string> taskNames)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SequenceColumn, TextDataViewType.Instance);
        builder.AddColumn(ChromosomeColumn, TextDataViewType.Instance);
        builder.AddColumn(StartColumn, NumberDataViewType.Int64);
        builder.AddColumn(EndColumn, NumberDataViewType.Int64);
        switch (source)
        {
            case IntervalLabelSource.None:
                break;
            case IntervalLabelSource.Tasks:
                var slotNames = new DataViewSchema.Annotations.Builder();
                slotNames.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, taskNames.Count), (ref VBuffer<ReadOnlyMemory<char>> names) =>
                    names = new VBuffer<ReadOnlyMemory<char>>(taskNames.Count, taskNames.Select(n => n.AsMemory()).ToArray()));
                builder.AddColumn(LabelColumn, new VectorDataViewType(NumberDataViewType.Single, taskNames.Count), slotNames.ToAnnotations());
                break;
            default:
                builder.AddColumn(LabelColumn, SequenceFileSchema.LabelType(kind)!);
                break;
        }
        return builder.ToSchema();
    }
}
