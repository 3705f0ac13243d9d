using System.CommandLine;
using System.CommandLine.Parsing;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>train --profile</c>: learn coverage tracks (<see cref="TrackOptions"/>) over the peaks of
/// <c>--bed</c> with a BPNet-style profile-and-count model, or a binned-track model when
/// <c>--bin-size</c> is above 1; <c>--output-length</c>, <c>--loss</c> and the trunk's size.
/// </summary>
internal sealed class ProfileOptions
{
    public Option<bool> Profile { get; } = new("--profile") { Description = "Learn the coverage tracks of --bigwig or --stranded over the --bed peaks (BPNet profile and count; binned with --bin-size above 1)." };

    public TrackOptions Tracks { get; } = new();

    public Option<int?> OutputLength { get; } = new Option<int?>("--output-length") { HelpName = "N", Description = "Bases of the predicted window, centred in the --length input window (default: --length)." }.AtLeast(1);

    public Option<int> BinSize { get; } = new Option<int>("--bin-size") { HelpName = "N", Description = "Bases per predicted value; above 1 trains a binned-track head (Basenji) on bin sums instead of the profile head. Default 1.", DefaultValueFactory = _ => 1 }.AtLeast(1);

    public Option<TrackLoss> Loss { get; } = Choices.Of("--loss", "The binned head's loss: poisson (default) or mse. Needs --bin-size above 1.",
        [("poisson", TrackLoss.Poisson), ("mse", TrackLoss.Mse)], () => TrackLoss.Poisson);

    public Option<int> Layers { get; } = new Option<int>("--layers") { HelpName = "N", Description = "Dilated residual blocks of the BPNet trunk (default 9, a ~2 kb receptive field; fewer for short windows).", DefaultValueFactory = _ => 9 }.AtLeast(1);

    public Option<int> Filters { get; } = new Option<int>("--filters") { HelpName = "N", Description = "Channels of the BPNet trunk (default 64).", DefaultValueFactory = _ => 64 }.AtLeast(1);

    /// <summary>The options that only --profile uses.</summary>
    private IEnumerable<Option> ProfileOnly => [.. Tracks.All, OutputLength, BinSize, Loss, Layers, Filters];

    /// <summary>
    /// Adds the options and their rules; <paramref name="length"/> is train's --length, <paramref name="bed"/> its --bed,
    /// and <paramref name="notWithProfile"/> the train options a profile model does not use.
    /// </summary>
    public void AddTo(Command command, Option<int?> length, Option bed, params Option[] notWithProfile)
    {
        command.Options.Add(Profile);
        Tracks.AddTo(command);
        foreach (var option in new Option[] { OutputLength, BinSize, Loss, Layers, Filters }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (!result.Given(Profile))
            {
                if (ProfileOnly.FirstOrDefault(result.Given) is { } option)
                    result.AddError($"{option.Name} goes with --profile (learning coverage tracks over --bed peaks).");
                return;
            }
            if (!result.Given(bed)) result.AddError("--profile needs --bed FILE (the peaks) and --genome FILE.");
            if (!Tracks.Given(result)) result.AddError("--profile needs the tracks to learn: --bigwig a.bw[,b.bw] (unstranded) or --stranded plus.bw,minus.bw.");
            if (notWithProfile.FirstOrDefault(result.Given) is { } other)
                result.AddError($"{other.Name} does not go with --profile (a BPNet-style track model; its options are --layers, --filters, --output-length, --bin-size, --loss).");
            int binSize = result.TryGiven(BinSize, out int b) ? b : 1;
            if (result.Given(Loss) && binSize == 1)
                result.AddError("--loss applies to the binned head: give --bin-size above 1 (the profile head's loss is the multinomial and count loss).");
            CheckWindows(result, length, binSize);
        });
    }

    // The windows' rules, checked before any file is read: the output window sits exactly in the middle of the input window, in whole bins.
    private void CheckWindows(SymbolResult result, Option<int?> lengthOption, int binSize)
    {
        int length = result.TryGiven(lengthOption, out int? l) && l is int given ? given : GenomeOptions.DefaultLength;
        int output = result.TryGiven(OutputLength, out int? o) && o is int outputGiven ? outputGiven : length;
        if (output > length) result.AddError($"--output-length ({output}) must be at most --length ({length}).");
        else if ((length - output) % 2 != 0) result.AddError($"--length − --output-length ({length} − {output}) must be even, so the output window sits in the middle of the input.");
        if (output % binSize != 0) result.AddError($"--bin-size ({binSize}) must divide --output-length ({output}).");
    }

    /// <summary>The pipeline's settings from the flags (the training options and recovery are filled in by train).</summary>
    public ProfileTrainingSettings Settings(ParseResult parse, int length, bool stranded)
    {
        int binSize = parse.GetValue(BinSize);
        return new ProfileTrainingSettings
        {
            Head = binSize > 1 ? TrackHeadKind.Binned : TrackHeadKind.ProfileAndCount,
            Length = length,
            OutputLength = parse.GetValue(OutputLength) ?? length,
            BinSize = binSize,
            Loss = parse.GetValue(Loss),
            Stranded = stranded,
            Layers = parse.GetValue(Layers),
            Filters = parse.GetValue(Filters),
        };
    }
}
