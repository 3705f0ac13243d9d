namespace Cnn.MLNet.Cli.Console;

/// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool and lose ordering).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
