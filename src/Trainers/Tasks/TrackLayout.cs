namespace Cnn.MLNet.Trainers;

/// <summary>
/// How track values are laid out in a label or output row: <see cref="Tracks"/> tracks of
/// <see cref="Positions"/> values each, track-major, the output window centred in the input. With
/// <see cref="Stranded"/>, tracks come in (plus, minus) pairs — 0 and 1, 2 and 3, … — so on the
/// reverse strand each pair swaps as the positions reverse.
/// </summary>
internal sealed record TrackLayout(int Tracks, int Positions, bool Stranded)
{
    /// <summary>Checks the layout; the message names what is wrong.</summary>
    public void Validate()
    {
        if (Tracks < 1 || Positions < 1) throw new ArgumentException($"A track layout needs at least one track and one position (got {Tracks} × {Positions}).");
        if (Stranded && Tracks % 2 != 0)
            throw new ArgumentException($"Stranded tracks come in (plus, minus) pairs, but there are {Tracks} tracks.");
    }

    /// <summary>The track that track <paramref name="t"/> becomes on the reverse strand.</summary>
    public int Partner(int t) => Stranded ? t ^ 1 : t;

    /// <summary>
    /// For a row computed on the reverse-complemented input: aligned[j] = reversed[order[j]], over
    /// the tracks' positions and then <paramref name="extraPerTrack"/> per-track values (a count).
    /// </summary>
    public int[] ReverseStrandOrder(int extraPerTrack)
    {
        var order = new int[Tracks * Positions + Tracks * extraPerTrack];
        for (int t = 0; t < Tracks; t++)
            for (int p = 0; p < Positions; p++) order[t * Positions + p] = Partner(t) * Positions + (Positions - 1 - p);
        for (int e = 0; e < extraPerTrack; e++)
            for (int t = 0; t < Tracks; t++) order[Tracks * Positions + e * Tracks + t] = Tracks * Positions + e * Tracks + Partner(t);
        return order;
    }

    /// <summary>Moves every track's values by <paramref name="shift"/> positions (out[p] = in[p − shift], 0 where that is outside), as the sequence moves.</summary>
    public void Shift(Span<float> row, int shift, Span<float> scratch)
    {
        row[..(Tracks * Positions)].CopyTo(scratch);
        for (int t = 0; t < Tracks; t++)
        {
            var source = scratch.Slice(t * Positions, Positions);
            var target = row.Slice(t * Positions, Positions);
            for (int p = 0; p < Positions; p++)
            {
                int s = p - shift;
                target[p] = s >= 0 && s < Positions ? source[s] : 0;
            }
        }
    }
}
