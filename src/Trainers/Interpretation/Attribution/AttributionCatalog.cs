using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>Catalog entry point for attributions: <c>ml.Transforms.ComputeAttributions(…)</c>.</summary>
public static class AttributionCatalog
{
    /// <summary>
    /// Appends, per row, which input bases drive a fitted CNN's prediction, as a
    /// <c>vector&lt;float&gt;</c> column. The explained value is a raw network output: the logit
    /// (binary), the value (regression), output <paramref name="targetOutput"/> (multi-task; may be
    /// omitted when there is one target), or the class logit of <paramref name="targetOutput"/>
    /// (multiclass; by default each row's predicted class).
    /// <see cref="AttributionMethod.Saliency"/> (gradient × input) costs one forward and one backward
    /// pass per batch. <see cref="AttributionMethod.InSilicoMutagenesis"/> substitutes every base
    /// at every position (effect = score(mutant) − score(reference), 0 for the reference base) and
    /// costs 3 × length forward passes per one-hot sequence (4 at ambiguous positions), run in
    /// chunks; it supports DNA and RNA models only (a soft-mask channel is kept as it is and gets 0).
    /// Output size: channels × length, channel-major (<see cref="AttributionShape.PerBase"/>), or
    /// length (<see cref="AttributionShape.PerPosition"/>, the sum over channels). Image models
    /// support saliency: channels × height × width per pixel and channel, or height × width per pixel.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">The fitted CNN (from a Cnn trainer's <c>Fit</c>, or the last transformer of a fitted chain).</param>
    /// <param name="method">Saliency (gradient × input) or in-silico mutagenesis.</param>
    /// <param name="shape">Per base (channels × length) or per position (length).</param>
    /// <param name="targetOutput">The raw output to explain, in [0, outputs − 1]; default: the only output, or each row's predicted class for multiclass.</param>
    /// <param name="outputColumnName">The appended column.</param>
    /// <param name="inputColumnName">The encoded-sequence column; default: the model's feature column.</param>
    /// <exception cref="ArgumentException"><paramref name="targetOutput"/> is out of range (the message names the range), or missing for a multi-task model with several targets.</exception>
    /// <exception cref="NotSupportedException">In-silico mutagenesis on a protein model, one with no sequence encoding, or a k-mer encoding (Order &gt; 1).</exception>
    public static AttributionEstimator ComputeAttributions(this TransformsCatalog catalog, CnnPredictionTransformer model,
        AttributionMethod method = AttributionMethod.Saliency, AttributionShape shape = AttributionShape.PerBase,
        int? targetOutput = null, string outputColumnName = "Attribution", string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new AttributionEstimator(new AttributionTransformer(model.Model, method, shape, targetOutput, outputColumnName,
            inputColumnName ?? model.FeatureColumnName, model.ScoringBatchSize));
    }
}
