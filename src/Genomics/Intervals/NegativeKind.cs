namespace Cnn.MLNet.Genomics;

/// <summary>Where the negative (background) examples of a peak dataset come from.</summary>
public enum NegativeKind
{
    /// <summary>Each positive window shuffled with its dinucleotide counts kept (one negative per positive, at the positive's place).</summary>
    Shuffle,
    /// <summary>Windows sampled from the genome away from every peak, with the positives' GC-content distribution.</summary>
    GcMatched,
}
