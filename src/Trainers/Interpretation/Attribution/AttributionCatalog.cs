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
        return new AttributionEstimator(new AttributionTransformer([model.Model],
            new AttributionOptions { Method = method, Shape = shape, TargetOutput = targetOutput, OutputColumnName = outputColumnName },
            inputColumnName ?? model.FeatureColumnName, model.ScoringBatchSize));
    }

    /// <summary>
    /// Appends, per row, which input values drive a fitted CNN's prediction, by any method and
    /// against any references (<see cref="AttributionOptions"/>): DeepLIFT/DeepSHAP against 20
    /// dinucleotide shuffles with <c>Method = AttributionMethod.DeepLift</c>, integrated gradients,
    /// saliency (simplex-corrected on one-hot sequences by default) or in-silico mutagenesis.
    /// DeepLIFT and integrated gradients also append each row's summation error
    /// (<see cref="AttributionOptions.SummationErrorColumnName"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">The fitted CNN (from a Cnn trainer's <c>Fit</c>, or the last transformer of a fitted chain).</param>
    /// <param name="options">The method, references, layout and columns.</param>
    /// <exception cref="ArgumentException">An option does not fit the model (the message names it).</exception>
    /// <exception cref="NotSupportedException">The method cannot explain this model: mutagenesis on a non-nucleotide input, or DeepLIFT on a network with a layer it has no rule for (the message names the layer).</exception>
    public static AttributionEstimator ComputeAttributions(this TransformsCatalog catalog, CnnPredictionTransformer model, AttributionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return new AttributionEstimator(new AttributionTransformer([model.Model], options, options.InputColumnName ?? model.FeatureColumnName, model.ScoringBatchSize));
    }

    /// <summary>
    /// Fold-averaged attributions of an ensemble (for example chromosome-fold models): each member's
    /// attributions of the same target, with the same references, averaged over the members. The
    /// members must read the same encoded input column. With DeepLIFT the averaged contributions sum
    /// to the members' mean Δ, which the summation-error column checks. The transformer works in
    /// memory; it cannot be saved inside a model file (save the ensemble instead).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="ensemble">The fitted ensemble (<c>ml.Model.CreateCnnEnsemble</c>, or loaded).</param>
    /// <param name="options">The method, references, layout and columns.</param>
    /// <exception cref="ArgumentException">The members read different feature columns or inputs, or an option does not fit them.</exception>
    /// <exception cref="NotSupportedException">The method cannot explain a member's network.</exception>
    public static AttributionEstimator ComputeAttributions(this TransformsCatalog catalog, CnnEnsemble ensemble, AttributionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(options);
        var networks = ensemble.MemberNetworks;
        string feature = networks[0].FeatureColumnName;
        if (networks.FirstOrDefault(n => n.FeatureColumnName != feature) is { } other)
            throw new ArgumentException($"Attribution: ensemble members read different feature columns ('{feature}' and '{other.FeatureColumnName}'); fold-averaged attributions need one encoded input.", nameof(ensemble));
        return new AttributionEstimator(new AttributionTransformer(networks.Select(n => n.Model).ToArray(), options,
            options.InputColumnName ?? feature, networks[0].ScoringBatchSize));
    }
}
