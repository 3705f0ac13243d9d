using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A profile (BPNet-style) training set from peaks and coverage tracks: every BED interval's input
/// window is a row whose label is the tracks' values over the output window centred in it, followed
/// by GC-matched background windows (<see cref="ProfileTrainingOptions.BackgroundFraction"/> per
/// peak). Columns are named by <see cref="ProfileColumns"/>.
/// </summary>
/// <remarks>
/// Only the windows' coordinates are held (a few dozen bytes a row); each row's bases are cut from the
/// genome and its track values read when a cursor reads it, so a bigWig streams with bounded memory.
/// The view can shuffle itself (a permutation of the row indices, one int a row) and
/// <see cref="ChromosomeSplit"/> splits it on <c>Chromosome</c> (pass <c>labelColumn:</c>
/// <see cref="ProfileColumns.IsPeak"/> to count peaks per part instead of every label slot).
/// </remarks>
public static class ProfileTrainingData
{
    /// <summary>
    /// Reads the peaks, drops and counts those whose window overlaps the excluded regions, draws the
    /// background, and reads the tracks once over the peaks' output windows (streaming, one window at a
    /// time) to check them and summarise the total counts.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The BED file does not exist.</exception>
    /// <exception cref="FormatException">A BED line is bad, or the summit anchor meets a peak without a valid summit (file and line named).</exception>
    /// <exception cref="InvalidDataException">No peak is left, or a track holds NaN or a negative value under a peak (window, track and base named).</exception>
    /// <exception cref="KeyNotFoundException">A track lacks a peak's chromosome (peak, BED line and track named).</exception>
    /// <exception cref="InvalidOperationException">The genome cannot supply enough GC-matched background.</exception>
    public static (IDataView Data, ProfileDataReport Report) Build(MLContext ml, Genome genome, ProfileTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tracks = options.ResolveTracks().ToArray();
        // A copy, so later changes to the caller's options do not change the view.
        var frozen = Copy(options);

        var (peaks, excluded, gcPeaks) = PeakWindows(genome, frozen);
        if (peaks.Count == 0)
        {
            throw new InvalidDataException(excluded > 0
                ? $"Every interval of the BED file '{frozen.BedPath}' ({excluded}) overlaps an excluded region, so no peak is left."
                : $"The BED file '{frozen.BedPath}' has no intervals.");
        }

        var reader = new ProfileLabelReader(tracks, frozen);
        var (perTrack, all) = Totals(reader, peaks, tracks);

        int backgroundCount = (int)Math.Round(peaks.Count * frozen.BackgroundFraction, MidpointRounding.AwayFromZero);
        GcMatchReport? gc = null;
        var windows = new List<ProfileWindow>(peaks.Count + backgroundCount);
        windows.AddRange(peaks);
        if (backgroundCount > 0)
        {
            var sample = GcMatchedBackground.Sample(genome, gcPeaks, frozen.Length, backgroundCount, frozen.Seed, new GcMatchedOptions { Exclude = frozen.Exclude });
            gc = sample.Report;
            windows.AddRange(sample.Intervals.Select(i => new ProfileWindow(i.Chromosome, i.Start, false, 0)));
        }

        long padded = peaks.Count(w => w.Start < 0 || w.Start + frozen.Length > genome.LengthOf(w.Chromosome));
        var report = new ProfileDataReport(peaks.Count, backgroundCount, excluded, padded, tracks.Length, reader.Positions,
            tracks.Select(t => t.Source).ToArray(), frozen.StrandedTracks is null ? [] : [(0, 1)], perTrack, all, gc)
        {
            ExcludedRegionsNotInGenome = frozen.Exclude?.RegionsNotIn(genome) ?? 0,
        };
        return (new ProfileDataView(genome, windows, tracks, frozen), report);
    }

    /// <summary>The peak windows in BED order, the number dropped as excluded, and the regions whose GC the background matches.</summary>
    private static (List<ProfileWindow> Peaks, long Excluded, List<(string, long, long)> GcPeaks) PeakWindows(Genome genome, ProfileTrainingOptions options)
    {
        var peaks = new List<ProfileWindow>();
        var gcPeaks = new List<(string, long, long)>();
        long excluded = 0;
        foreach (var interval in BedFile.Read(options.BedPath, genome))
        {
            long start = IntervalWindows.WindowStart(interval, options.Length, options.Anchor);
            if (options.Exclude?.Overlaps(genome, interval.Chromosome, start, start + options.Length) == true)
            {
                excluded++;
                continue;
            }
            peaks.Add(new ProfileWindow(interval.Chromosome, start, true, interval.LineNumber));
            // The background matches the GC of the windows themselves: each peak stands in as its
            // window's centre base (the sampler measures a window of Length around it), clipped to the chromosome.
            long centre = Math.Clamp(start + options.Length / 2, 0, genome.LengthOf(interval.Chromosome) - 1);
            gcPeaks.Add((interval.Chromosome, centre, centre + 1));
        }
        return (peaks, excluded, gcPeaks);
    }

    /// <summary>Reads every peak's label once (checking it) and summarises the totals per track and over all tracks.</summary>
    private static (ProfileCountSummary[] PerTrack, ProfileCountSummary All) Totals(ProfileLabelReader reader, List<ProfileWindow> peaks, ICoverageTrack[] tracks)
    {
        var label = new float[reader.Size];
        var totals = tracks.Select(_ => new double[peaks.Count]).ToArray();
        var all = new double[peaks.Count];
        for (int i = 0; i < peaks.Count; i++)
        {
            reader.Read(peaks[i], label);
            for (int t = 0; t < tracks.Length; t++)
            {
                double sum = 0;
                foreach (float v in label.AsSpan(t * reader.Positions, reader.Positions))
                    sum += v;
                totals[t][i] = sum;
                all[i] += sum;
            }
        }
        return (tracks.Select((t, k) => ProfileCountSummary.Of(t.Source, totals[k])).ToArray(), ProfileCountSummary.Of("all tracks", all));
    }

    private static ProfileTrainingOptions Copy(ProfileTrainingOptions o) => new()
    {
        BedPath = o.BedPath,
        Length = o.Length,
        OutputLength = o.OutputLength,
        Anchor = o.Anchor,
        Tracks = o.Tracks?.ToArray(),
        StrandedTracks = o.StrandedTracks,
        BinSize = o.BinSize,
        Binning = o.Binning,
        BackgroundFraction = o.BackgroundFraction,
        Exclude = o.Exclude,
        Seed = o.Seed,
    };
}
