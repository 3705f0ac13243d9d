using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// How many threads libtorch uses inside one operation (its intra-op threads), chosen from the
/// work per call unless the application fixes it.
/// <para>
/// Why: libtorch defaults to one thread per physical core, which pays off only when one call has
/// enough work to split. On the 2-core VM of BENCHMARKS.md, in paired measurements, a Zou2019
/// training step at batch 32 (12 MFLOP) ran 0.91 × as fast on two threads as on one and a 32-row
/// inference pass (4 MFLOP) 0.77 ×, while a batch-128 step (50 MFLOP) ran 1.22 ×, a LeNet-5 step
/// (about 125 MFLOP) 1.2 × and a 256-row inference pass (33 MFLOP) 1.32 ×. Hence one thread per
/// <see cref="FlopsPerThread"/> of work, between 1 and the default.
/// </para>
/// <para>
/// The count is process-wide in libtorch. Training applies its choice for the length of a
/// <c>Fit</c> and restores the previous count afterwards (trainings are serialised per process).
/// Scoring uses whatever count the process has: batched <c>Transform</c> gains from the default,
/// while one-row <c>PredictionEngine</c> calls are fastest on one thread, so latency-bound services
/// should call <c>IntraOpThreads.Fix(1)</c> (see BENCHMARKS.md).
/// </para>
/// No oversubscription from Cnn.MLNet: it reads and encodes on the calling thread between
/// operations, never alongside them. The one extra thread is ML.NET's own pool shuffle, which reads
/// streamed training data ahead (see <c>BatchReader</c>); leaving it a core was measured and
/// rejected: one epoch over a million streamed rows took 69 s on one intra-op thread against 48 s
/// on two (BENCHMARKS.md, *Threads*), because the reader needs far less than a core.
/// </summary>
internal static class IntraOpThreads
{
    /// <summary>Work that justifies one more thread: 16 MFLOP per call (from the measurements above).</summary>
    public const double FlopsPerThread = 16e6;

    private static readonly Lock Gate = new();
    private static int _fixed; // 0: not fixed by the application
    private static int _default;

    /// <summary>
    /// The count fixed by the application (<see cref="Fix"/>) or by the environment variable
    /// <c>OMP_NUM_THREADS</c>; null when Cnn.MLNet chooses.
    /// </summary>
    public static int? Fixed => Volatile.Read(ref _fixed) is > 0 and var value ? value : FromEnvironment(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"));

    /// <summary>libtorch's own default for this process (one per physical core), the most the automatic choice uses.</summary>
    public static int Default
    {
        get
        {
            TorchRuntime.EnsureInitialized();
            return Volatile.Read(ref _default);
        }
    }

    /// <summary>
    /// Fixes the intra-op thread count for the whole process (every later training and scoring
    /// call), or with null returns the choice to Cnn.MLNet and restores libtorch's default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static void Fix(int? threads)
    {
        if (threads is < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "IntraOpThreads.Fix needs at least 1 thread (or null for automatic).");
        int fallback = Default;
        lock (Gate)
        {
            Volatile.Write(ref _fixed, threads ?? 0);
            torch.set_num_threads(threads ?? fallback);
        }
    }

    /// <summary>
    /// The automatic choice for calls of <paramref name="flopsPerCall"/> FLOPs: one thread per
    /// <see cref="FlopsPerThread"/>, at least 1 and at most <paramref name="maximum"/>.
    /// </summary>
    public static int Choose(double flopsPerCall, int maximum) =>
        double.IsFinite(flopsPerCall) && flopsPerCall > 0
            ? (int)Math.Clamp(Math.Floor(flopsPerCall / FlopsPerThread), 1, Math.Max(1, maximum))
            : 1;

    /// <summary>The count one training run uses: its option, else the fixed count, else the automatic choice for one step.</summary>
    internal static int ForTraining(int? option, double flopsPerStep) =>
        option ?? Fixed ?? Choose(flopsPerStep, Default);

    /// <summary>Sets libtorch's count until disposed, then restores the count it found.</summary>
    internal static IDisposable Use(int threads) => new Scope(threads);

    /// <summary>Called once by <see cref="TorchRuntime.EnsureInitialized"/>, before anything can change the count.</summary>
    internal static void CaptureDefault() => Volatile.Write(ref _default, Math.Max(1, torch.get_num_threads()));

    /// <summary>A positive integer, or null for an unset or unusable value (libtorch ignores those too).</summary>
    internal static int? FromEnvironment(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

    private sealed class Scope : IDisposable
    {
        private readonly int _previous;
        private bool _disposed;

        public Scope(int threads)
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "Intra-op threads must be at least 1.");
            _previous = torch.get_num_threads();
            if (threads != _previous) torch.set_num_threads(threads);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (torch.get_num_threads() != _previous) torch.set_num_threads(_previous);
        }
    }
}
