namespace Cnn.MLNet.Trainers;

/// <summary>
/// Training stopped because a batch's loss was NaN or infinite. The optimiser never took that
/// step, so <see cref="LastGoodModel"/> holds the weights after the last finite one (dispose it
/// when done); a configured checkpoint still holds the last completed epoch.
/// </summary>
public sealed class CnnTrainingDivergedException : InvalidOperationException
{
    internal CnnTrainingDivergedException(string message, CnnModel lastGoodModel) : base(message) => LastGoodModel = lastGoodModel;

    /// <summary>The network as it was after the last step with a finite loss.</summary>
    public CnnModel LastGoodModel { get; }
}
