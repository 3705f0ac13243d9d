using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What makes two variants the same: chromosome, position, REF and ALT (case-insensitive), as one
/// string so millions of them cost one object each in the duplicate index.
/// </summary>
internal static class VariantKey
{
    public static string Of(VcfRecord record, string alt) =>
        string.Create(CultureInfo.InvariantCulture, $"{record.Chromosome}\t{record.Position}\t{record.Ref.ToUpperInvariant()}\t{alt.ToUpperInvariant()}");
}
