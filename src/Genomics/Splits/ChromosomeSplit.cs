using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Splits genomic rows by whole chromosomes (the usual hold-out for genomics: neighbouring and
/// overlapping windows never straddle train and test). The parts are filtering views over the data,
/// read through on every pass; one counting pass over the data checks the names and fills the report.
/// </summary>
public static class ChromosomeSplit
{
    private const string Component = nameof(ChromosomeSplit);

    /// <summary>
    /// Splits <paramref name="data"/> by its text <paramref name="chromosomeColumn"/>: rows of
    /// <paramref name="testChromosomes"/> go to test, rows of <paramref name="validationChromosomes"/> to
    /// validation, the rest to train. Positives (label true or above 0; per task for a vector label)
    /// are counted from <paramref name="labelColumn"/> when it is Boolean, Single or a vector of Single.
    /// </summary>
    /// <param name="data">Rows with a chromosome column, e.g. from <see cref="IntervalSequences.Load"/>.</param>
    /// <param name="testChromosomes">The test chromosomes (at least one; case-sensitive).</param>
    /// <param name="validationChromosomes">The validation chromosomes, or null/empty for no validation part.</param>
    /// <param name="chromosomeColumn">The text column holding the chromosome.</param>
    /// <param name="labelColumn">The label column counted for positives (optional in the data).</param>
    /// <exception cref="ArgumentException">
    /// No test chromosome is named; a chromosome is named for both test and validation; a named
    /// chromosome has no rows in the data (a typo would otherwise leave a part silently empty); no
    /// rows are left for training; or the chromosome column is missing or not text.
    /// </exception>
    public static ChromosomeSplitResult Split(IDataView data, IEnumerable<string> testChromosomes, IEnumerable<string>? validationChromosomes = null,
        string chromosomeColumn = IntervalSequenceSchema.ChromosomeColumn, string labelColumn = IntervalSequenceSchema.LabelColumn)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testChromosomes);
        var test = testChromosomes.Distinct(StringComparer.Ordinal).ToArray();
        var validation = (validationChromosomes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (test.Length == 0)
            throw new ArgumentException("Name at least one test chromosome.", nameof(testChromosomes));
        var both = test.Intersect(validation, StringComparer.Ordinal).ToArray();
        if (both.Length > 0)
            throw new ArgumentException($"The chromosome(s) {Quote(both)} are named for both test and validation; a chromosome belongs to one part only.", nameof(validationChromosomes));

        var chromosome = SchemaLookup.GetColumn(data.Schema, chromosomeColumn, Component, nameof(chromosomeColumn));
        if (!SchemaLookup.IsScalarText(chromosome.Type))
            throw SchemaLookup.WrongType(chromosomeColumn, Component, "text", SchemaLookup.Describe(chromosome.Type), nameof(chromosomeColumn));

        var counts = SplitCounter.Count(data, chromosome, data.Schema.GetColumnOrNull(labelColumn));
        var missing = test.Concat(validation).Where(c => !counts.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"The chromosome(s) {Quote(missing)} have no rows in the data (its chromosomes: {Quote(counts.Order)}; names are case-sensitive).",
                validation.Intersect(missing).Any() && !test.Intersect(missing).Any() ? nameof(validationChromosomes) : nameof(testChromosomes));
        }
        var held = new HashSet<string>(test.Concat(validation), StringComparer.Ordinal);
        var train = counts.Order.Where(c => !held.Contains(c)).ToArray();
        if (train.Length == 0)
            throw new ArgumentException("Every chromosome of the data is named for test or validation; none is left for training.", nameof(testChromosomes));

        var parts = new List<SplitPartCount> { counts.Part("train", train) };
        if (validation.Length > 0)
            parts.Add(counts.Part("validation", validation));
        parts.Add(counts.Part("test", test));
        var report = new SplitReport(counts.TaskNames, parts);

        return new ChromosomeSplitResult(
            new ChromosomeFilterDataView(data, chromosome, train),
            validation.Length > 0 ? new ChromosomeFilterDataView(data, chromosome, validation) : null,
            new ChromosomeFilterDataView(data, chromosome, test),
            report);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
