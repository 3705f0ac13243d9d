using System.Globalization;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What a variant-effect run reads from a model, found as the genome scanner finds it
/// (<see cref="GenomeScanModel"/>): the text column, the window length, the value column and how
/// many outputs it holds, and a column suffix per output (<c>.name</c> from the column's slot
/// names where the model has them, else <c>.N</c>; none for a single output).
/// </summary>
internal sealed record VariantOutputs(GenomeScanModel Model, IReadOnlyList<string> Suffixes)
{
    public int Count => Model.Outputs;

    public bool IsProbability => Model.ValueColumn == "Probability";

    public static VariantOutputs Of(ITransformer model)
    {
        var scan = GenomeScanModel.Of(model, 0);
        if (scan.Outputs == 1)
            return new VariantOutputs(scan, [""]);
        var input = new DataViewSchema.Builder();
        input.AddColumn(scan.SequenceColumn, TextDataViewType.Instance);
        var schema = model.GetOutputSchema(input.ToSchema());
        string[] suffixes = Enumerable.Range(0, scan.Outputs).Select(i => "." + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        // Output names: the score column's slot names, or a multiclass model's class names (the key
        // values of its predicted label, in class-index order, which is the score's slot order).
        var names = SlotNames(schema.GetColumnOrNull(scan.ValueColumn))
            ?? (scan.Task == CnnTaskKind.MulticlassClassification ? KeyNames(schema.GetColumnOrNull("PredictedLabel")) : null);
        // Names go into column headers: only usable when each is present, without white space, and distinct.
        if (names is { } n && n.Length == scan.Outputs && n.All(x => x.Length > 0 && !x.Any(char.IsWhiteSpace)) && n.Distinct().Count() == n.Length)
            suffixes = n.Select(x => "." + x).ToArray();
        return new VariantOutputs(scan, suffixes);
    }

    private static string[]? SlotNames(DataViewSchema.Column? column)
    {
        if (column is not { } c || !c.HasSlotNames()) return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        c.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private static string[]? KeyNames(DataViewSchema.Column? column)
    {
        if (column is not { } c || !c.HasKeyValues()) return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        c.GetKeyValues(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public IReadOnlyList<string> Names => Suffixes.Select(s => Model.ValueColumn + s).ToList();
}
