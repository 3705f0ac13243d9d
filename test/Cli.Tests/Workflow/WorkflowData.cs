using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Cli.Tests.Workflow;

/// <summary>
/// A small generated data set for the workflow: four chromosomes of random DNA with a motif
/// planted every 400 bases, an 8-bp peak and 50 bases of read coverage on each, sequences to predict, a VCF with the cases a
/// chunk edge can break (multi-allelic, symbolic, a duplicate far from its first copy) and a
/// labelled TSV for the search.
/// </summary>
internal static class WorkflowData
{
    public const string Motif = "CGACCGAACTCC";

    private static readonly (string Name, int Length)[] Chromosomes = [("chr1", 30_000), ("chr2", 24_000), ("chr3", 20_000), ("chr4", 16_000)];

    public static void Write(string folder)
    {
        string data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var random = new Random(22);
        var genome = new Dictionary<string, char[]>();
        var fasta = new StringBuilder();
        var bed = new StringBuilder();
        var coverage = new StringBuilder();
        foreach (var (name, length) in Chromosomes)
        {
            var bases = Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            for (int site = 200; site + 200 < length; site += 400)
            {
                int start = site + random.Next(-10, 11);
                Motif.CopyTo(0, bases, start, Motif.Length);
                bed.Append(CultureInfo.InvariantCulture, $"{name}\t{start + 2}\t{start + 10}\n");
                coverage.Append(CultureInfo.InvariantCulture, $"{name}\t{start - 20}\t{start + 30}\t{1 + random.Next(9)}\n");
            }
            genome[name] = bases;
            fasta.Append('>').Append(name).Append('\n');
            for (int i = 0; i < length; i += 70) fasta.Append(bases, i, Math.Min(70, length - i)).Append('\n');
        }
        File.WriteAllText(Path.Combine(data, "genome.fa"), fasta.ToString());
        File.WriteAllText(Path.Combine(data, "peaks.bed"), bed.ToString());
        File.WriteAllText(Path.Combine(data, "coverage.bedGraph"), coverage.ToString());
        File.WriteAllText(Path.Combine(data, "sequences.tsv"), Sequences(random, rows: 250, length: 100));
        File.WriteAllText(Path.Combine(data, "train.tsv"), LabelledSequences(random, rows: 240, length: 40));
        File.WriteAllText(Path.Combine(data, "calls.vcf"), Vcf(random, genome));
    }

    private static string Sequences(Random random, int rows, int length)
    {
        var text = new StringBuilder("Id\tSequence\n");
        for (int i = 0; i < rows; i++)
        {
            var bases = Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            if (i % 2 == 0) Motif.CopyTo(0, bases, random.Next(length - Motif.Length), Motif.Length);
            text.Append(CultureInfo.InvariantCulture, $"s{i}\t{new string(bases)}\n");
        }
        return text.ToString();
    }

    private static string LabelledSequences(Random random, int rows, int length)
    {
        var text = new StringBuilder("Sequence\tLabel\n");
        for (int i = 0; i < rows; i++)
        {
            var bases = Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            bool motif = random.Next(2) == 1;
            if (motif) Motif.CopyTo(0, bases, random.Next(length - Motif.Length), Motif.Length);
            text.Append(CultureInfo.InvariantCulture, $"{new string(bases)}\t{(motif ? 1 : 0)}\n");
        }
        return text.ToString();
    }

    // 30 records in genome order: SNVs with the genome's REF, a multi-allelic record, a deletion,
    // a symbolic ALT and, as record 27, a copy of record 3 (a duplicate in another chunk).
    private static string Vcf(Random random, Dictionary<string, char[]> genome)
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n");
        foreach (var (name, length) in Chromosomes) text.Append(CultureInfo.InvariantCulture, $"##contig=<ID={name},length={length}>\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        var records = new List<string>();
        foreach (var (name, length) in Chromosomes)
        {
            for (int k = 0; k < 7; k++)
            {
                int position = 500 + (k * (length - 1000) / 7) + random.Next(50); // 1-based
                char reference = genome[name][position - 1];
                char alternative = "ACGT".Where(b => b != reference).ElementAt(random.Next(3));
                string alt = records.Count switch { 5 => $"{alternative},{"ACGT".First(b => b != reference && b != alternative)}", 11 => "<DEL>", _ => alternative.ToString() };
                string refText = records.Count == 8 ? new string(genome[name], position - 1, 3) : reference.ToString();
                if (records.Count == 8) alt = reference.ToString();
                records.Add($"{name}\t{position}\tv{records.Count}\t{refText}\t{alt}\t.\tPASS\t.");
            }
        }
        records.Insert(27, records[3].Replace("\tv3\t", "\tv3copy\t", StringComparison.Ordinal));
        records.RemoveAt(records.Count - 1);
        foreach (string record in records) text.Append(record).Append('\n');
        return text.ToString();
    }
}
