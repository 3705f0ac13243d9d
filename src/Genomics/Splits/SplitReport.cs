using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>The rows and positives of each part of a <see cref="ChromosomeSplit"/>.</summary>
public sealed class SplitReport
{
    internal SplitReport(IReadOnlyList<string>? taskNames, IReadOnlyList<SplitPartCount> parts)
    {
        TaskNames = taskNames;
        Parts = parts;
    }

    /// <summary>The task names of a vector label (slot names, or <c>task1</c>, …); null for a scalar label or none.</summary>
    public IReadOnlyList<string>? TaskNames { get; }

    /// <summary>Train, then validation (when asked for), then test.</summary>
    public IReadOnlyList<SplitPartCount> Parts { get; }

    /// <summary>The part called <paramref name="name"/> (<c>train</c>, <c>validation</c> or <c>test</c>), or null.</summary>
    public SplitPartCount? this[string name] => Parts.FirstOrDefault(p => p.Part == name);

    /// <summary>A table: part, rows, positives (one column per task for a vector label), chromosomes.</summary>
    public override string ToString()
    {
        string[] positiveHeaders = TaskNames is { } tasks ? tasks.Select(t => $"+{t}").ToArray() : ["positives"];
        var header = new List<string> { "part", "rows" };
        header.AddRange(positiveHeaders);
        header.Add("chromosomes");
        var rows = new List<string[]> { header.ToArray() };
        foreach (var part in Parts)
        {
            var row = new List<string> { part.Part, part.Rows.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(part.Positives is { } p
                ? p.Select(v => v.ToString(CultureInfo.InvariantCulture))
                : positiveHeaders.Select(_ => "-"));
            row.Add(string.Join(",", part.Chromosomes));
            rows.Add(row.ToArray());
        }
        int[] widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0)
                    text.Append("  ");
                bool last = i == row.Length - 1;
                text.Append(i == 0 || last ? (last ? row[i] : row[i].PadRight(widths[i])) : row[i].PadLeft(widths[i]));
            }
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}

/// <summary>The counts of one part of a chromosome split.</summary>
/// <param name="Part"><c>train</c>, <c>validation</c> or <c>test</c>.</param>
/// <param name="Chromosomes">The chromosomes with rows in this part, in data order.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Positives">
/// Rows with a positive label (true, or above 0), one entry for a scalar label or one per task for a
/// vector label; null when there is no Boolean or numeric <c>Label</c> column.
/// </param>
public sealed record SplitPartCount(string Part, IReadOnlyList<string> Chromosomes, long Rows, IReadOnlyList<long>? Positives);
