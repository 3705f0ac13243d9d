using System.Text;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Variant effect prediction: scores each variant of a VCF with a fitted sequence model as the
/// model's outputs on a window carrying REF and a window carrying ALT (<see cref="VariantWindows"/>
/// for placement), with their difference and, for binary models, the difference of log-odds.
/// REF is checked against the genome; swapped, mismatched, symbolic, too-long and duplicate
/// variants are flagged (<see cref="VariantFlags"/>). Scoring is batched, and each variant's numbers
/// are independent of its batch, so a file scored in record ranges (<see cref="VariantEffectOptions.Records"/>)
/// concatenates to the output of one run, byte for byte. See docs/VARIANTS.md.
/// </summary>
public static class VariantEffects
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Scores the variants of <paramref name="vcfPath"/> and returns every effect, in input order (for files that fit in memory; see <see cref="Write(MLContext, ITransformer, Genome, string, VariantEffectOptions, TextWriter, TextWriter?, TextWriter?)"/>).</summary>
    /// <param name="ml">The context the model was loaded or trained with.</param>
    /// <param name="model">A fitted sequence pipeline: a one-hot DNA/RNA encoder of a text column, then a CNN.</param>
    /// <param name="genome">The genome the VCF's coordinates refer to.</param>
    /// <param name="vcfPath">The VCF (optionally gzip- or BGZF-compressed).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The VCF does not exist.</exception>
    /// <exception cref="FormatException">
    /// A VCF line is malformed, names a chromosome the genome lacks, or (unless
    /// <see cref="VariantEffectOptions.AllowRefMismatch"/>) has a REF that is not the genome's; the
    /// message names the file and line(s).
    /// </exception>
    /// <exception cref="ArgumentException">The model is not a sequence model, or an option is out of range.</exception>
    public static (IReadOnlyList<VariantEffect> Effects, VariantEffectReport Report) Score(MLContext ml, ITransformer model, Genome genome, string vcfPath, VariantEffectOptions? options = null)
    {
        var effects = new List<VariantEffect>();
        var report = VariantEffectRun.Run(ml, model, genome, vcfPath, options ?? new VariantEffectOptions(), effects.Add, null, null);
        return (effects, report);
    }

    /// <summary>
    /// Scores the variants of <paramref name="vcfPath"/>, streaming the effects as TSV to
    /// <paramref name="effects"/> (and, if given, mutagenesis rows to <paramref name="ism"/> and the
    /// annotated records to <paramref name="vcf"/>); the writers are flushed and left open. Headers
    /// are written only when the range starts at record 0, so chunk outputs concatenate.
    /// </summary>
    /// <param name="ml">The context the model was loaded or trained with.</param>
    /// <param name="model">A fitted sequence pipeline: a one-hot DNA/RNA encoder of a text column, then a CNN.</param>
    /// <param name="genome">The genome the VCF's coordinates refer to.</param>
    /// <param name="vcfPath">The VCF (optionally gzip- or BGZF-compressed).</param>
    /// <param name="options">Settings.</param>
    /// <param name="effects">Receives the effects TSV.</param>
    /// <param name="ism">Receives in-silico mutagenesis rows (needs <see cref="VariantEffectOptions.IsmWindow"/> &gt; 0), or null.</param>
    /// <param name="vcf">Receives the VCF records of the range with <c>CNN_*</c> INFO fields, or null.</param>
    /// <returns>Counts by outcome and throughput.</returns>
    /// <exception cref="FileNotFoundException">The VCF does not exist.</exception>
    /// <exception cref="FormatException">A VCF line is malformed, names an unknown chromosome, or has a REF that is not the genome's (unless allowed).</exception>
    public static VariantEffectReport Write(MLContext ml, ITransformer model, Genome genome, string vcfPath, VariantEffectOptions options,
        TextWriter effects, TextWriter? ism, TextWriter? vcf)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(effects);
        var outputs = VariantOutputs.Of(model);
        bool first = (options.Records?.Start ?? 0) == 0;
        var tsv = new VariantEffectTsvWriter(effects, outputs);
        var ismTsv = ism is null ? null : new VariantIsmTsvWriter(ism);
        var vcfWriter = vcf is null ? null : new VariantVcfWriter(vcf, outputs, first);
        if (first)
        {
            tsv.WriteHeader();
            ismTsv?.WriteHeader();
        }
        var report = VariantEffectRun.Run(ml, model, genome, vcfPath, options,
            effect => { tsv.Write(effect); vcfWriter?.Write(effect); },
            ismTsv is null ? null : ismTsv.Write,
            vcfWriter?.Header);
        vcfWriter?.Finish();
        effects.Flush();
        ism?.Flush();
        return report;
    }

    /// <summary>
    /// As <see cref="Write(MLContext, ITransformer, Genome, string, VariantEffectOptions, TextWriter, TextWriter?, TextWriter?)"/>,
    /// into files written atomically (each a temporary file renamed into place when complete).
    /// </summary>
    /// <param name="ml">The context the model was loaded or trained with.</param>
    /// <param name="model">A fitted sequence pipeline: a one-hot DNA/RNA encoder of a text column, then a CNN.</param>
    /// <param name="genome">The genome the VCF's coordinates refer to.</param>
    /// <param name="vcfPath">The VCF (optionally gzip- or BGZF-compressed).</param>
    /// <param name="options">Settings.</param>
    /// <param name="effectsPath">The effects TSV to write.</param>
    /// <param name="ismPath">The mutagenesis TSV to write, or null.</param>
    /// <param name="vcfOutPath">The annotated VCF to write, or null.</param>
    /// <returns>Counts by outcome and throughput.</returns>
    /// <exception cref="FileNotFoundException">The VCF does not exist.</exception>
    /// <exception cref="FormatException">A VCF line is malformed, names an unknown chromosome, or has a REF that is not the genome's (unless allowed).</exception>
    public static VariantEffectReport Write(MLContext ml, ITransformer model, Genome genome, string vcfPath, VariantEffectOptions options,
        string effectsPath, string? ismPath, string? vcfOutPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(effectsPath);
        VariantEffectReport? report = null;
        AtomicFile.Write(effectsPath, effectStream => Optional(ismPath, ism => Optional(vcfOutPath, vcf =>
        {
            using var effects = new StreamWriter(effectStream, Utf8, 1 << 16, leaveOpen: true);
            report = Write(ml, model, genome, vcfPath, options, effects, ism, vcf);
        })));
        return report!;
    }

    private static void Optional(string? path, Action<TextWriter?> write)
    {
        if (path is null)
        {
            write(null);
            return;
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
            write(writer);
        });
    }
}
