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
        var column = model.GetOutputSchema(input.ToSchema()).GetColumnOrNull(scan.ValueColumn);
        string[] suffixes = Enumerable.Range(0, scan.Outputs).Select(i => "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (column is { } c && c.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            c.GetSlotNames(ref names);
            var dense = names.DenseValues().Select(n => n.ToString()).ToArray();
            // Names go into column headers: only usable when each is present and distinct.
            if (dense.Length == scan.Outputs && dense.All(n => n.Length > 0 && !n.Any(char.IsWhiteSpace)) && dense.Distinct().Count() == dense.Length)
                suffixes = dense.Select(n => "." + n).ToArray();
        }
        return new VariantOutputs(scan, suffixes);
    }

    public IReadOnlyList<string> Names => Suffixes.Select(s => Model.ValueColumn + s).ToList();
}
