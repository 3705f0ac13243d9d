using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// BPNet-style profile models: from a one-hot sequence, per coverage track a base-resolution profile
/// (multinomial) and a total count (log(total + 1), squared error). The label is a vector of observed
/// counts, tracks × positions of the output window, track-major (as
/// <c>Cnn.MLNet.Genomics.ProfileTrainingData</c> builds it). Scoring adds Profile, ProfileProbabilities,
/// Count and LogCount columns. Create it with <c>ml.Regression.Trainers.CnnProfile(options)</c>.
/// </summary>
public sealed class CnnProfileTrainer : CnnTrainerBase<CnnProfileTrainer.Options>
{
    /// <summary>Options for <see cref="CnnProfileTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions
    {
        /// <summary>
        /// Positions of the predicted profile, centred in the input window. Default null: the
        /// network's <see cref="TrackHeadSpec.OutputLength"/>, or the input length when no network is
        /// given (BPNet's equal windows). Without <see cref="CnnTrainingOptions.Network"/> the trainer
        /// builds <see cref="NetworkPresets.BPNet"/> for it.
        /// </summary>
        public int? OutputLength { get; set; }

        /// <summary>
        /// Whether the label's tracks are (plus, minus) strand pairs — tracks 0 and 1, 2 and 3, … — which
        /// swap when a sequence is reverse-complemented (augmentation, reverse-complement averaging).
        /// Default false: unstranded tracks, which only reverse.
        /// </summary>
        public bool Stranded { get; set; }

        /// <summary>
        /// λ, the weight of the count loss against the profile loss. Default null: BPNet's rule as
        /// ChromBPNet applies it, the median total count of the training rows ÷ 10 (at least 1), so the
        /// two losses are of similar size whatever the sequencing depth.
        /// </summary>
        public float? CountWeight { get; set; }
    }

    internal CnnProfileTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override NetworkSpec? DefaultNetwork(InputShape input) =>
        TrackTrainerSetup.Network(TrainerOptions.Network, TrainerOptions.OutputLength, input, TrackHeadKind.ProfileAndCount, 1);

    private protected override CnnTask CreateTask(DataViewSchema.Column label, InputShape input, IDataView trainData)
    {
        var head = TrackTrainerSetup.Head(TrainerOptions, DefaultNetwork(input)!, TrainerOptions.OutputLength, input, TrackHeadKind.ProfileAndCount, 1);
        TrackTrainerSetup.CheckAugmentation(TrainerOptions, head, input);
        var layout = TrackTrainerSetup.Layout(label, head, TrainerOptions.Stranded);
        float weight = TrainerOptions.CountWeight ?? TrackTrainerSetup.CountWeight(trainData, label);
        return new ProfileTask(layout, weight);
    }

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Vector || label.ItemType != NumberDataViewType.Single)
            throw WrongLabel(label, "a known-size vector of Single (observed counts, tracks × positions)");
        return [SingleColumn(ProfileOutputColumns.Profile, vector: true), SingleColumn(ProfileOutputColumns.Probabilities, vector: true),
            SingleColumn(ProfileOutputColumns.Count, vector: true), SingleColumn(ProfileOutputColumns.LogCount, vector: true)];
    }
}
