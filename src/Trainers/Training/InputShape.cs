using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Training;

/// <summary>
/// The network's input: channels × length, read from the feature column's sequence-encoding
/// annotation when it has one (and then checked again when the model scores new data).
/// </summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Length">Positions.</param>
/// <param name="Encoding">The encoding the features were made with, or null for plain vectors.</param>
public sealed record InputShape(int Channels, int Length, SequenceEncodingSpec? Encoding)
{
    /// <summary>Values per row: channels × length.</summary>
    public int Size => Channels * Length;

    /// <summary>Reads the shape from a feature column, using <paramref name="channels"/> when it carries no encoding spec.</summary>
    /// <exception cref="ArgumentException">The column is not a known-size Single vector, or the channel count is missing or inconsistent.</exception>
    public static InputShape FromColumn(DataViewSchema.Column features, int? channels)
    {
        if (features.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has type {features.Type}; it needs a known-size vector of Single "
                + "(channels × length), such as the output of ml.Transforms.OneHotEncodeSequence.", "features");

        if (SequenceEncodingSpec.TryRead(features, out var spec) && spec != null)
        {
            if (channels is int given && given != spec.ChannelCount)
                throw new ArgumentException($"Cnn trainer: Channels is {given} but feature column '{features.Name}' was encoded with {spec.ChannelCount} channels ({string.Join(",", spec.Channels)}).", "features");
            return new InputShape(spec.ChannelCount, spec.Length, spec);
        }
        if (channels is not int c)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' carries no sequence-encoding annotation, so set the Channels option "
                + $"(its {vector.Size} values are read as channels × length, channel-major).", "features");
        if (vector.Size % c != 0)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has {vector.Size} values, which is not a whole number of positions for {c} channels.", "features");
        return new InputShape(c, vector.Size / c, null);
    }

    /// <summary>
    /// Checks that data about to be scored has the shape (and encoding) the model was trained on.
    /// </summary>
    public void EnsureMatches(DataViewSchema.Column features)
    {
        var actual = FromColumn(features, Encoding == null ? Channels : null);
        if (Encoding != null)
        {
            if (actual.Encoding == null)
                throw new ArgumentException($"Cnn model: feature column '{features.Name}' carries no sequence-encoding annotation, but the model was trained on "
                    + $"sequences encoded as {Encoding.ToJson()}. Encode the data with the model's own encoder.", "features");
            Encoding.EnsureCompatible(actual.Encoding);
        }
        else if (actual.Size != Size)
        {
            throw new ArgumentException($"Cnn model: feature column '{features.Name}' has {actual.Size} values but the model takes {Channels} × {Length} = {Size}.", "features");
        }
    }
}
