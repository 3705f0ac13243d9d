namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// A mistake of the user's (an option value, a combination of options, a file, a column, the data
/// in it), reported as one <c>error:</c> line and exit code 1. The message names what to change.
/// The CLI throws it itself, and rethrows as it the argument and state errors of library calls that
/// consume what the user gave (<see cref="CliErrors.UserInput{T}(Func{T})"/>).
/// </summary>
internal sealed class CliUserException : Exception
{
    public CliUserException(string message) : base(message) { }

    public CliUserException(string message, Exception inner) : base(message, inner) { }
}
