using Cnn.MLNet.Trainers.Runtime;

namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// Turns the errors a user can cause (bad files, columns, labels, sequences, options) into one
/// line on the error writer and exit code 1, instead of a stack trace. Anything else is a bug and
/// propagates.
/// </summary>
internal static class CliErrors
{
    public const int UserError = 1;

    public static int Run(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            console.Error.WriteLine("error: " + OneLine(e));
            return UserError;
        }
    }

    private static bool IsUserError(Exception e) => e is FileNotFoundException or DirectoryNotFoundException or FormatException
        or ArgumentException or InvalidOperationException or InvalidDataException or NotSupportedException or TorchNativeLoadException
        or UnauthorizedAccessException or IOException;

    private static string OneLine(Exception e)
    {
        string message = e is FileNotFoundException { FileName: { } file } && !e.Message.Contains(file) ? $"{e.Message} ({file})" : e.Message;
        return string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }
}
