using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The ready-made image-classification pipeline behind <c>cnn-mlnet train --images</c>,
/// <c>evaluate</c> and <c>predict</c>: image paths and class names (as <see cref="ImageFolders"/>
/// reads them) → ML.NET's ImageAnalytics (<c>LoadImages</c> → <c>ResizeImages</c> →
/// [<c>ConvertToGrayscale</c>] → <c>ExtractPixels</c>) → a multiclass CNN → the predicted class
/// name in <c>PredictedClass</c>. The returned chain scores data without labels, so the same model
/// serves predictions, and it holds only stock ML.NET transformers and the CNN, so
/// <c>ml.Model.SaveCnn</c>/<c>LoadCnn</c> store and restore it whole.
/// </summary>
/// <remarks>
/// What the network receives (column <c>Features</c>, <c>vector&lt;Single, C, H, W&gt;</c>):
/// each image resized to <see cref="ImageTrainingSettings.Width"/> ×
/// <see cref="ImageTrainingSettings.Height"/> (ML.NET's default iso-crop: scaled to cover the size,
/// then centre-cropped, so the aspect ratio is kept), then its pixels channel-major — the whole red
/// plane row by row (top row first), then green, then blue (C = 3); with
/// <see cref="ImageTrainingSettings.Grayscale"/>, a single plane of the grayscale image (C = 1) —
/// every value a byte × 1/255, so in [0, 1].
/// </remarks>
public static class ImageModels
{
    /// <summary>The column of decoded images inside the pipeline.</summary>
    public const string ImageColumn = "Image";

    /// <summary>The column of pixels the network reads.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The column holding the predicted class name.</summary>
    public const string PredictedClassColumn = SequenceModels.PredictedClassColumn;

    /// <summary>
    /// The image steps of the pipeline, from the <c>ImagePath</c> column to <c>Features</c>:
    /// <c>LoadImages</c> (paths used as they are: <c>imageFolder: null</c>) → <c>ResizeImages</c> →
    /// [<c>ConvertToGrayscale</c>] → <c>ExtractPixels(scaleImage: 1f / 255)</c>, channel-major
    /// (R, G, B planes, or one plane for grayscale), values in [0, 1].
    /// </summary>
    public static IEstimator<ITransformer> Preprocessing(MLContext ml, int width, int height, bool grayscale)
    {
        ArgumentNullException.ThrowIfNull(ml);
        IEstimator<ITransformer> steps = ml.Transforms.LoadImages(ImageColumn, imageFolder: null!, inputColumnName: ImageFolders.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages(ImageColumn, width, height, ImageColumn));
        if (grayscale) steps = steps.Append(ml.Transforms.ConvertToGrayscale(ImageColumn, ImageColumn));
        // Grayscale images have R = G = B, so the red plane is the whole image.
        var colours = grayscale ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
        return steps.Append(ml.Transforms.ExtractPixels(FeaturesColumn, ImageColumn, colorsToExtract: colours,
            interleavePixelColors: false, scaleImage: 1f / 255));
    }

