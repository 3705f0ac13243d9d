using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Basenji-style binned coverage regression: from a one-hot sequence, one value per bin per track
/// over the output window, with Poisson or squared-error loss. The label is a vector of binned
/// values, tracks × bins, track-major. Scoring adds a Score vector of the same layout. Create it with
/// <c>ml.Regression.Trainers.CnnBinnedTracks(options)</c>.
/// </summary>
public sealed class CnnBinnedTracksTrainer : CnnTrainerBase<CnnBinnedTracksTrainer.Options>
{
    /// <summary>Options for <see cref="CnnBinnedTracksTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions
    {
        /// <summary>Positions of the output window, centred in the input. Default null: the network's, or the input length.</summary>
        public int? OutputLength { get; set; }

        /// <summary>Positions per bin when the trainer builds the network (no <see cref="CnnTrainingOptions.Network"/>). Default 32.</summary>
        public int BinSize { get; set; } = 32;

        /// <summary>The loss. Default <see cref="TrackLoss.Poisson"/> (counts); <see cref="TrackLoss.Mse"/> for signals such as fold change.</summary>
        public TrackLoss Loss { get; set; } = TrackLoss.Poisson;

        /// <summary>Whether the tracks are (plus, minus) strand pairs that swap on the reverse strand. Default false.</summary>
        public bool Stranded { get; set; }
    }

    internal CnnBinnedTracksTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override NetworkSpec? DefaultNetwork(InputShape input) =>
        TrackTrainerSetup.Network(TrainerOptions.Network, TrainerOptions.OutputLength, input, TrackHeadKind.Binned, TrainerOptions.BinSize);

    private protected override CnnTask CreateTask(DataViewSchema.Column label, InputShape input, IDataView trainData)
    {
        var head = TrackTrainerSetup.Head(TrainerOptions, DefaultNetwork(input)!, TrainerOptions.OutputLength, input, TrackHeadKind.Binned, TrainerOptions.BinSize);
        TrackTrainerSetup.CheckAugmentation(TrainerOptions, head, input);
        return new BinnedTracksTask(TrackTrainerSetup.Layout(label, head, TrainerOptions.Stranded), TrainerOptions.Loss);
    }

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Vector || label.ItemType != NumberDataViewType.Single)
            throw WrongLabel(label, "a known-size vector of Single (tracks × bins)");
        return [SingleColumn(ProfileOutputColumns.Score, vector: true)];
    }
}
