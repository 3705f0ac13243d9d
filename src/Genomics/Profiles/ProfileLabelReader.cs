using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads the label of one window: each track over the output window, binned, track-major. Checks
/// every value, because a NaN or negative count would only show up later as a NaN loss far from
/// its cause. One reader per cursor (it keeps a scratch buffer); the tracks are shared.
/// </summary>
internal sealed class ProfileLabelReader
{
    private readonly IReadOnlyList<ICoverageTrack> _tracks;
    private readonly string _bedPath;
    private readonly int _offset, _outputLength, _binSize, _positions;
    private readonly TrackBinning _binning;
    private readonly float[] _scratch;

    /// <summary>A reader with the options' geometry (BED path for messages, output window, bins).</summary>
    public ProfileLabelReader(IReadOnlyList<ICoverageTrack> tracks, ProfileTrainingOptions options)
    {
        _tracks = tracks;
        _bedPath = options.BedPath;
        _offset = (options.Length - options.OutputLength) / 2;
        _outputLength = options.OutputLength;
        _binSize = options.BinSize;
        _binning = options.Binning;
        _positions = options.OutputLength / options.BinSize;
        _scratch = new float[options.OutputLength];
    }

    /// <summary>The label's size: tracks × positions.</summary>
    public int Size => _tracks.Count * _positions;

    /// <summary>Positions per track.</summary>
    public int Positions => _positions;

    /// <summary>Fills <paramref name="label"/> (of <see cref="Size"/>) for <paramref name="window"/>.</summary>
    /// <exception cref="KeyNotFoundException">A track lacks the window's chromosome (window and track named).</exception>
    /// <exception cref="InvalidDataException">A track value is NaN, infinite or negative, or the track file is damaged (window, track and base named).</exception>
    public void Read(in ProfileWindow window, Span<float> label)
    {
        long outputStart = window.Start + _offset;
        for (int t = 0; t < _tracks.Count; t++)
        {
            var track = _tracks[t];
            try
            {
                track.Read(window.Chromosome, outputStart, _scratch);
            }
            catch (KeyNotFoundException e)
            {
                throw new KeyNotFoundException($"{Describe(window)}: {e.Message}", e);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{Describe(window)}: {e.Message}", e);
            }
            Check(window, track, outputStart);
            Bin(label.Slice(t * _positions, _positions));
        }
    }

    /// <summary>Where the window came from, for messages.</summary>
    public string Describe(in ProfileWindow window) => window.IsPeak
        ? string.Create(CultureInfo.InvariantCulture, $"The peak window {window.Chromosome}:{window.Start}-{window.Start + _offset * 2 + _outputLength} (BED file '{_bedPath}', line {window.LineNumber})")
        : string.Create(CultureInfo.InvariantCulture, $"The background window {window.Chromosome}:{window.Start}-{window.Start + _offset * 2 + _outputLength}");

    private void Check(in ProfileWindow window, ICoverageTrack track, long outputStart)
    {
        for (int i = 0; i < _scratch.Length; i++)
        {
            float value = _scratch[i];
            if (value >= 0 && float.IsFinite(value))
                continue;
            string what = float.IsNaN(value) ? "NaN" : value.ToString(CultureInfo.InvariantCulture);
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(window)}: the coverage track '{track.Source}' holds {what} at {window.Chromosome}:{outputStart + i} (0-based). Profile labels are read counts: they must be finite and not negative (a multinomial profile has no negative counts)."));
        }
    }

    private void Bin(Span<float> destination)
    {
        if (_binSize == 1)
        {
            _scratch.CopyTo(destination);
            return;
        }
        for (int p = 0; p < _positions; p++)
        {
            // Summed in double so long bins of large values keep their precision.
            double sum = 0;
            foreach (float v in _scratch.AsSpan(p * _binSize, _binSize))
                sum += v;
            destination[p] = (float)(_binning == TrackBinning.Mean ? sum / _binSize : sum);
        }
    }
}
