namespace Cnn.MLNet.Genomics;

/// <summary>Why a variant's scores are what they are (or are missing). Written as the <c>flag</c> column, several joined by <c>;</c>.</summary>
[Flags]
public enum VariantFlags
{
    /// <summary>Scored normally (written <c>.</c>).</summary>
    None = 0,

    /// <summary><c>padded</c>: a window reaches past a chromosome end and is filled with N there; still scored.</summary>
    Padded = 1,

    /// <summary><c>too_long</c>: REF or ALT is longer than the model's input; not scored.</summary>
    TooLong = 2,

    /// <summary><c>swapped</c>: REF differs from the genome but ALT matches it (REF and ALT swapped); not scored.</summary>
    Swapped = 4,

    /// <summary><c>swapped_flipped</c>: a swapped record scored with the genome carrying ALT (<see cref="VariantEffectOptions.FlipSwapped"/>).</summary>
    SwappedFlipped = 8,

    /// <summary><c>ref_mismatch</c>: REF differs from the genome (and ALT does too); not scored (<see cref="VariantEffectOptions.AllowRefMismatch"/>).</summary>
    RefMismatch = 16,

    /// <summary><c>duplicate</c>: the same chromosome, position, REF and ALT as an earlier record of the file; carries that record's scores.</summary>
    Duplicate = 32,

    /// <summary><c>symbolic</c>: a symbolic ALT (<see cref="VcfAlleles.IsSymbolic"/>); not scored.</summary>
    Symbolic = 64,
}

/// <summary>The text of <see cref="VariantFlags"/> in the output files.</summary>
public static class VariantFlagNames
{
    private static readonly (VariantFlags Flag, string Name)[] Names =
    [
        (VariantFlags.Symbolic, "symbolic"), (VariantFlags.RefMismatch, "ref_mismatch"), (VariantFlags.Swapped, "swapped"),
        (VariantFlags.SwappedFlipped, "swapped_flipped"), (VariantFlags.TooLong, "too_long"), (VariantFlags.Padded, "padded"),
        (VariantFlags.Duplicate, "duplicate"),
    ];

    /// <summary>The flags' names joined by <paramref name="separator"/> in a fixed order, or <c>.</c> for none.</summary>
    public static string Format(VariantFlags flags, char separator = ';')
    {
        if (flags == VariantFlags.None) return ".";
        return string.Join(separator, Names.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Name));
    }
}
