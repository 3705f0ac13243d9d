namespace Cnn.MLNet.Trainers;

/// <summary>
/// Computes each epoch's learning rate for a <see cref="LearningRateSchedule"/>. Written here
/// rather than with TorchSharp's schedulers because the plateau rule must see our monitored loss
/// and the rate must be known before the epoch for the report.
/// </summary>
internal sealed class LearningRateScheduler
{
    private readonly CnnTrainerOptions _options;
    private double _rate;
    private double _bestLoss = double.PositiveInfinity;
    private int _epochsWithoutImprovement;

    public LearningRateScheduler(CnnTrainerOptions options)
    {
        _options = options;
        _rate = options.LearningRate;
    }

    /// <summary>The rate for 1-based <paramref name="epoch"/>.</summary>
    public double RateFor(int epoch) => _options.Schedule switch
    {
        LearningRateSchedule.Step => _options.LearningRate * Math.Pow(_options.StepGamma, (epoch - 1) / _options.StepEpochs),
        LearningRateSchedule.Cosine => _options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / _options.Epochs)),
        LearningRateSchedule.ReduceOnPlateau => _rate,
        _ => _options.LearningRate,
    };

    /// <summary>The plateau rule's counters, saved in training checkpoints.</summary>
    public sealed record State(double Rate, double BestLoss, int EpochsWithoutImprovement);

    /// <summary>The counters now, or restored from a checkpoint.</summary>
    public State Current
    {
        get => new(_rate, _bestLoss, _epochsWithoutImprovement);
        set => (_rate, _bestLoss, _epochsWithoutImprovement) = (value.Rate, value.BestLoss, value.EpochsWithoutImprovement);
    }

    /// <summary>Feeds the epoch's monitored loss to the plateau rule.</summary>
    public void EndEpoch(double monitoredLoss)
    {
        if (_options.Schedule != LearningRateSchedule.ReduceOnPlateau) return;
        if (monitoredLoss < _bestLoss)
        {
            _bestLoss = monitoredLoss;
            _epochsWithoutImprovement = 0;
        }
        else if (++_epochsWithoutImprovement >= _options.PlateauPatience)
        {
            _rate *= _options.PlateauFactor;
            _epochsWithoutImprovement = 0;
        }
    }
}
