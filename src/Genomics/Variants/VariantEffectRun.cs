using System.Diagnostics;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// One streaming pass of variant-effect prediction: reads the records of the range, decides each
/// variant's flags, queues the allele sequences of those to score, scores them in fixed-shape
/// batches (<see cref="VariantBatchScorer"/>), and hands the effects (and any mutagenesis rows) on
/// in input order. Only a batch of variants is held at a time, plus the scores of variants that
/// recur, for their copies.
/// </summary>
internal sealed class VariantEffectRun
{
    private sealed class Slot
    {
        public float[]? Ref, Alt;
        public VariantIsmPlan? RefIsm, AltIsm;
    }

    private sealed record Pending(VcfRecord Record, int Alt, VariantFlags Flags, Slot? Slot, bool Ism);

    private readonly Genome _genome;
    private readonly VariantEffectOptions _options;
    private readonly VariantOutputs _outputs;
    private readonly VariantBatchScorer _scorer;
    private readonly VariantPlan _plan;
    private readonly Dictionary<UInt128, Slot> _recurring = new();
    private readonly List<Pending> _pending = [];
    private readonly string?[] _batch;
    private readonly Action<float[]>?[] _results;
    private readonly VariantBatchScorer? _ismScorer;
    private readonly Action<VariantEffect> _effect;
    private readonly Action<VariantIsm>? _ism;
    private long _records, _variants, _scored, _padded, _tooLong, _swapped, _flipped, _mismatches, _duplicates, _symbolic;

    private VariantEffectRun(Genome genome, VariantEffectOptions options, VariantOutputs outputs, VariantBatchScorer scorer, VariantBatchScorer? ismScorer,
        VariantPlan plan, Action<VariantEffect> effect, Action<VariantIsm>? ism)
    {
        _batch = new string?[scorer.Capacity];
        _results = new Action<float[]>?[scorer.Capacity];
        _ismScorer = ismScorer;
        _genome = genome;
        _options = options;
        _outputs = outputs;
        _scorer = scorer;
        _plan = plan;
        _effect = effect;
        _ism = ism;
    }

    /// <summary>Scores the VCF; <paramref name="header"/>, if given, receives the VCF's header lines before the first effect.</summary>
    public static VariantEffectReport Run(MLContext ml, ITransformer model, Genome genome, string vcfPath, VariantEffectOptions options,
        Action<VariantEffect> effect, Action<VariantIsm>? ism, List<string>? header)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentException.ThrowIfNullOrWhiteSpace(vcfPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var outputs = VariantOutputs.Of(model);
        var range = options.Records ?? new VcfRecordRange(0, long.MaxValue);
        var plan = VariantPlan.Read(vcfPath, genome, range, options.AllowRefMismatch, options.MismatchesListed);
        var scorer = new VariantBatchScorer(ml, model, outputs, 2 * options.BatchSize, options.Shifts, options.BothStrands);
        // Mutagenesis scores one variant's mutants per call, at most 4 per position and allele, at fixed rows.
        var ismScorer = ism is not null && options.IsmWindow > 0
            ? new VariantBatchScorer(ml, model, outputs, 2 * 4 * Math.Min(options.IsmWindow, outputs.Model.Length), options.Shifts, options.BothStrands)
            : null;
        var run = new VariantEffectRun(genome, options, outputs, scorer, ismScorer, plan, effect, ism);
        foreach (var record in VcfFile.Enumerate(vcfPath, header))
        {
            if (record.Index >= range.End) break;
            if (!range.Contains(record.Index)) continue;
            run.Add(record);
        }
        run.Flush();
        clock.Stop();
        return run.Report(clock.Elapsed);
    }

    private void Add(VcfRecord record)
    {
        _records++;
        for (int a = 0; a < record.Alts.Count; a++)
        {
            _variants++;
            _pending.Add(Classify(record, a));
        }
    }

