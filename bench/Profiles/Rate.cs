namespace Cnn.MLNet.Benchmarks.Profiles;

/// <summary>
/// Windows read or trained in a wall-clock time and in the process's CPU time (every thread). On a
/// loaded machine the wall clock measures the other processes too; CPU time much less so.
/// </summary>
/// <param name="Windows">Windows (rows) processed.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="CpuSeconds">The process's CPU seconds over the same span.</param>
public sealed record Rate(long Windows, double Seconds, double CpuSeconds)
{
    /// <summary>Windows per wall-clock second.</summary>
    public double PerSecond => Windows / Seconds;

    /// <summary>Windows per CPU-second.</summary>
    public double PerCpuSecond => Windows / CpuSeconds;

    /// <summary>The sum of two measurements.</summary>
    public static Rate operator +(Rate a, Rate b) => new(a.Windows + b.Windows, a.Seconds + b.Seconds, a.CpuSeconds + b.CpuSeconds);

    /// <summary>
    /// The better of two measurements of the same work: the shorter wall time and, separately, the
    /// shorter CPU time (each the least disturbed by other processes). Null counts as no measurement.
    /// </summary>
    public static Rate Best(Rate? a, Rate b) => a is null ? b : new(b.Windows, Math.Min(a.Seconds, b.Seconds), Math.Min(a.CpuSeconds, b.CpuSeconds));
}
