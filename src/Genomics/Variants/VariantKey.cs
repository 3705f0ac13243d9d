using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What makes two variants the same: chromosome, position, REF and ALT (case-insensitive). Held as
/// the 128-bit XxHash of that text, so the duplicate index of a file of millions of variants costs
/// about 40 bytes per variant instead of a string each; two different variants share a hash with
/// probability about n²/2¹²⁹ (10⁻²⁵ for ten million).
/// </summary>
internal static class VariantKey
{
    public static UInt128 Of(VcfRecord record, string alt)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{record.Chromosome}\t{record.Position}\t{record.Ref.ToUpperInvariant()}\t{alt.ToUpperInvariant()}");
        return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));
    }
}
