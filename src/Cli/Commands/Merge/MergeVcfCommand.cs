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

    private static readonly HeaderedParts Headers = new(
        text => text.StartsWith("#"u8),
        LaterMayOmit: true,
        (firstPart, part) => $"The header of '{part}' differs from that of '{firstPart}': the parts came from different VCFs, models or settings; merge the parts of one run.",
        part => $"The first part '{part}' has no VCF header ('#' lines): it must be the chunk that starts at record 0.");

    private static void Merge(IReadOnlyList<string> parts, MergeOutput output) => Headers.Join(parts, output);
}
