namespace Cnn.MLNet.Genomics;

/// <summary>What an ALT allele is: spelled-out bases, which can be scored, or a symbolic allele, which cannot.</summary>
public static class VcfAlleles
{
    /// <summary>
    /// Whether <paramref name="alt"/> is symbolic rather than bases: a structural allele (<c>&lt;DEL&gt;</c>,
    /// the gVCF <c>&lt;*&gt;</c> / <c>&lt;NON_REF&gt;</c>), the overlapping-deletion allele <c>*</c>, a
    /// breakend (<c>G]17:198982]</c>, <c>.A</c>) or the missing value <c>.</c>. These carry no sequence
    /// to put in a window, so they are skipped and counted.
    /// </summary>
    public static bool IsSymbolic(string alt)
    {
        ArgumentNullException.ThrowIfNull(alt);
        return alt.Length == 0 || alt[0] == '<' || alt == "*" || alt.Contains('[') || alt.Contains(']') || alt.Contains('.');
    }

    /// <summary>Whether <paramref name="allele"/> is one or more of A, C, G, T, N (either case).</summary>
    internal static bool IsBases(string allele)
    {
        if (allele.Length == 0) return false;
        foreach (char c in allele)
        {
            if (c is not ('A' or 'C' or 'G' or 'T' or 'N' or 'a' or 'c' or 'g' or 't' or 'n'))
                return false;
        }
        return true;
    }
}
