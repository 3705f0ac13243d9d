using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>Whether a line (without its line break) belongs to a file's leading header.</summary>
internal delegate bool HeaderLineTest(ReadOnlySpan<byte> text);

/// <summary>A check on one data line of a part, which throws naming <see cref="RawLineReader.Where"/> when the line does not fit.</summary>
internal delegate void DataLineCheck(RawLineReader reader, ReadOnlySpan<byte> line);

/// <summary>
/// How a merge treats the leading header lines of its parts (bedGraph <c>track</c>/<c>browser</c>/<c>#</c>
/// lines, VCF <c>#</c> lines). The first part's header is written once; a later part's header is
/// dropped but must be byte-equal to the first's, since another header means another model, input or
/// settings.
/// </summary>
/// <param name="IsHeader">Which leading lines are header lines.</param>
/// <param name="LaterMayOmit">Whether a later part may have no header at all (VCF chunks not starting at record 0).</param>
/// <param name="Differs">The message for a later part (second argument) whose header differs from the first part's (first argument).</param>
/// <param name="FirstMissing">The message for a first part without a header, or null when one without is fine.</param>
internal sealed record HeaderedParts(HeaderLineTest IsHeader, bool LaterMayOmit, Func<string, string, string> Differs, Func<string, string>? FirstMissing = null)
{
    /// <summary>Copies the first part's header, then every part's data lines in order (each through <paramref name="check"/> when given).</summary>
    /// <exception cref="CliUserException">A header differs from the first part's, or is missing where the rule needs one.</exception>
    public void Join(IReadOnlyList<string> parts, MergeOutput output, DataLineCheck? check = null)
    {
        List<byte[]>? header = null;
        foreach (string part in parts)
        {
            using var reader = new RawLineReader(part);
            var partHeader = new List<byte[]>();
            bool inHeader = true;
            while (reader.TryRead(out var line))
            {
                if (inHeader && IsHeader(RawLineReader.Text(line)))
                {
                    partHeader.Add(RawLineReader.Text(line).ToArray());
                    if (header is null) output.Write(line, part);
                    continue;
                }
                if (inHeader) header = Check(header, partHeader, parts[0], part);
                inHeader = false;
                check?.Invoke(reader, line);
                output.Write(line, part);
            }
            if (inHeader) header = Check(header, partHeader, parts[0], part);
        }
    }

    private List<byte[]> Check(List<byte[]>? first, List<byte[]> header, string firstPart, string part)
    {
        if (first is null)
            return header.Count > 0 || FirstMissing is null ? header : throw new CliUserException(FirstMissing(part));
        if (header.Count == 0 && LaterMayOmit) return first;
        if (first.Count != header.Count || first.Zip(header).Any(p => !p.First.AsSpan().SequenceEqual(p.Second)))
            throw new CliUserException(Differs(firstPart, part));
        return first;
    }
}
