namespace Cnn.MLNet.Genomics;

/// <summary>The column names of the rows <see cref="ProfileTrainingData.Build"/> gives.</summary>
public static class ProfileColumns
{
    /// <summary>The input window's bases (text, exactly <see cref="ProfileTrainingOptions.Length"/> characters, padded with <c>N</c> past a chromosome end).</summary>
    public const string Sequence = "Sequence";

    /// <summary>
    /// The profile: a vector of Single of size tracks × positions, track-major (<c>label[t * P + p]</c>),
    /// over the output window centred in the input window.
    /// </summary>
    public const string Label = "Label";

    /// <summary>The window's chromosome (text), as the BED file names it; <see cref="ChromosomeSplit"/> splits on it.</summary>
    public const string Chromosome = "Chromosome";

    /// <summary>The input window's first base (Int64, 0-based; negative when padded).</summary>
    public const string Start = "Start";

    /// <summary>The input window's end (Int64, exclusive).</summary>
    public const string End = "End";

    /// <summary>Whether the row is a peak window (true) or a background window (false); Boolean.</summary>
    public const string IsPeak = "IsPeak";
}
