using Cnn.MLNet.Trainers;
using Spectre.Console;

namespace Cnn.MLNet.Cli.Console;

/// <summary>
/// Where a command writes: results to the output writer, progress and errors to the error
/// writer (so <c>--json</c> output stays one object). A progress bar when the error writer is a
/// terminal; plain lines when it is redirected (CI logs, files, tests).
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    private bool ProgressIsTerminal => ReferenceEquals(Error, System.Console.Error) && !System.Console.IsErrorRedirected;

    public void Line(string text) => Output.WriteLine(text);

    public void Status(string text) => Error.WriteLine(text);

    /// <summary>Runs <paramref name="train"/>, showing one step per epoch.</summary>
    public T Train<T>(int epochs, Func<IProgress<EpochReport>, T> train)
    {
        if (!ProgressIsTerminal)
            return train(new SyncProgress<EpochReport>(report => Status(report.ToString())));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        T result = default!;
        console.Progress().AutoClear(false).Columns(
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: epochs);
                result = train(new SyncProgress<EpochReport>(report =>
                {
                    task.Description = $"epoch {report.Epoch}/{report.Epochs} loss {report.TrainingLoss:F4}"
                        + (report.ValidationLoss is double v ? $" val {v:F4}" : "");
                    task.Value = report.Epoch;
                }));
                task.Value = epochs; // early stopping ends before the last epoch
            });
        return result;
    }
}
