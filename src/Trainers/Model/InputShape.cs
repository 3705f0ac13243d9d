using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The network's input: channels × length for sequences, channels × height × width for images.
/// Read from the feature column when it says (a sequence-encoding annotation, or the three
/// dimensions ML.NET's <c>ExtractPixels</c> declares), else from the trainer's declared shape,
/// and checked again when the model scores new data.
/// </summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Length">Positions along the last axis: sequence length, or image width.</param>
/// <param name="Encoding">The encoding the features were made with, or null for plain vectors and images.</param>
public sealed record InputShape(int Channels, int Length, SequenceEncodingSpec? Encoding)
{
    /// <summary>Image rows; null for sequences.</summary>
    public int? Height { get; init; }

    /// <summary>Whether this is an image (channels × height × width).</summary>
    public bool IsImage => Height != null;

    /// <summary>Values per row: channels × (height ×) length.</summary>
    public int Size => Channels * (Height ?? 1) * Length;

    /// <summary>An image shape, channel-major (C × H × W).</summary>
    public static InputShape Image(int channels, int height, int width) => new(channels, width, null) { Height = height };

    /// <summary>"4 × 100" or "3 × 32 × 32".</summary>
    public override string ToString() => Height is int h ? $"{Channels} × {h} × {Length}" : $"{Channels} × {Length}";

    /// <summary>Builds an untrained network of <paramref name="spec"/> for this input.</summary>
    /// <exception cref="ArgumentException">The spec is impossible for this input (the message names the layer).</exception>
    public CnnNetwork CreateNetwork(NetworkSpec spec, int outputs) =>
        new(spec, Channels, Height, Length, outputs, StrandComplement.For(this));

    /// <summary>Checks <paramref name="spec"/> against this input without building it.</summary>
    /// <exception cref="ArgumentException">The spec is impossible for this input (the message names the layer).</exception>
    public IReadOnlyList<LayerShape> CheckNetwork(NetworkSpec spec, int outputs) => Height is int h
        ? NetworkShapes.Infer(spec, Channels, h, Length, outputs)
        : NetworkShapes.Infer(spec, Channels, Length, outputs);

    /// <summary>Reads the shape of a sequence feature column, using <paramref name="channels"/> when it carries no encoding spec.</summary>
    /// <exception cref="ArgumentException">The column is not a known-size Single vector, or the channel count is missing or inconsistent.</exception>
    public static InputShape FromColumn(DataViewSchema.Column features, int? channels) => FromColumn(features, channels, null, null);

    /// <summary>
    /// Reads the shape of a feature column: a one-hot sequence column (its encoding annotation), a
    /// <c>vector&lt;float, C, H, W&gt;</c> from ML.NET's <c>ExtractPixels</c>, or a plain vector read as
    /// channels × length, or as channels × height × width when <paramref name="height"/> is declared.
    /// Declared values must agree with what the column says.
    /// </summary>
    /// <exception cref="ArgumentException">The column's type or size does not fit; the message names the column.</exception>
    public static InputShape FromColumn(DataViewSchema.Column features, int? channels, int? height, int? width)
    {
        if (features.Type is VectorDataViewType { Size: 0 } unknown && unknown.ItemType == NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' is a vector of unknown size, so rows may differ in length. "
                + "Every row needs the same shape: for images, resize them (ml.Transforms.ResizeImages) before ExtractPixels.", "features");
        if (features.Type is not VectorDataViewType { Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has type {features.Type}; it needs a known-size vector of Single "
                + "(channels × length, or channels × height × width), such as the output of ml.Transforms.OneHotEncodeSequence or ml.Transforms.ExtractPixels.", "features");

        if (SequenceEncodingSpec.TryRead(features, out var spec) && spec != null)
        {
            if (height != null || width != null)
                throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' holds encoded sequences ({spec.ChannelCount} × {spec.Positions}); Height and Width apply to images only.", "features");
            if (channels is int given && given != spec.ChannelCount)
                throw new ArgumentException($"Cnn trainer: Channels is {given} but feature column '{features.Name}' was encoded with {spec.ChannelCount} channels ({string.Join(",", spec.Channels)}).", "features");
            // Positions, not bases: a k-mer encoding (Order k) has Length − k + 1 columns.
            return new InputShape(spec.ChannelCount, spec.Positions, spec);
        }

        if (vector.Dimensions.Length == 3)
        {
            // ExtractPixels (interleavePixelColors: false, the default) declares planes × height × width.
            var (c, h, w) = (vector.Dimensions[0], vector.Dimensions[1], vector.Dimensions[2]);
            if ((channels ?? c) != c || (height ?? h) != h || (width ?? w) != w)
                throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' holds images of {c} × {h} × {w} (channels × height × width), "
                    + $"but the options declare {Declared(channels, height, width)}.", "features");
            // ExtractPixels(interleavePixelColors: true) declares height × width × channels; read as
            // channel-major it would train silently on scrambled pixels. Declared Channels confirm an unusual shape.
            if (w <= 4 && c > 4 && channels == null)
                throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has dimensions {c} × {h} × {w}, which look like interleaved pixels "
                    + "(height × width × colours, from ExtractPixels(interleavePixelColors: true)); the trainer reads channel-major channels × height × width. "
                    + "Extract pixels with interleavePixelColors: false (the default), or set Channels if the column really is channels × height × width.", "features");
            return Image(c, h, w);
        }

        if (height is int rows)
        {
            if (channels is not int c)
                throw new ArgumentException($"Cnn trainer: Height is set for feature column '{features.Name}', so set Channels too (its values are read as channels × height × width, channel-major).", "features");
            if (vector.Size % (c * rows) != 0 || (width is int w && c * rows * w != vector.Size))
                throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has {vector.Size} values, which does not fit the declared image shape {Declared(channels, height, width)}"
                    + (width is int ww ? $" ({c * rows * ww} values)" : $" (not a whole number of columns of {c} × {rows})") + ".", "features");
            return Image(c, rows, vector.Size / (c * rows));
        }
        if (width != null)
            throw new ArgumentException($"Cnn trainer: Width is set for feature column '{features.Name}' but Height is not; an image needs Channels, Height and Width.", "features");

        if (channels is not int ch)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' carries no sequence-encoding annotation or image dimensions, so set the Channels option "
                + $"(its {vector.Size} values are read as channels × length, channel-major), and Height for images.", "features");
        if (vector.Size % ch != 0)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' has {vector.Size} values, which is not a whole number of positions for {ch} channels.", "features");
        return new InputShape(ch, vector.Size / ch, null);
    }

    /// <summary>
    /// Checks that data about to be scored has the shape (and encoding) the model was trained on.
    /// </summary>
    public void EnsureMatches(DataViewSchema.Column features)
    {
        if (IsImage)
        {
            // Read the column as it is, then compare, so the message says what the model takes.
            var image = features.Type is VectorDataViewType { Dimensions.Length: 3 } dims
                ? FromColumn(features, dims.Dimensions[0] == Channels ? Channels : null, null, null)
                : FromColumn(features, Channels);
            if (image.Size != Size || (image.IsImage && image.Height != Height))
                throw new ArgumentException($"Cnn model: feature column '{features.Name}' has {(image.IsImage ? $"images of {image}" : $"{image.Size} values")} "
                    + $"but the model takes images of {this} (channels × height × width) = {Size} values. Resize and extract pixels as for training.", "features");
            return;
        }
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

    private static string Declared(int? channels, int? height, int? width) =>
        $"{channels?.ToString() ?? "?"} × {height?.ToString() ?? "?"} × {width?.ToString() ?? "?"}";
}
