using System.Globalization;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A chromosome cross-validation: K folds, each holding out whole chromosomes for testing (so that
/// neighbouring and overlapping windows never straddle train and test), every chromosome with rows
/// tested by at most one fold. Fold models trained as independent jobs average into one ensemble
/// whose every row was held out by one member. The table is written and read as a TSV
/// (<see cref="Write"/>, <see cref="Read"/>) so that a run can be pinned and repeated elsewhere.
/// </summary>
public sealed class ChromosomeFolds
{
    /// <summary>The header line of the TSV form: fold number, then comma-separated test and validation chromosomes.</summary>
    public const string Header = "fold\ttest\tvalidation";

    private const string Component = nameof(ChromosomeFolds);

    private ChromosomeFolds(IReadOnlyList<ChromosomeFold> folds) => Folds = folds;

    /// <summary>The folds, in order of their <see cref="ChromosomeFold.Index"/> (0, 1, …).</summary>
    public IReadOnlyList<ChromosomeFold> Folds { get; }

    /// <summary>
    /// Balances the chromosomes holding rows of <paramref name="data"/> over <paramref name="folds"/> groups by
    /// row count: largest first (ties in <paramref name="genomeOrder"/>), each into the group with the fewest rows
    /// so far (ties: the lowest group). Fold i tests group i and, from 3 folds on, stops early on group
    /// (i + 1) mod K; with 2 folds there is no chromosome left for validation, so it has none.
    /// </summary>
    /// <param name="data">Rows with a text chromosome column, e.g. from <see cref="PeakTrainingData.Build(MLContext, Genome, PeakTrainingOptions)"/>.</param>
    /// <param name="folds">K, at least 2.</param>
    /// <param name="genomeOrder">The genome's chromosomes in its order (<see cref="Genome.Chromosomes"/>); breaks ties in row count so that the table does not depend on row order.</param>
    /// <param name="chromosomeColumn">The text column holding the chromosome.</param>
    /// <exception cref="ArgumentException">K is below 2, the data has rows on fewer than K chromosomes, or the column is missing or not text.</exception>
    public static ChromosomeFolds Balance(IDataView data, int folds, IEnumerable<string> genomeOrder, string chromosomeColumn = IntervalSequenceSchema.ChromosomeColumn)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(genomeOrder);
        if (folds < 2)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "A chromosome cross-validation needs at least 2 folds.");
        var counts = SplitCounter.Count(data, ChromosomeColumn(data, chromosomeColumn), label: null);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in genomeOrder) position.TryAdd(name, position.Count);
        // Chromosomes the genome list lacks come after it, in data order.
        foreach (string name in counts.Order) position.TryAdd(name, position.Count);
        if (counts.Order.Count < folds)
        {
            throw new ArgumentException(
                $"The data has rows on {counts.Order.Count} chromosome(s) ({string.Join(", ", counts.Order)}), fewer than the {folds} folds asked for; each fold tests at least one whole chromosome.",
                nameof(folds));
        }

        var groups = Enumerable.Range(0, folds).Select(_ => new List<string>()).ToArray();
        var rows = new long[folds];
        foreach (string chromosome in counts.Order.OrderByDescending(counts.Rows).ThenBy(c => position[c]))
        {
            int smallest = 0;
            for (int g = 1; g < folds; g++)
            {
                if (rows[g] < rows[smallest]) smallest = g;
            }
            groups[smallest].Add(chromosome);
            rows[smallest] += counts.Rows(chromosome);
        }
        var sorted = groups.Select(g => (IReadOnlyList<string>)[.. g.OrderBy(c => position[c])]).ToArray();
        return new ChromosomeFolds([.. Enumerable.Range(0, folds).Select(i =>
            new ChromosomeFold(i, sorted[i], folds >= 3 ? sorted[(i + 1) % folds] : []))]);
    }

    /// <summary>
    /// Reads a table written by <see cref="Write"/> (or by hand): the <see cref="Header"/> line, then one line per
    /// fold, numbered 0, 1, … in order, with comma-separated test chromosomes and validation chromosomes (may be empty).
    /// </summary>
    /// <param name="path">The TSV file.</param>
    /// <param name="knownChromosomes">The chromosomes a fold may name (those of the data); a name outside them is an error, not a silently empty part.</param>
    /// <exception cref="InvalidDataException">
    /// The header is wrong, a line does not have three fields, fold numbers are not 0, 1, … in order, a fold has no
    /// test chromosome, a chromosome is unknown, tested by two folds or named for both test and validation of a fold,
    /// or there are fewer than 2 folds; the message names the file and line.
    /// </exception>
    public static ChromosomeFolds Read(string path, IEnumerable<string> knownChromosomes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(knownChromosomes);
        var known = new HashSet<string>(knownChromosomes, StringComparer.Ordinal);
        var testedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        var folds = new List<ChromosomeFold>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            string where = $"{path} line {lineNumber}";
            if (lineNumber == 1)
            {
                if (line != Header)
                    throw new InvalidDataException($"{where}: the header must be '{Header.Replace("\t", "<tab>", StringComparison.Ordinal)}'.");
                continue;
            }
            if (line.Length == 0) continue;
            string[] fields = line.Split('\t');
            if (fields.Length != 3)
                throw new InvalidDataException($"{where}: expected 3 tab-separated fields (fold, test, validation), found {fields.Length}.");
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index != folds.Count)
                throw new InvalidDataException($"{where}: fold '{fields[0]}' is out of order; folds are numbered 0, 1, … one per line, and fold {folds.Count} comes next.");
            string[] test = List(fields[1]), validation = List(fields[2]);
            if (test.Length == 0)
                throw new InvalidDataException($"{where}: fold {index} has no test chromosome.");
            if (test.Concat(validation).FirstOrDefault(c => !known.Contains(c)) is { } unknown)
                throw new InvalidDataException($"{where}: chromosome '{unknown}' has no rows in the data (its chromosomes: {string.Join(", ", known)}; names are case-sensitive).");
            if (test.Intersect(validation, StringComparer.Ordinal).FirstOrDefault() is { } both)
                throw new InvalidDataException($"{where}: chromosome '{both}' is named for both test and validation of fold {index}.");
            foreach (string chromosome in test)
            {
                if (!testedBy.TryAdd(chromosome, index))
                    throw new InvalidDataException($"{where}: chromosome '{chromosome}' is already tested by fold {testedBy[chromosome]}; a chromosome is held out by one fold only.");
            }
            folds.Add(new ChromosomeFold(index, test, validation));
        }
        if (lineNumber == 0)
            throw new InvalidDataException($"{path} line 1: the file is empty; the header must be '{Header.Replace("\t", "<tab>", StringComparison.Ordinal)}'.");
        if (folds.Count < 2)
            throw new InvalidDataException($"{path} line {lineNumber}: the table has {folds.Count} fold(s); a chromosome cross-validation needs at least 2.");
        return new ChromosomeFolds(folds);
    }

    /// <summary>Writes the table in the form <see cref="Read"/> reads (LF line ends, so that it is the same file on every platform).</summary>
    /// <param name="path">The TSV file, replaced if it exists.</param>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, ToString());
    }

    /// <summary>The TSV form: <see cref="Header"/>, then one line per fold.</summary>
    public override string ToString() =>
        string.Concat(new[] { Header }.Concat(Folds.Select(Line)).Select(l => l + "\n"));

    /// <summary>One fold's line of the TSV form.</summary>
    /// <param name="fold">A fold of this table.</param>
    public static string Line(ChromosomeFold fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        return string.Create(CultureInfo.InvariantCulture, $"{fold.Index}\t{string.Join(",", fold.Test)}\t{string.Join(",", fold.Validation)}");
    }

    /// <summary>Splits <paramref name="data"/> for fold <paramref name="fold"/> (<see cref="ChromosomeSplit.Split"/>).</summary>
    /// <param name="data">The rows the table was made for.</param>
    /// <param name="fold">The fold, 0-based.</param>
    /// <param name="labelColumn">The label column counted for positives in the report.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such fold.</exception>
    /// <exception cref="ArgumentException">What <see cref="ChromosomeSplit.Split"/> refuses, e.g. no chromosome left for training.</exception>
    public ChromosomeSplitResult Split(IDataView data, int fold, string labelColumn = IntervalSequenceSchema.LabelColumn)
    {
        if (fold < 0 || fold >= Folds.Count)
            throw new ArgumentOutOfRangeException(nameof(fold), fold, $"The table has folds 0 to {Folds.Count - 1}.");
        var chosen = Folds[fold];
        return ChromosomeSplit.Split(data, chosen.Test, chosen.Validation.Count > 0 ? chosen.Validation : null, labelColumn: labelColumn);
    }

    private static DataViewSchema.Column ChromosomeColumn(IDataView data, string name)
    {
        var column = SchemaLookup.GetColumn(data.Schema, name, Component, "chromosomeColumn");
        if (!SchemaLookup.IsScalarText(column.Type))
            throw SchemaLookup.WrongType(name, Component, "text", SchemaLookup.Describe(column.Type), "chromosomeColumn");
        return column;
    }

    private static string[] List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
