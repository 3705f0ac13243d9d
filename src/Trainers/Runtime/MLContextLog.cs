using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

// Upstream: no upstream report found as of 2026-12 (ML.NET's channel convenience overloads are internal).
/// <summary>
/// Writes to <see cref="MLContext.Log"/> through an MLContext or any environment of it. Only messages sent through an <see cref="IChannel"/>
/// reach that event, and ML.NET's convenience overloads for channels are internal, so this wraps
/// the public ones.
/// </summary>
internal static class MLContextLog
{
    private const string Source = "Cnn.MLNet";

    public static void Info(IHostEnvironment environment, string message)
    {
        using var channel = environment.Start(Source);
        channel.Info(MessageSensitivity.None, "{0}", message);
    }

    public static void Warning(IHostEnvironment environment, string message)
    {
        using var channel = environment.Start(Source);
        channel.Warning(MessageSensitivity.None, "{0}", message);
    }
}
