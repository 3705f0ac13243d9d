using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// The coverage tracks of profile training and evaluation (<c>train --profile</c>, <c>evaluate</c>):
/// <c>--bigwig</c> (unstranded tracks, one label block each) or <c>--stranded</c> (one plus, minus
/// pair), <c>--missing-as-zero</c> and the <c>--background-fraction</c> of GC-matched windows.
/// </summary>
internal sealed class TrackOptions
{
    public Option<string?> BigWig { get; } = new("--bigwig") { HelpName = "a.bw[,b.bw]", Description = "Coverage tracks to learn (bigWig, or bedGraph), comma-separated; unstranded, one predicted track each." };

    public Option<string?> Stranded { get; } = new("--stranded") { HelpName = "plus.bw,minus.bw", Description = "One stranded experiment: its plus- and minus-strand tracks (bigWig or bedGraph), swapped on the reverse strand. Instead of --bigwig." };

    public Option<bool> MissingAsZero { get; } = new("--missing-as-zero") { Description = "Read chromosomes a track lacks as zero coverage instead of failing." };

    public Option<double?> BackgroundFraction { get; } = new Option<double?>("--background-fraction")
    {
        HelpName = "F",
        Description = "GC-matched background windows per peak window (default 0.1, as ChromBPNet; 0 for peaks only).",
    }.Must(v => v is not double d || (d >= 0 && double.IsFinite(d)), "0 or more");

    public IEnumerable<Option> All => [BigWig, Stranded, MissingAsZero, BackgroundFraction];

    /// <summary>Whether tracks were given (in a validator).</summary>
    public bool Given(System.CommandLine.Parsing.SymbolResult result) => result.Given(BigWig) || result.Given(Stranded);

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
        command.Excludes(BigWig, Stranded);
        Stranded.Validators.Add(result =>
        {
            if (result.TryGiven(Stranded, out string? text) && List(text).Length != 2)
                result.AddError($"--stranded takes two files, plus,minus (was '{text}').");
        });
    }

    /// <summary>Opens the tracks and builds the profile rows; the returned tracks must stay open while the rows are read.</summary>
    public (IDataView Data, ProfileDataReport Report, ICoverageTrack[] Tracks) Build(MLContext ml, ParseResult parse, Genome genome, ProfileTrainingOptions options, CliConsole console)
    {
        var open = new CoverageTrackOptions { MissingAsZero = parse.GetValue(MissingAsZero) };
        bool stranded = parse.GetValue(Stranded) != null;
        var tracks = new List<ICoverageTrack>();
        try
        {
            foreach (string path in List(parse.GetValue(stranded ? Stranded : BigWig)))
                tracks.Add(CliErrors.UserInput(() => CoverageTracks.Open(path, open)));
            if (stranded) options.StrandedTracks = (tracks[0], tracks[1]);
            else options.Tracks = tracks;
            options.BackgroundFraction = parse.GetValue(BackgroundFraction) ?? options.BackgroundFraction;
            var (data, report) = MissingChromosome(() => CliErrors.UserInput(() => ProfileTrainingData.Build(ml, genome, options)));
            console.Status(report.ToString());
            return (data, report, tracks.ToArray());
        }
        catch
        {
            foreach (var track in tracks) track.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/>; a track without a chromosome the data needs is the user's to fix
    /// (the message names the track file and the chromosome, and --missing-as-zero).
    /// </summary>
    public static T MissingChromosome<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (KeyNotFoundException e)
        {
            throw new CliUserException(e.Message.Contains("--missing-as-zero", StringComparison.Ordinal) ? e.Message : e.Message + " Give --missing-as-zero to read it as zeros.", e);
        }
    }

    private static string[] List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
