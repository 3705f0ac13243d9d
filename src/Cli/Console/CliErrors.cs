using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// How a command's failure is reported. The errors a user can cause (<see cref="CliUserException"/>,
/// missing or unreadable files, bad file content, a TorchSharp that does not load, a diverged
/// training run) print one <c>error:</c> line and exit with <see cref="UserError"/>. Anything else
/// is a bug: it prints the exception, its first stack frames and a request to report it, and exits
/// with <see cref="InternalError"/>.
/// </summary>
internal static class CliErrors
{
    /// <summary>A user's mistake (also System.CommandLine's code for a parse error).</summary>
    public const int UserError = 1;

    /// <summary>A bug in cnn-mlnet (EX_SOFTWARE of sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>How many stack frames a bug report shows.</summary>
    public const int BugFrames = 6;

    public const string BugHint = "this is a bug in cnn-mlnet; please report it with the command line and the lines above.";

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
        catch (Exception e)
        {
            ReportBug(console.Error, e);
            return InternalError;
        }
    }

    /// <summary>
    /// Runs a library call that consumes what the user gave (a file, a column, an option's value, the
    /// data itself): its argument and state errors (<see cref="ArgumentException"/>,
    /// <see cref="InvalidOperationException"/>, <see cref="NotSupportedException"/>) are about that
    /// input, and are rethrown as <see cref="CliUserException"/> with the same message. Everywhere
    /// else they are bugs.
    /// </summary>
    public static T UserInput<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (IsInputError(e))
        {
            throw new CliUserException(Message(e), e);
        }
    }

    /// <inheritdoc cref="UserInput{T}(Func{T})"/>
    public static void UserInput(Action call) => UserInput(() => { call(); return 0; });

    private static bool IsInputError(Exception e) =>
        e is (ArgumentException and not ArgumentNullException) or (InvalidOperationException and not ObjectDisposedException) or NotSupportedException;

    internal static bool IsUserError(Exception e) => e is CliUserException or IOException or UnauthorizedAccessException
        or InvalidDataException or FormatException or TorchNativeLoadException or CnnTrainingDivergedException;

    private static void ReportBug(TextWriter error, Exception e)
    {
        error.WriteLine($"internal error: {e.GetType().FullName}: {OneLine(e)}");
        var frames = (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        foreach (string frame in frames.Take(BugFrames)) error.WriteLine(frame);
        if (frames.Count > BugFrames) error.WriteLine($"   … {frames.Count - BugFrames} more frame(s)");
        if (e.InnerException is { } inner) error.WriteLine($" ---> {inner.GetType().FullName}: {OneLine(inner)}");
        error.WriteLine(BugHint);
    }

    private static string Message(Exception e) => e switch
    {
        FileNotFoundException { FileName: { } file } when !e.Message.Contains(file) => $"{e.Message} ({file})",
        // ML.NET's binary evaluator names its internal parameter ("… (Parameter 'PosSample')"), not the data.
        // Upstream: no upstream report found as of 2026-12.
        ArgumentException { ParamName: "PosSample" or "NegSample" } a => $"The labelled data being evaluated has only {(a.ParamName == "PosSample" ? "negative (0/false)" : "positive (1/true)")} "
            + "labels in its label column, so binary metrics (AUC) are not defined: the data needs both labels.",
        _ => e.Message,
    };

    /// <summary>The message on one line.</summary>
    public static string OneLine(Exception e) => OneLine(Message(e));

    /// <summary><paramref name="message"/> on one line.</summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
