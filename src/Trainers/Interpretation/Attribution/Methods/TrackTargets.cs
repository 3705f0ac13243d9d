using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The attribution targets of track models, as weights over the raw outputs. Profile models: the
/// count (weight 1 on the track's log count, or on every track's) or BPNet's profile target
/// Σ_p (l_p − mean l) · softmax(l)_p with the probabilities held fixed, whose weights are
/// softmax(l)_p − 1/P. Binned models: the sum of the track's bins. Fixed weights keep the target a
/// linear function of the outputs, so DeepLIFT's summation-to-delta still holds.
/// </summary>
internal static class TrackTargets
{
    /// <summary>The track layout of a profile or binned-track task, else null.</summary>
    public static TrackLayout? Layout(CnnTask task) => (task as TrackTask)?.Layout;

    /// <summary>Writes one row's weights; <paramref name="raw"/> (the row's raw outputs) is needed for the profile target only.</summary>
    public static void Fill(CnnTaskKind kind, TrackLayout layout, TrackAttributionTarget target, int? track, ReadOnlySpan<float> raw, Span<float> weights)
    {
        int t0 = track ?? 0, t1 = track is int only ? only + 1 : layout.Tracks, p = layout.Positions;
        for (int t = t0; t < t1; t++)
        {
            if (kind == CnnTaskKind.BinnedTracks) weights.Slice(t * p, p).Fill(1);
            else if (target == TrackAttributionTarget.Count) weights[layout.Tracks * p + t] = 1;
            else ProfileWeights(raw.Slice(t * p, p), weights.Slice(t * p, p));
        }
    }

    // softmax(l) − 1/P: the gradient of Σ (l − mean l) · softmax(l) with the softmax held fixed.
    private static void ProfileWeights(ReadOnlySpan<float> logits, Span<float> weights)
    {
        MulticlassClassificationTask.Softmax(logits, weights);
        float mean = 1f / logits.Length;
        foreach (ref float w in weights) w -= mean;
    }
}
