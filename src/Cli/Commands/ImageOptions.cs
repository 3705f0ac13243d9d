using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// The options of <c>train</c>, <c>evaluate</c> and <c>predict</c> that read a folder of images
/// (<c>--images</c>) instead of a sequence file (<c>--data</c>): which of the two was given, the
/// image size and colour, and for training augmentation and a separate test folder.
/// </summary>
internal sealed partial class ImageOptions
{
    private readonly bool _training;

    /// <param name="training">Adds the training-only options (--augment, --test-images).</param>
    public ImageOptions(bool training)
    {
        _training = training;
        string fromModel = training ? "" : " Default: the model's own; an error if it disagrees.";
        Size = new("--image-size") { HelpName = "WxH", Description = $"Resize every image to WIDTHxHEIGHT pixels (images only). Default 32x32 for training.{fromModel}" };
        Grayscale = new("--grayscale") { Description = $"Convert images to one grayscale channel instead of R, G, B (images only).{fromModel}" };
        Size.Validators.Add(result =>
        {
            if (result.TryGiven(Size, out string? size) && size is not null && !TryParseSize(size, out _)) result.AddError(SizeError(size));
        });
    }

    public Option<DirectoryInfo?> Images { get; } = new("--images")
    {
        HelpName = "DIR",
        Description = "A folder of images instead of --data: one sub-folder per class (DIR/cats/*.png, DIR/dogs/*.jpg); "
            + "for predict also images directly in DIR. Formats: " + string.Join(" ", ImageFolders.Extensions) + ".",
    };

    public Option<string?> Size { get; }

    public Option<bool> Grayscale { get; }

    public Option<bool> Augment { get; } = new("--augment") { Description = "Random left-right flips and shifts of up to 2 pixels of training images (images only)." };

    public Option<DirectoryInfo?> TestImages { get; } = new("--test-images") { HelpName = "DIR", Description = "A separate held-out folder of images, laid out like --images." };

    /// <summary>
    /// Adds the options and the rules between them and <paramref name="data"/>: exactly one of --data and --images,
    /// and no option that belongs to the other kind of input.
    /// </summary>
    /// <param name="sequenceOnly">The command's options that apply to sequences only (given the command line so far).</param>
    /// <param name="elsewhere">When true, the input comes from elsewhere (train --bed, sweep --merge alone) and these rules do not apply.</param>
    public void AddTo(Command command, DataOptions data, Func<SymbolResult, IEnumerable<Option>>? sequenceOnly = null, Func<SymbolResult, bool>? elsewhere = null)
    {
        command.Options.Add(Images);
        command.Options.Add(Size);
        command.Options.Add(Grayscale);
        if (_training)
        {
            command.Options.Add(Augment);
            command.Options.Add(TestImages);
        }
        command.Validators.Add(result =>
        {
            if (elsewhere?.Invoke(result) == true) return;
            bool images = result.Given(Images), sequences = result.Given(data.Data);
            if (images && sequences) result.AddError("Give --data (a sequence file) or --images (a folder of images), not both.");
            else if (!images && !sequences) result.AddError("Give --data FILE (sequences) or --images DIR (a folder of images).");
            else
            {
                Option[] wrong = images
                    ? [data.SequenceColumn, data.LabelColumn, .. sequenceOnly?.Invoke(result) ?? []]
                    : _training ? [Size, Grayscale, Augment, TestImages] : [Size, Grayscale];
                if (wrong.FirstOrDefault(result.Given) is { } misplaced)
                    result.AddError($"{misplaced.Name} applies to {(images ? "sequences (--data)" : "images (--images)")}, not to {(images ? "--images" : "--data")}.");
            }
        });
    }

    /// <summary>True for images (--images given), false for sequences; the validators made sure exactly one was given.</summary>
    public bool UseImages(ParseResult parse) => parse.GetValue(Images) != null;

    /// <summary>Reads the --images folder (or <paramref name="directory"/>).</summary>
    public IDataView Load(MLContext ml, ParseResult parse, bool requireLabels, int minimumClasses = 0, DirectoryInfo? directory = null) =>
        CliErrors.UserInput(() => ImageFolders.Load(ml, (directory ?? parse.GetValue(Images)!).FullName, requireLabels, minimumClasses));

    /// <summary>The image part of the training settings: size (default 32x32), grayscale, augmentation.</summary>
    public ImageTrainingSettings Settings(ParseResult parse)
    {
        var (width, height) = parse.GetValue(Size) is string size ? ParseSize(size) : (32, 32);
        return new ImageTrainingSettings
        {
            Width = width,
            Height = height,
            Grayscale = parse.GetValue(Grayscale),
            Augmentation = parse.GetValue(Augment) ? new ImageAugmentation() : null,
        };
    }

    /// <summary>
    /// The image input of a loaded model (of its first member, for an ensemble), checked against --image-size
    /// and --grayscale when given (evaluate and predict take both from the model; every member of an ensemble is checked).
    /// </summary>
    public ImageModelInput CheckModel(ParseResult parse, ITransformer model, string modelPath)
    {
        if (!ImageModels.IsImageModel(model))
            throw new CliUserException($"The model '{modelPath}' was trained on sequences, not images: give it --data FILE.");
        // An ensemble's members are checked one by one: each resizes images itself, possibly to its own size.
        var inputs = ImageModels.DescribeInputs(model);
        foreach (var input in inputs)
        {
            if (parse.GetValue(Size) is string size && ParseSize(size) != (input.Width, input.Height))
                throw new CliUserException($"--image-size {size} disagrees with the model, which takes {input.Width}x{input.Height} images; "
                    + "leave --image-size out (the model resizes images itself).");
            if (parse.Given(Grayscale) && parse.GetValue(Grayscale) != input.Grayscale)
                throw new CliUserException($"--grayscale disagrees with the model, which takes {(input.Grayscale ? "grayscale" : "RGB")} images; leave it out.");
        }
        return inputs[0];
    }

    /// <summary>Parses WIDTHxHEIGHT (e.g. 32x32; x or ×), each 1 to 4,096.</summary>
    /// <exception cref="CliUserException">Anything else.</exception>
    public static (int Width, int Height) ParseSize(string text) =>
        TryParseSize(text, out var size) ? size : throw new CliUserException(SizeError(text));

    private static bool TryParseSize(string text, out (int Width, int Height) size)
    {
        var match = SizePattern().Match(text);
        size = default;
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || width is < 1 or > 4096 || height is < 1 or > 4096)
            return false;
        size = (width, height);
        return true;
    }

    private static string SizeError(string text) => $"--image-size must be WIDTHxHEIGHT in pixels, each 1 to 4096, e.g. 32x32 (was '{text}').";

    [GeneratedRegex(@"^\s*(\d{1,9})\s*[xX×]\s*(\d{1,9})\s*$")]
    private static partial Regex SizePattern();
}
