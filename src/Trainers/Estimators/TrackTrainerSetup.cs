using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What the profile and binned-track trainers share: the network (a track head of the right kind,
/// with the output window the options ask for), the track layout read from the label's size, and
/// the checks that fail before any data is read.
/// </summary>
internal static class TrackTrainerSetup
{
    /// <summary>The options' network, or BPNet with the requested head; refuses a network without a track head of this kind.</summary>
    public static NetworkSpec Network(NetworkSpec? network, int? outputLength, InputShape input, TrackHeadKind kind, int binSize)
    {
        if (input.IsImage) throw new ArgumentException($"Cnn trainer: track models predict coverage along a sequence, but the features are an image ({input}).");
        if (network == null)
        {
            var head = new TrackHeadSpec { Kind = kind, OutputLength = outputLength ?? input.Length, BinSize = binSize };
            return NetworkPresets.BPNet(head.OutputLength) with { TrackHead = head };
        }
        if (network.TrackHead is not { } spec)
            throw new ArgumentException($"Cnn trainer: network '{network.Name}' has no TrackHead, so it cannot predict tracks. Use NetworkPresets.BPNet(…) or set NetworkSpec.TrackHead.");
        if (spec.Kind != kind)
            throw new ArgumentException($"Cnn trainer: network '{network.Name}' has a {spec.Kind} track head, but this trainer trains {kind} models.");
        if (outputLength is int length && length != spec.OutputLength)
            throw new ArgumentException($"Cnn trainer: OutputLength is {length} but network '{network.Name}' predicts {spec.OutputLength} positions; set one of them.");
        return network;
    }

    /// <summary>The track layout: positions from the head, tracks from the label's size.</summary>
    public static TrackLayout Layout(DataViewSchema.Column label, TrackHeadSpec head, bool stranded)
    {
        int positions = head.OutputLength / head.BinSize;
        string what = head.BinSize > 1 ? $"{positions} bins of {head.BinSize} positions" : $"{positions} positions";
        if (label.Type is not VectorDataViewType { Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: label column '{label.Name}' has type {label.Type}; a track model needs a known-size vector of Single (tracks × {what}, track-major).", "trainData");
        if (vector.Size % positions != 0)
            throw new ArgumentException($"Cnn trainer: label column '{label.Name}' holds {vector.Size} values, not a whole number of tracks of {what} "
                + "(the network's output window; set OutputLength to the data's).", "trainData");
        var layout = new TrackLayout(vector.Size / positions, positions, stranded);
        try { layout.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"Cnn trainer: label column '{label.Name}': {e.Message}", "trainData", e); }
        return layout;
    }

    /// <summary>
    /// BPNet's count-loss weight λ from the training data: the median over rows of the total count
    /// (summed over tracks, as ChromBPNet does) divided by 10, at least 1. One pass over the label
    /// column, keeping one number per row.
    /// </summary>
    public static float CountWeight(IDataView data, DataViewSchema.Column label)
    {
        var totals = new List<float>();
        using (var cursor = data.GetRowCursor([label]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(label);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                double sum = 0;
                foreach (float v in value.DenseValues()) sum += v;
                totals.Add((float)sum);
            }
        }
        // No rows, or bad values: training itself reports them, naming the row (the label copier).
        if (totals.Count == 0 || totals.Exists(t => !float.IsFinite(t) || t < 0)) return 1;
        return (float)ProfileLossWeights.CountWeight(totals);
    }

    /// <summary>
    /// The network that will be trained and its head: the fine-tuning start's architecture when there
    /// is one (it must carry a track head of this kind), else the options' or the default.
    /// </summary>
    public static TrackHeadSpec Head(CnnTrainerOptions options, NetworkSpec defaultNetwork, int? outputLength, InputShape input, TrackHeadKind kind, int binSize) =>
        (options.StartFrom is { } start ? Network(start.Spec, outputLength, input, kind, binSize) : defaultNetwork).TrackHead!;

    /// <summary>
    /// Shifts move the targets with the sequence, filling the positions that come in with zeros, which
    /// is right only where the sequence coming in is padding too: when the output window is the whole
    /// input. Binned targets move only by whole bins, which a shift of single bases is not.
    /// </summary>
    public static void CheckAugmentation(CnnTrainerOptions options, TrackHeadSpec head, InputShape input)
    {
        if (options.SequenceAugmentation is not { MaxShift: > 0 } shifts) return;
        if (head.BinSize > 1)
            throw new ArgumentException($"Cnn trainer: SequenceAugmentation.MaxShift is {shifts.MaxShift}, but the targets are in bins of {head.BinSize} positions, "
                + "which a shift of single bases cannot move; set MaxShift to 0 (reverse complement still works).");
        if (head.OutputLength < input.Length)
            throw new ArgumentException($"Cnn trainer: SequenceAugmentation.MaxShift is {shifts.MaxShift}, but the output window ({head.OutputLength}) is shorter than the input ({input.Length}): "
                + "a shift would bring in real sequence from the flank with no counts for it. Set MaxShift to 0, or jitter the windows when building the data.");
    }
}
