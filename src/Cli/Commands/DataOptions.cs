using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// The options that say how to read a sequence file, shared by the commands that read one.
/// <c>train</c>, <c>evaluate</c>, <c>predict</c> and <c>sweep</c> make --data optional (<paramref name="required"/>
/// false) because they take --images instead (<see cref="ImageOptions.AddTo"/> checks that exactly one is given).
/// </summary>
/// <param name="required">Whether --data must be given. Default true.</param>
internal sealed class DataOptions(bool required = true)
{
    public Option<FileInfo> Data { get; } = new("--data")
    {
        HelpName = "FILE",
        Description = "TSV/CSV with a header, or FASTA with labels in the headers (.gz accepted)." + (required ? "" : " Or give --images."),
        Required = required,
    };
    public Option<string> SequenceColumn { get; } = new("--sequence-column") { Description = "Header name of the sequence column.", DefaultValueFactory = _ => "Sequence" };
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "Header name of the label column.", DefaultValueFactory = _ => "Label" };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(SequenceColumn);
        command.Options.Add(LabelColumn);
    }

    /// <summary>Reads --data (or <paramref name="file"/>); what is wrong with the file or its columns is the user's to fix.</summary>
    public IDataView Load(MLContext ml, ParseResult parse, SequenceLabelKind labels, FileInfo? file = null) =>
        CliErrors.UserInput(() => SequenceFiles.Load(ml, (file ?? parse.GetValue(Data)!).FullName, new SequenceFileOptions
        {
            SequenceColumn = parse.GetValue(SequenceColumn)!,
            LabelColumn = parse.GetValue(LabelColumn)!,
            LabelKind = labels,
        }));
}
