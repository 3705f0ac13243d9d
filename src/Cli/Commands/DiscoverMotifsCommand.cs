using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet discover-motifs</c>: de-novo motifs from what a saved model has learned. Hypothetical
/// DeepLIFT/DeepSHAP contributions of every sequence (and of one dinucleotide shuffle of each, the
/// null) go to <see cref="MotifDiscovery"/>; the patterns are written as MEME (PWMs), a TSV summary
/// and one PNG per pattern (contribution logo beside the PWM logo). With <c>--database</c>, each
/// pattern is matched against known motifs (best match, p-, E- and q-value). An ensemble is
/// explained fold-averaged unless <c>--member</c> picks one member.
/// </summary>
internal sealed class DiscoverMotifsCommand
{
    private readonly CliConsole _console;
    private readonly DataOptions _data = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A DNA/RNA model saved by train or demo.", Required = true };
    private readonly Option<int?> _member = new("--member") { HelpName = "K", Description = "For an ensemble model: use only this member (0-based); by default the members' contributions are averaged." };
    private readonly Option<DirectoryInfo> _output = new("--out") { HelpName = "DIR", Description = "The folder to write patterns.meme, patterns.tsv and one PNG per pattern into.", Required = true };
    private readonly Option<int> _references = new Option<int>("--references") { HelpName = "N", Description = "Dinucleotide-shuffled references per sequence for DeepSHAP.", DefaultValueFactory = _ => AttributionOptions.DefaultReferences }.AtLeast(1);
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the shuffles (references and null).", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _target = new Option<int?>("--target") { Description = "Which output to explain (class index for multiclass; default: the predicted class, or output 0). For profile and binned-track models, the track (default: all tracks)." }.AtLeast(0);
    private readonly Option<TrackAttributionTarget> _trackTarget = Choices.Of("--track-target",
        "For profile models: explain the predicted count (default) or the profile (BPNet's target, weighted by the predicted probabilities).",
        [("count", TrackAttributionTarget.Count), ("profile", TrackAttributionTarget.Profile)], () => TrackAttributionTarget.Count);
    private readonly Option<double> _fdr = new Option<double>("--fdr") { HelpName = "Q", Description = "Seqlet threshold: the estimated false-discovery rate of windows against the shuffled null.", DefaultValueFactory = _ => 0.05 }
        .Must(q => q > 0 && q < 1, "a rate in (0, 1)");
    private readonly Option<int> _minSeqlets = new Option<int>("--min-seqlets") { HelpName = "N", Description = "Drop patterns with fewer seqlets.", DefaultValueFactory = _ => 20 }.AtLeast(1);
    private readonly Option<int> _window = new Option<int>("--window") { HelpName = "N", Description = "Seqlet core: the window whose summed contribution is thresholded.", DefaultValueFactory = _ => 21 }.AtLeast(1);
    private readonly Option<int> _flank = new Option<int>("--flank") { HelpName = "N", Description = "Bases added on each side of a seqlet's core (also the largest shift tried when aligning seqlets).", DefaultValueFactory = _ => 10 }.AtLeast(0);
    private readonly Option<FileInfo?> _database = new("--database") { HelpName = "FILE", Description = "Known motifs (MEME format, e.g. JASPAR) to match each pattern against." };

    private DiscoverMotifsCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new DiscoverMotifsCommand(console).Build();

    private Command Build()
    {
        var command = new Command("discover-motifs", "Discover motifs de novo from a model's DeepLIFT/DeepSHAP contributions (TF-MoDISco style): MEME, TSV and logos.");
        _data.AddTo(command);
        foreach (var option in new Option[] { _model, _member, _output, _references, _seed, _target, _trackTarget, _fdr, _minSeqlets, _window, _flank, _database }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(_console, () => Discover(parse)));
        return command;
    }

    private int Discover(ParseResult parse)
    {
        var database = parse.GetValue(_database) is { } file ? CliErrors.UserInput(() => MemeFile.Read(file.FullName)) : null;
        var ml = CliContext.Create(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var (split, ensemble) = CnnModelInput.OfOrEnsemble(ModelFile.Load(ml, modelPath), parse.GetValue(_member), "discover-motifs", modelPath);
        int seqlet = parse.GetValue(_window) + 2 * parse.GetValue(_flank), length = split.Cnn.Model.Input.Length;
        if (seqlet > length)
            throw new CliUserException($"The model reads {length} bases, shorter than a seqlet (--window {parse.GetValue(_window)} + 2 × --flank {parse.GetValue(_flank)} = {seqlet}), "
                + "so no seqlet would fit: choose a smaller --window and --flank (for example a window a little wider than the motifs you expect).");
        var encoded = split.Encode(_data.Load(ml, parse, SequenceLabelKind.None));
        var attribution = new AttributionOptions { References = parse.GetValue(_references), Seed = parse.GetValue(_seed), TargetOutput = parse.GetValue(_target), TrackTarget = parse.GetValue(_trackTarget) };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var set = CliErrors.UserInput(() => ensemble is null
            ? ContributionTracks.Compute(split.Cnn, encoded, attribution)
            : ContributionTracks.ComputeFoldAveraged(ensemble, encoded, attribution));
        _console.Status(string.Create(CultureInfo.InvariantCulture,
            $"contributions of {set.Tracks.Count:N0} sequence(s) and their shuffles ({attribution.References} references each{(ensemble is null ? "" : $", averaged over {ensemble.Members.Count} members")}), "
            + $"{clock.Elapsed.TotalSeconds:F1} s; summation-to-delta: largest relative error {set.LargestSummationError:G3}"));
        var options = new MotifDiscoveryOptions
        {
            TargetFdr = parse.GetValue(_fdr),
            MinSeqletsPerPattern = parse.GetValue(_minSeqlets),
            WindowSize = parse.GetValue(_window),
            Flank = parse.GetValue(_flank),
        };
        var result = CliErrors.UserInput(() => MotifDiscovery.Discover(set.Tracks, set.NullTracks, options));

        var folder = parse.GetValue(_output)!;
        folder.Create();
        string meme = Path.Combine(folder.FullName, "patterns.meme"), summary = Path.Combine(folder.FullName, "patterns.tsv");
        result.WriteMeme(meme);
        var logos = ContributionLogo.SavePngs(result, folder.FullName);
        var matches = database is null ? null : DiscoveredMotifMatches.Best(result, database);
        DiscoveredMotifMatches.WriteSummary(summary, result, matches);
        _console.Status(string.Create(CultureInfo.InvariantCulture,
            $"seqlets: {result.PositiveSeqletCount:N0} positive (window sum ≥ {result.PositiveThreshold:G3}), {result.NegativeSeqletCount:N0} negative (≤ {result.NegativeThreshold:G3}), {result.UnassignedSeqletCount:N0} in no pattern"));
        foreach (var pattern in result.Patterns)
        {
            var match = matches?.GetValueOrDefault(pattern.Id);
            string matched = match is null ? ""
                : string.Create(CultureInfo.InvariantCulture, $"\tbest match {match.Target.Id}{(match.Target.AlternateName is { } alt ? $" ({alt})" : "")}, q = {match.QValue:G3}");
            _console.Line($"{pattern.Id}\t{pattern.SeqletCount} seqlets\t{pattern.Pwm.Consensus()}{matched}");
        }
        _console.Status($"wrote {meme}, {summary} and {logos.Count} logo(s) to {folder.FullName}");
        _console.Line($"{result.PositivePatterns.Count} positive and {result.NegativePatterns.Count} negative pattern(s)");
        return 0;
    }
}
