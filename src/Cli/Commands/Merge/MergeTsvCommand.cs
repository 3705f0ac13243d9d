using System.CommandLine;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>merge tsv</c>: the first part's first line is the header; a later part whose first line is the
/// same header has it dropped, and a later part without it (a <c>variants --records</c> chunk that
/// does not start at 0) is taken whole. So it joins <c>predict --rows</c> parts (each with the
/// header), variants and mutagenesis TSV chunks (the header in the first only) alike.
/// </summary>
internal static class MergeTsvCommand
{
    public static Command Create(CliConsole console) => MergeParts.Command(console, "tsv",
        "Join TSV parts (predict --rows, variants --records, its --ism-out) in order under the first part's header line.", Merge);

    private static void Merge(IReadOnlyList<string> parts, MergeOutput output)
    {
        byte[]? header = null;
        foreach (string part in parts)
        {
            using var reader = new RawLineReader(part);
            if (!reader.TryRead(out var first))
            {
                if (header is null) throw new CliUserException($"The first part '{part}' is empty: it must start with the TSV header line.");
                continue;
            }
            if (header is null)
            {
                header = RawLineReader.Text(first).ToArray();
                output.Write(first, part);
            }
            else if (!RawLineReader.Text(first).SequenceEqual(header))
            {
                output.Write(first, part);
            }
            while (reader.TryRead(out var line))
                output.Write(line, part);
        }
    }
}