    /// <summary>
    /// Trains the pipeline on <paramref name="train"/> (text columns <c>ImagePath</c> and
    /// <c>Label</c>); <paramref name="validation"/> enables early stopping and best-epoch weights.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid, the Label column is missing or not text, or there are fewer than 2 classes.</exception>
    /// <exception cref="InvalidDataException">An image file cannot be read; the message names it.</exception>
    public static TransformerChain<ITransformer> Train(MLContext ml, IDataView train, IDataView? validation, ImageTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        RequireTextLabel(train.Schema, "training");
        if (validation != null) RequireTextLabel(validation.Schema, "validation");

        var images = Preprocessing(ml, settings.Width, settings.Height, settings.Grayscale).Fit(train);
        var labelToKey = ml.Transforms.Conversion.MapValueToKey(ImageFolders.LabelColumn, ImageFolders.LabelColumn,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(train);
        ulong classes = labelToKey.GetOutputSchema(train.Schema)[ImageFolders.LabelColumn].Type is KeyDataViewType key ? key.Count : 0;
        if (classes < 2)
            throw new ArgumentException($"Image training needs at least 2 classes; the training data's '{ImageFolders.LabelColumn}' column has {classes}"
                + (classes == 1 ? $" ({train.GetColumn<string>(ImageFolders.LabelColumn).First()})" : "") + ".", nameof(train));

        IDataView Ready(IDataView data)
        {
            var ready = labelToKey.Transform(images.Transform(data));
            return settings.CacheImages ? ml.Data.Cache(ready, FeaturesColumn, ImageFolders.LabelColumn) : ready;
        }

        var trainer = ml.MulticlassClassification.Trainers.Cnn(TrainerOptions(settings));
        var trainReady = Ready(train);
        var cnn = ImageReadErrors.Translate(train, () => validation == null
            ? trainer.Fit(trainReady, null)
            : ImageReadErrors.Translate(validation, () => trainer.Fit(trainReady, Ready(validation))));
        var names = ml.Transforms.Conversion.MapKeyToValue(PredictedClassColumn, "PredictedLabel").Fit(cnn.Transform(trainReady));
        return new TransformerChain<ITransformer>(images, cnn, names);
    }

    /// <summary>
    /// The trainer's options from the settings: <see cref="ImageTrainingSettings.Training"/> applied with
    /// <see cref="CnnTrainingOptions.ApplyTo{T}"/> (a null network becomes LeNet5), then the image columns,
    /// augmentation and recovery.
    /// </summary>
    internal static CnnMulticlassTrainer.Options TrainerOptions(ImageTrainingSettings settings)
    {
        var options = settings.Training.ApplyTo(new CnnMulticlassTrainer.Options
        {
            FeatureColumnName = FeaturesColumn,
            LabelColumnName = ImageFolders.LabelColumn,
            Augmentation = settings.Augmentation,
        });
        options.Network = settings.NetworkOrDefault();
        settings.Recovery.ApplyTo(options);
        return options;
    }

    /// <summary>
    /// Evaluates <paramref name="model"/> on labelled images (text <c>ImagePath</c> and
    /// <c>Label</c>, class names as in training) with ML.NET's multiclass evaluator: microAccuracy,
    /// macroAccuracy, logLoss.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not an image model, or the data lacks a Label column.</exception>
    /// <exception cref="InvalidDataException">An image file cannot be read; the message names it.</exception>
    public static SequenceMetrics Evaluate(MLContext ml, ITransformer model, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        DescribeInputs(model);
        SequenceModels.RequireKnownClasses(model, data, ImageFolders.LabelColumn, ImageFolders.ImagePathColumn);
        return ImageReadErrors.Translate(data, () => SequenceModels.Evaluate(ml, model, data));
    }

    /// <summary>
    /// Scores images: the input's columns (<c>ImagePath</c>, <c>Label</c> if present) followed by
    /// the model's outputs (<c>Score</c> = class probabilities in the model's class order,
    /// <c>PredictedLabel</c>, <c>PredictedClass</c>), without the decoded images and pixels. The view
    /// is lazy: files are read when it is; wrap that in <see cref="ImageReadErrors.Translate{T}"/>
    /// to name an unreadable file.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not an image model.</exception>
    public static IDataView Predict(MLContext ml, ITransformer model, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        DescribeInputs(model);
        var scored = model.Transform(data);
        var keep = scored.Schema.Where(c => !c.IsHidden && c.Name != ImageColumn && c.Name != FeaturesColumn).Select(c => c.Name).Distinct().ToArray();
        return ml.Transforms.SelectColumns(keep).Fit(scored).Transform(scored);
    }

    /// <summary>
    /// Whether <paramref name="model"/> reads image files (it starts with ML.NET's <c>LoadImages</c> and ends
    /// in a Cnn on images), or is a <see cref="CnnEnsemble"/> whose members all do.
    /// </summary>
    public static bool IsImageModel(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (CnnChain.FindEnsemble(model) is { } ensemble) return ensemble.Members.All(IsImageModel);
        var stages = CnnChain.Stages(model).ToList();
        return stages.OfType<ImageLoadingTransformer>().Any()
            && stages.OfType<CnnPredictionTransformer>().LastOrDefault() is { Model.Input.IsImage: true };
    }

    /// <summary>
    /// The image size and colour a trained image model expects, read from its network's input shape;
    /// for an ensemble, the one its members share.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not an image model (e.g. a sequence model), or an ensemble whose members take different images (use <see cref="DescribeInputs"/>).</exception>
    public static ImageModelInput Describe(ITransformer model)
    {
        var inputs = DescribeInputs(model);
        if (inputs.Distinct().Count() > 1)
            throw new ArgumentException("The ensemble's members take different images (" + string.Join(", ", inputs.Select((input, i) => $"member {i}: {input}"))
                + "); describe one member at a time.", nameof(model));
        return inputs[0];
    }

    /// <summary>The image input of each network of <paramref name="model"/>: one for a single model, one per member (in order) for an ensemble.</summary>
    /// <exception cref="ArgumentException">The model (or a member) is not a multiclass image model.</exception>
    public static IReadOnlyList<ImageModelInput> DescribeInputs(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (CnnChain.FindEnsemble(model) is { } ensemble)
        {
            if (!IsImageModel(ensemble))
                throw new ArgumentException("The ensemble's members were trained on sequences, not images: give it sequence data (--data).", nameof(model));
            return ensemble.Members.Select(DescribeNetwork).ToArray();
        }
        return [DescribeNetwork(model)];
    }

    private static ImageModelInput DescribeNetwork(ITransformer model)
    {
        if (!IsImageModel(model))
            throw new ArgumentException(CnnChain.Stages(model).OfType<CnnPredictionTransformer>().Any()
                ? "The model was trained on sequences, not images: give it sequence data (--data)."
                : "The model contains no Cnn network over images.", nameof(model));
        var cnn = CnnChain.FindCnn(model);
        if (cnn.Model.TaskKind != CnnTaskKind.MulticlassClassification)
            throw new ArgumentException($"The image model is a {TaskNames.Of(cnn.Model.TaskKind)} model; the ready-made image pipeline is multiclass.", nameof(model));
        var input = cnn.Model.Input;
        return new ImageModelInput(input.Length, input.Height!.Value, input.Channels == 1);
    }

    private static void RequireTextLabel(DataViewSchema schema, string what)
    {
        foreach (string name in new[] { ImageFolders.ImagePathColumn, ImageFolders.LabelColumn })
            if (schema.GetColumnOrNull(name) is not { Type: TextDataViewType })
                throw new ArgumentException($"The {what} data needs a text '{name}' column (as ImageFolders.Load makes); it has: "
                    + string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})")) + ".");
    }
}
