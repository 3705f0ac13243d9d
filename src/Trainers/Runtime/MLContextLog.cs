using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers.Runtime;

/// <summary>
/// Writes to <see cref="MLContext.Log"/>. Only messages sent through an <see cref="IChannel"/>
/// reach that event, and ML.NET's convenience overloads for channels are internal, so this wraps
/// the public ones.
/// </summary>
internal static class MLContextLog
{
    private const string Source = "Cnn.MLNet";

    public static void Info(MLContext ml, string message)
    {
        using var channel = ((IHostEnvironment)ml).Start(Source);
        channel.Info(MessageSensitivity.None, "{0}", message);
    }

    public static void Warning(MLContext ml, string message)
    {
        using var channel = ((IHostEnvironment)ml).Start(Source);
        channel.Warning(MessageSensitivity.None, "{0}", message);
    }
}
