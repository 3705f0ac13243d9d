using Cnn.MLNet.Trainers;

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
        string message = e switch
        {
            FileNotFoundException { FileName: { } file } when !e.Message.Contains(file) => $"{e.Message} ({file})",
            // ML.NET's binary evaluator names its internal parameter ("… (Parameter 'PosSample')"), not the data.
            // Upstream: no upstream report found as of 2026-12.
            ArgumentException { ParamName: "PosSample" or "NegSample" } a => $"The labelled data being evaluated has only {(a.ParamName == "PosSample" ? "negative (0/false)" : "positive (1/true)")} "
                + "labels in its label column, so binary metrics (AUC) are not defined: the data needs both labels.",
            _ => e.Message,
        };
        return string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }
}