    private Pending Classify(VcfRecord record, int a)
    {
        string alt = record.Alts[a];
        if (VcfAlleles.IsSymbolic(alt))
        {
            _symbolic++;
            return new Pending(record, a, VariantFlags.Symbolic, null, false);
        }
        var key = VariantKey.Of(record, alt);
        var flags = VariantFlags.None;
        if (_plan.IsDuplicate(key, record.Index, a))
        {
            flags |= VariantFlags.Duplicate;
            _duplicates++;
        }
        var match = VariantRefCheck.Of(_genome, record, alt);
        bool flip = match == VariantRefMatch.Swapped && _options.FlipSwapped;
        if (match == VariantRefMatch.Mismatch)
        {
            _mismatches++;
            return new Pending(record, a, flags | VariantFlags.RefMismatch, null, false);
        }
        if (match == VariantRefMatch.Swapped && !flip)
        {
            _swapped++;
            return new Pending(record, a, flags | VariantFlags.Swapped, null, false);
        }
        if (flip)
        {
            _flipped++;
            flags |= VariantFlags.SwappedFlipped;
        }
        int length = _outputs.Model.Length;
        if (record.Ref.Length > length || alt.Length > length)
        {
            _tooLong++;
            return new Pending(record, a, flags | VariantFlags.TooLong, null, false);
        }

        int genomeLength = flip ? alt.Length : record.Ref.Length;
        long start = record.Position - 1;
        // The allele the genome carries is cut from the genome (its soft-masking kept), the other is
        // written upper-case: VCF case means nothing, and copies that differ only in case (duplicates)
        // must give the same windows, or a chunk would score a copy differently from the whole run.
        string refAllele = flip ? record.Ref.ToUpperInvariant() : _genome.Slice(record.Chromosome, start, record.Ref.Length);
        string altAllele = flip ? _genome.Slice(record.Chromosome, start, alt.Length) : alt.ToUpperInvariant();
        string refSequence = VariantWindows.Extended(_genome, record.Chromosome, start, refAllele, genomeLength, length, _options.Shifts, out bool refPadded);
        string altSequence = VariantWindows.Extended(_genome, record.Chromosome, start, altAllele, genomeLength, length, _options.Shifts, out bool altPadded);
        if (refPadded || altPadded)
        {
            _padded++;
            flags |= VariantFlags.Padded;
        }
        if (_recurring.TryGetValue(key, out var known))
            return new Pending(record, a, flags, known, false);

        var slot = new Slot();
        if (_plan.Recurs(key)) _recurring[key] = slot;
        _scored++;
        // The variant's rows in the batch follow from its record and ALT, never from its neighbours
        // (see VariantBatchScorer), so a range scores it at the rows the whole file does.
        int row = (int)((record.Index + a) % _options.BatchSize) * 2;
        if (_batch[row] is not null || _batch[row + 1] is not null)
            Flush();
        _batch[row] = refSequence;
        _results[row] = scores => slot.Ref = scores;
        _batch[row + 1] = altSequence;
        _results[row + 1] = scores => slot.Alt = scores;
        // Mutagenesis for first copies only, so a chunk writes the rows the whole run writes for its records.
        bool ism = _ismScorer is not null && !flags.HasFlag(VariantFlags.Duplicate);
        if (ism)
        {
            var mutants = new List<(string Sequence, Action<float> Result)>();
            slot.RefIsm = VariantIsmPlan.Build("ref", refSequence, _options.Shifts, length, VariantWindows.LeftFlank(length, record.Ref.Length), record.Ref.Length, _options.IsmWindow, mutants);
            slot.AltIsm = VariantIsmPlan.Build("alt", altSequence, _options.Shifts, length, VariantWindows.LeftFlank(length, alt.Length), alt.Length, _options.IsmWindow, mutants);
            ScoreMutants(mutants);
        }
        return new Pending(record, a, flags, slot, ism);
    }

    private void ScoreMutants(List<(string Sequence, Action<float> Result)> mutants)
    {
        var sequences = new string?[_ismScorer!.Capacity];
        var results = new float[_ismScorer.Capacity * _outputs.Count];
        for (int i = 0; i < mutants.Count; i++) sequences[i] = mutants[i].Sequence;
        _ismScorer.Score(sequences, results);
        for (int i = 0; i < mutants.Count; i++) mutants[i].Result(results[i * _outputs.Count]);
    }

    private void Flush()
    {
        int count = _outputs.Count;
        if (Array.Exists(_batch, s => s is not null))
        {
            var results = new float[_scorer.Capacity * count];
            _scorer.Score(_batch, results);
            for (int i = 0; i < _batch.Length; i++)
                _results[i]?.Invoke(results.AsSpan(i * count, count).ToArray());
            Array.Clear(_batch);
            Array.Clear(_results);
        }

        foreach (var p in _pending)
        {
            var effect = new VariantEffect(p.Record, p.Alt, p.Flags, p.Slot?.Ref, p.Slot?.Alt);
            _effect(effect);
            if (p.Ism && _ism is not null)
            {
                foreach (var row in p.Slot!.RefIsm!.Rows(effect, effect.RefScores![0]).Concat(p.Slot.AltIsm!.Rows(effect, effect.AltScores![0])))
                    _ism(row);
            }
        }
        _pending.Clear();
    }

    private VariantEffectReport Report(TimeSpan elapsed) => new()
    {
        Records = _records,
        Variants = _variants,
        Scored = _scored,
        Padded = _padded,
        TooLong = _tooLong,
        Swapped = _swapped,
        SwappedFlipped = _flipped,
        RefMismatches = _mismatches,
        Duplicates = _duplicates,
        Symbolic = _symbolic,
        WindowLength = _outputs.Model.Length,
        OutputNames = _outputs.Names,
        IsProbability = _outputs.IsProbability,
        Elapsed = elapsed,
    };
}
