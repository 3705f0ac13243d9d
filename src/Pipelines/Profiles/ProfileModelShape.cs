using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// What a saved profile or binned-track model (<see cref="ProfileModels.Train"/>) needs of its input
/// and gives out: the input window, the output window centred in it, the tracks and their bins. Read
/// from the fitted model, so evaluation and prediction build windows exactly as training did.
/// </summary>
/// <param name="SequenceColumn">The text column the model's one-hot encoder reads.</param>
/// <param name="InputLength">Bases of the input window.</param>
/// <param name="OutputLength">Bases of the output window, centred in the input window.</param>
/// <param name="Tracks">Predicted tracks (plus, minus pairs when <paramref name="Stranded"/>).</param>
/// <param name="BinSize">Bases per predicted value: 1 for a profile head.</param>
/// <param name="Stranded">Whether the tracks are (plus, minus) pairs.</param>
/// <param name="Head">Profile and count, or binned.</param>
public sealed record ProfileModelShape(string SequenceColumn, int InputLength, int OutputLength, int Tracks, int BinSize, bool Stranded, TrackHeadKind Head)
{
    /// <summary>Values per track: <see cref="OutputLength"/> ÷ <see cref="BinSize"/>.</summary>
    public int Positions => OutputLength / BinSize;

    /// <summary>The bases on each side of the output window that only the input window covers.</summary>
    public int Flank => (InputLength - OutputLength) / 2;

    /// <summary>
    /// Names of the tracks in label order, used for file names: <c>plus</c>, <c>minus</c> for one
    /// stranded pair (<c>pair0.plus</c>, <c>pair0.minus</c>, … for several), else <c>track0</c>, <c>track1</c>, ….
    /// </summary>
    public IReadOnlyList<string> TrackNames => Stranded
        ? Enumerable.Range(0, Tracks).Select(t => (Tracks == 2 ? "" : $"pair{t / 2}.") + (t % 2 == 0 ? "plus" : "minus")).ToArray()
        : Enumerable.Range(0, Tracks).Select(t => $"track{t}").ToArray();

    /// <summary>Reads the shape of a fitted profile or binned-track pipeline.</summary>
    /// <exception cref="ArgumentException">The model is not a single profile or binned-track network reading one-hot DNA from text.</exception>
    public static ProfileModelShape Of(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var cnn = CnnChain.FindCnn(model);
        if (cnn.Model.Task is not TrackTask { Layout: var layout } || cnn.Model.Spec.TrackHead is not { } trackHead)
            throw new ArgumentException($"The model is a {TaskNames.Of(cnn.Model.TaskKind)} model, not a profile or binned-track model.", nameof(model));
        var (head, binSize) = (trackHead.Kind, trackHead.BinSize);
        if (cnn.Model.Input.Encoding is not { Alphabet: SequenceAlphabet.Dna } spec)
            throw new ArgumentException("The model's input is not a one-hot DNA encoding; track prediction needs a model trained on genome windows.", nameof(model));
        var encoder = CnnChain.Stages(model).OfType<OneHotSequenceTransformer>().LastOrDefault(e => e.OutputColumnName == cnn.FeatureColumnName)
            ?? throw new ArgumentException($"The model has no sequence encoder writing the network's input column '{cnn.FeatureColumnName}'.", nameof(model));
        return new ProfileModelShape(encoder.InputColumnName, spec.Length, layout.Positions * binSize, layout.Tracks, binSize, layout.Stranded, head);
    }
}
