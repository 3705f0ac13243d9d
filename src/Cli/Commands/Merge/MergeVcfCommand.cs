using System.CommandLine;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>merge vcf</c>: the header (the leading <c>#</c> lines) from the first part, then every part's
/// records in order. A later part may carry a header (it is dropped) but only the same one: a
/// different header means another input VCF, model or settings.
/// </summary>
internal static class MergeVcfCommand
{
    public static Command Create(CliConsole console) => MergeParts.Command(console, "vcf",
        "Join VCF parts (variants --records chunks' --vcf-out) in order under the first part's header.", Merge);

    private static void Merge(IReadOnlyList<string> parts, MergeOutput output)
    {
        List<byte[]>? header = null;
        foreach (string part in parts)
        {
            using var reader = new RawLineReader(part);
            var partHeader = new List<byte[]>();
            bool inHeader = true;
            while (reader.TryRead(out var line))
            {
                if (inHeader && line.StartsWith("#"u8))
                {
                    partHeader.Add(RawLineReader.Text(line).ToArray());
                    if (header is null) output.Write(line, part);
                    continue;
                }
                if (inHeader) header = CheckHeader(header, partHeader, parts[0], part);
                inHeader = false;
                output.Write(line, part);
            }
            if (inHeader) header = CheckHeader(header, partHeader, parts[0], part);
        }
    }

    private static List<byte[]> CheckHeader(List<byte[]>? first, List<byte[]> header, string firstPart, string part)
    {
        if (first is null)
            return header.Count > 0 ? header : throw new CliUserException($"The first part '{part}' has no VCF header ('#' lines): it must be the chunk that starts at record 0.");
        if (header.Count > 0 && (first.Count != header.Count || first.Zip(header).Any(p => !p.First.AsSpan().SequenceEqual(p.Second))))
            throw new CliUserException($"The header of '{part}' differs from that of '{firstPart}': the parts came from different VCFs, models or settings; merge the parts of one run.");
        return first;
    }
}
