using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>
/// Builds averaged ensembles of fitted Cnn.MLNet pipelines: <c>ml.Model.CreateCnnEnsemble(…)</c>
/// (what it averages and how: <see cref="CnnEnsemble"/>, docs/ENSEMBLES.md).
/// </summary>
/// <example><code>
/// var ensemble = ml.Model.CreateCnnEnsemble([modelA, modelB, modelC], data.Schema);
/// var metrics = ml.BinaryClassification.Evaluate(ensemble.Transform(test));
/// ml.Model.SaveCnn(ensemble, data.Schema, "ensemble.zip");
/// </code></example>
public static class CnnEnsembleCatalog
{
    /// <summary>An ensemble that averages the scores of <paramref name="members"/>.</summary>
    /// <param name="catalog">The model operations catalog (<c>ml.Model</c>).</param>
    /// <param name="members">At least two fitted pipelines of the same task, each ending in a Cnn network, that read the same raw input.</param>
    /// <param name="inputSchema">The schema of the raw data the members are applied to, e.g. <c>data.Schema</c>; every member is checked against it now.</param>
    /// <exception cref="ArgumentException">The members cannot be averaged; the message names the member and why (see <see cref="CnnEnsemble.Create"/>).</exception>
    public static CnnEnsemble CreateCnnEnsemble(this ModelOperationsCatalog catalog, IEnumerable<ITransformer> members, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return CnnEnsemble.Create(members, inputSchema);
    }
}
