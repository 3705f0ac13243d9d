using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// How a scan's windows reach the network: the window column of the <see cref="ScanWindowDataView"/>
/// and the transformer applied to it.
/// <para>
/// Direct (the fast path): when the fitted chain begins with the one-hot encoder writing the CNN's
/// input column, followed by the CNN, windows are encoded straight from the genome's bytes into
/// that column (<see cref="ScanWindowEncoding"/>) and only the CNN is applied. That skips a string
/// and the encoder's ML.NET row per window, which matter at genome scale; the values are the same,
/// because the encoding is the encoder's own code and the CNN batches the same windows in the same
/// order. Transformers after the CNN are skipped only when the written value is still the CNN's own
/// column at the end of the chain (e.g. the multiclass class-name mapping the CLI appends).
/// </para>
/// <para>
/// Text (any other chain): the windows' bases as text through the model's whole <c>Transform</c>.
/// </para>
/// </summary>
internal sealed record GenomeScanRoute(ScanWindowColumn Window, ITransformer Scorer, bool Direct)
{
    /// <summary>The direct route when <paramref name="model"/> allows it, else the text route.</summary>
    public static GenomeScanRoute For(ITransformer model, GenomeScanModel scan)
    {
        var chain = CnnChain.Stages(model).ToList();
        if (chain is [OneHotSequenceTransformer encoder, CnnPredictionTransformer cnn, ..]
            && encoder.OutputColumnName == cnn.FeatureColumnName
            && encoder.InputColumnName == scan.SequenceColumn
            && !IsWindowViewColumn(cnn.FeatureColumnName)
            && (chain.Count == 2 || ValueIsTheCnns(model, encoder, cnn, scan)))
        {
            return new GenomeScanRoute(new ScanWindowEncoding(encoder), cnn, Direct: true);
        }
        return Text(model, scan);
    }

    /// <summary>The text route, whatever the model.</summary>
    public static GenomeScanRoute Text(ITransformer model, GenomeScanModel scan) =>
        new(new ScanWindowText(scan.SequenceColumn), model, Direct: false);

    // The direct view holds the encoded column beside these; a feature column of the same name
    // would collide there (and is refused downstream on the text route), so such a model keeps the text route.
    private static bool IsWindowViewColumn(string name) =>
        name is ScanWindowDataView.ChromosomeColumn or ScanWindowDataView.StartColumn or ScanWindowDataView.EndColumn;

    // Whether the value the scan writes is, at the end of the whole chain, still the very column the
    // CNN appended: ML.NET transformers append columns, so a later stage that rewrites the value
    // hides it behind a new column of the same name (another index), and one that drops columns
    // shifts it. Binding the whole chain here also raises any schema error the text route would.
    private static bool ValueIsTheCnns(ITransformer model, OneHotSequenceTransformer encoder, CnnPredictionTransformer cnn, GenomeScanModel scan)
    {
        var text = ScanWindowDataView.SchemaOf(new ScanWindowText(scan.SequenceColumn));
        var afterCnn = cnn.GetOutputSchema(encoder.GetOutputSchema(text)).GetColumnOrNull(scan.ValueColumn);
        var atEnd = model.GetOutputSchema(text).GetColumnOrNull(scan.ValueColumn);
        return afterCnn is { } mine && atEnd is { } final && mine.Index == final.Index && mine.Type.Equals(final.Type);
    }
}
