namespace Cnn.MLNet.Genomics;

/// <summary>How the bases of one output bin of a profile label are combined (<see cref="ProfileTrainingOptions.BinSize"/> above 1).</summary>
public enum TrackBinning
{
    /// <summary>The sum of the bin's values: read counts stay counts, so the label's total is the window's total (what a multinomial profile loss needs).</summary>
    Sum,

    /// <summary>The mean of the bin's values (for signal tracks such as fold change, whose scale should not depend on the bin size).</summary>
    Mean,
}
