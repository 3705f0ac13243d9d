using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet variants</c>: predicts the effect of each variant of a VCF with a saved sequence
/// model (<see cref="VariantEffects"/>): the model's outputs on windows carrying REF and ALT, their
/// difference and, for binary models, the log-odds difference, as TSV; optionally in-silico
/// mutagenesis around each variant and the VCF back with <c>CNN_*</c> INFO fields. Prints the counts
/// by outcome and the throughput.
/// </summary>
internal sealed class VariantsCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A sequence model saved by train or demo.", Required = true };
    private readonly Option<FileInfo> _vcf = new("--vcf") { HelpName = "FILE", Description = "The variants (VCF 4.0–4.3, .gz or bgzip accepted).", Required = true };
    private readonly GenomeFileOptions _genomeFile = new();
    private readonly Option<FileInfo?> _genome = GenomeOptions.GenomeOption("The genome FASTA (.gz accepted) the VCF's coordinates refer to; REF is checked against it.", required: true);
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The effects TSV to write (one row per ALT).", Required = true };
    private readonly Option<bool> _allowRefMismatch = new("--allow-ref-mismatch") { Description = "Skip variants whose REF is not the genome's (flag ref_mismatch) instead of refusing the file." };
    private readonly Option<bool> _flipSwapped = new("--flip-swapped") { Description = "Score swapped records (REF ≠ genome, ALT = genome) with the genome carrying ALT (flag swapped_flipped) instead of skipping them." };
    private readonly Option<bool> _bothStrands = new("--both-strands") { Description = "Average each window's prediction with its reverse complement's." };
    private readonly Option<int> _shifts = new Option<int>("--shifts") { HelpName = "K", Description = "Average over windows shifted by -K..K bases (default 0: no shifts).", DefaultValueFactory = _ => 0 }.AtLeast(0);
    private readonly Option<string?> _records = new("--records") { HelpName = "START:END", Description = "Score only VCF records START to END-1 (0-based, before splitting multi-allelic records); chunk outputs concatenate to the whole." };
    private readonly Option<int> _batchSize = new Option<int>("--batch-size") { HelpName = "N", Description = "Variants per batch through the model (default 256); chunks of one file must use the same value for byte-identical output.", DefaultValueFactory = _ => 256 }.AtLeast(1);
    private readonly Option<int?> _ismWindow = new Option<int?>("--ism-window") { HelpName = "W", Description = "In-silico mutagenesis of W positions centred on each variant, in the ref and alt windows." }.AtLeast(1);
    private readonly Option<FileInfo?> _ismOutput = new("--ism-out") { HelpName = "FILE", Description = "The mutagenesis TSV (default: <out>.ism.tsv); needs --ism-window." };
    private readonly Option<FileInfo?> _vcfOutput = new("--vcf-out") { HelpName = "FILE", Description = "Also write the VCF records with CNN_REF, CNN_ALT, CNN_DELTA and CNN_FLAG INFO fields." };

    private VariantsCommand(CliConsole console)
    {
        _console = console;
        _records.Validators.Add(result =>
        {
            if (!result.TryGiven(_records, out string? text) || text is null) return;
            try { VcfRecordRange.Parse(text); }
            catch (FormatException e) { result.AddError($"--records {e.Message}"); }
        });
    }

    public static Command Create(CliConsole console) => new VariantsCommand(console).Build();

    private Command Build()
    {
        var command = new Command("variants", "Predict the effect of VCF variants with a sequence model (REF vs ALT windows) and write a TSV.")
        {
            _model, _vcf, _genome, _output, _allowRefMismatch, _flipSwapped, _bothStrands, _shifts, _records, _batchSize, _ismWindow, _ismOutput, _vcfOutput,
        };
        _genomeFile.AddTo(command);
        command.Needs(_ismOutput, _ismWindow);
        command.SetAction(parse => CliErrors.Run(_console, () => Score(parse)));
        return command;
    }

    private int Score(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        var loaded = ModelFile.Load(ml, parse.GetValue(_model)!.FullName);
        using var genome = _genomeFile.Load(parse, parse.GetValue(_genome)!, _console);
        int? ismWindow = parse.GetValue(_ismWindow);
        var options = new VariantEffectOptions
        {
            AllowRefMismatch = parse.GetValue(_allowRefMismatch),
            FlipSwapped = parse.GetValue(_flipSwapped),
            BothStrands = parse.GetValue(_bothStrands),
            Shifts = parse.GetValue(_shifts),
            Records = parse.GetValue(_records) is { } range ? VcfRecordRange.Parse(range) : null,
            BatchSize = parse.GetValue(_batchSize),
            IsmWindow = ismWindow ?? 0,
        };
        string output = parse.GetValue(_output)!.FullName;
        string? ismOutput = ismWindow is null ? null : parse.GetValue(_ismOutput)?.FullName ?? output + ".ism.tsv";
        string? vcfOutput = parse.GetValue(_vcfOutput)?.FullName;
        string vcf = parse.GetValue(_vcf)!.FullName;
        // Malformed lines, unknown chromosomes, REF mismatches, a model that is not a sequence model: the user's to fix.
        var report = CliErrors.UserInput(() => VariantEffects.Write(ml, loaded, genome, vcf, options, output, ismOutput, vcfOutput));
        _console.Status($"wrote {output}" + (ismOutput is null ? "" : $", {ismOutput}") + (vcfOutput is null ? "" : $", {vcfOutput}"));
        _console.Line(Summary(report));
        return 0;
    }

    internal static string Summary(VariantEffectReport r)
    {
        var skipped = new List<string>();
        void Add(long count, string what) { if (count > 0) skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {what}")); }
        Add(r.Symbolic, "symbolic");
        Add(r.RefMismatches, "ref_mismatch");
        Add(r.Swapped, "swapped");
        Add(r.TooLong, "too_long");
        string flagged = string.Join(", ", new[] { (r.SwappedFlipped, "swapped_flipped"), (r.Padded, "padded"), (r.Duplicates, "duplicate") }
            .Where(c => c.Item1 > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Item1:N0} {c.Item2}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"variants: {r.Records:N0} record(s), {r.Variants:N0} variant(s); {r.Scored:N0} scored through the model ({string.Join(", ", r.OutputNames)} of {r.WindowLength}-bp windows); "
            + $"skipped: {(skipped.Count == 0 ? "none" : string.Join(", ", skipped))}; flagged: {(flagged.Length == 0 ? "none" : flagged)}; "
            + $"{r.Elapsed.TotalSeconds:F1} s, {r.VariantsPerSecond:N0} variants/s");
    }
}
