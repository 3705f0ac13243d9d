using System.IO.Compression;
using System.Text;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Real;

/// <summary>
/// One public, labelled biological sequence data set committed under <c>bench/RealData/</c>
/// (what each is, its source and licence: <c>bench/RealData/README.md</c>). The files are read
/// from the source tree, not copied next to the executable: <see cref="FilePath"/> walks up from
/// the executable's folder, then from the current directory, to the folder that holds
/// <c>Cnn.MLNet.sln</c>.
/// </summary>
/// <param name="Name">Short name, also the file's stem.</param>
/// <param name="FileName">The gzip TSV under <c>bench/RealData/</c>: header <c>Sequence, Label, Split</c>.</param>
/// <param name="Task">Binary (labels <c>true</c>/<c>false</c>) or multiclass (class names).</param>
/// <param name="Positional">True when the label depends on where a motif sits in the window (sequences are aligned on a site).</param>
/// <param name="SequenceLength">Every sequence's length.</param>
/// <param name="Metrics">The metrics to report, as ML.NET names them: <c>auc</c> and <c>accuracy</c> for binary, <c>microAccuracy</c> for multiclass.</param>
/// <param name="Classes">The labels that occur (binary: <c>true</c>, <c>false</c>).</param>
/// <param name="Description">One line for reports.</param>
public sealed record RealDataSet(
    string Name,
    string FileName,
    CnnTaskKind Task,
    bool Positional,
    int SequenceLength,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Classes,
    string Description)
{
    private static readonly string[] BinaryMetrics = ["auc", "accuracy"];
    private static readonly string[] MulticlassMetrics = ["microAccuracy"];
    private static readonly string[] BinaryClasses = ["true", "false"];

    /// <summary>UCI splice junctions: 60 bp, EI (donor) / IE (acceptor) / N, centred on the site.</summary>
    public static RealDataSet UciSplice { get; } = new(
        "uci-splice", "uci-splice.tsv.gz", CnnTaskKind.MulticlassClassification, Positional: true, 60,
        MulticlassMetrics, ["EI", "IE", "N"], "UCI primate splice junctions, 60 bp, EI/IE/N (3 classes), centred on the junction");

    /// <summary>Janggu's Oct4 (true) vs MafK (false) ChIP-seq peaks: 200 bp, motif anywhere.</summary>
    public static RealDataSet Oct4Mafk { get; } = new(
        "oct4-mafk", "oct4-mafk.tsv.gz", CnnTaskKind.BinaryClassification, Positional: false, 200,
        BinaryMetrics, BinaryClasses, "Oct4 (true) vs MafK (false) ChIP-seq peaks, human, 200 bp");

    /// <summary>PUM2 eCLIP binding sites (true) vs other transcript windows: 101 nt, DNA alphabet.</summary>
    public static RealDataSet Pum2Eclip { get; } = new(
        "pum2-eclip", "pum2-eclip.tsv.gz", CnnTaskKind.BinaryClassification, Positional: false, 101,
        BinaryMetrics, BinaryClasses, "PUM2 eCLIP binding site (true) or not, human transcripts, 101 nt (RNA written with T)");

    /// <summary>Arabidopsis TATA / non-TATA promoters and non-promoters: 251 nt, TSS at 201.</summary>
    public static RealDataSet ArabidopsisPromoters { get; } = new(
        "arabidopsis-promoters", "arabidopsis-promoters.tsv.gz", CnnTaskKind.MulticlassClassification, Positional: true, 251,
        MulticlassMetrics, ["TATA", "NONTATA", "NONPROM"], "Arabidopsis promoters, 251 nt (-200..+50 of the TSS), TATA/NONTATA/NONPROM (3 classes)");

    /// <summary>E. coli sigma-70 promoters (true) vs non-promoters: 81 nt, TSS at 61.</summary>
    public static RealDataSet EcoliPromoters { get; } = new(
        "ecoli-promoters", "ecoli-promoters.tsv.gz", CnnTaskKind.BinaryClassification, Positional: true, 81,
        BinaryMetrics, BinaryClasses, "E. coli sigma-70 promoter (true) vs non-promoter (false), 81 nt (-60..+20 of the TSS)");

    /// <summary>Every data set, in the order of the README's table.</summary>
    public static IReadOnlyList<RealDataSet> All { get; } = [UciSplice, Oct4Mafk, Pum2Eclip, ArabidopsisPromoters, EcoliPromoters];

    /// <summary>The data set called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No data set has that name.</exception>
    public static RealDataSet Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"No real data set '{name}'; known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));

    /// <summary>The file's full path in the source tree.</summary>
    /// <exception cref="DirectoryNotFoundException">No folder above the executable or the current directory holds Cnn.MLNet.sln.</exception>
    public string FilePath => Path.Combine(RepositoryRoot(), "bench", "RealData", FileName);

    /// <summary>
    /// Reads the file and returns its train and test rows as in-memory IDataViews with columns
    /// <c>Sequence</c> (text) and <c>Label</c> (Boolean for binary, text for multiclass), the
    /// types <c>Cnn.MLNet.Pipelines.SequenceModels</c> expects.
    /// </summary>
    /// <exception cref="InvalidDataException">A row is malformed; the message names the file and line.</exception>
    public RealDataSplit Load(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var (train, test) = ReadRows(FilePath);
        return Task == CnnTaskKind.BinaryClassification
            ? new RealDataSplit(
                ml.Data.LoadFromEnumerable(train.Select(r => new BinaryRow { Sequence = r.Sequence, Label = r.Label == "true" }).ToArray()),
                ml.Data.LoadFromEnumerable(test.Select(r => new BinaryRow { Sequence = r.Sequence, Label = r.Label == "true" }).ToArray()),
                train.Count, test.Count)
            : new RealDataSplit(
                ml.Data.LoadFromEnumerable(train.Select(r => new MulticlassRow { Sequence = r.Sequence, Label = r.Label }).ToArray()),
                ml.Data.LoadFromEnumerable(test.Select(r => new MulticlassRow { Sequence = r.Sequence, Label = r.Label }).ToArray()),
                train.Count, test.Count);
    }

    /// <summary>
    /// The file's rows, split: checks the header, three tab-separated fields per line, a sequence
    /// of <see cref="SequenceLength"/> letters, a label from <see cref="Classes"/> and a split of
    /// <c>train</c> or <c>test</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">A row is malformed; the message names the file and line.</exception>
    public (IReadOnlyList<RealDataRow> Train, IReadOnlyList<RealDataRow> Test) ReadRows(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Real data set '{Name}': {path} does not exist.", path);
        var train = new List<RealDataRow>();
        var test = new List<RealDataRow>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.ASCII);
        long line = 0;
        string? text;
        while ((text = reader.ReadLine()) != null)
        {
            line++;
            if (line == 1)
            {
                if (text != "Sequence\tLabel\tSplit") throw Malformed(path, line, $"expected the header 'Sequence<TAB>Label<TAB>Split', found '{Clip(text)}'");
                continue;
            }
            var fields = text.Split('\t');
            if (fields.Length != 3) throw Malformed(path, line, $"expected 3 tab-separated fields, found {fields.Length}");
            string sequence = fields[0], label = fields[1], split = fields[2];
            if (sequence.Length != SequenceLength) throw Malformed(path, line, $"the sequence has {sequence.Length} letters, expected {SequenceLength}");
            foreach (char c in sequence)
                if (c is < 'A' or > 'Z') throw Malformed(path, line, $"the sequence holds '{c}' (U+{(int)c:X4}); only upper-case letters are allowed");
            if (!Classes.Contains(label)) throw Malformed(path, line, $"label '{Clip(label)}' is not one of {string.Join(", ", Classes)}");
            var row = new RealDataRow(sequence, label);
            if (split == "train") train.Add(row);
            else if (split == "test") test.Add(row);
            else throw Malformed(path, line, $"split '{Clip(split)}' is neither 'train' nor 'test'");
        }
        if (line == 0) throw Malformed(path, 1, "the file is empty");
        if (train.Count == 0 || test.Count == 0) throw new InvalidDataException($"{path}: no {(train.Count == 0 ? "train" : "test")} rows.");
        return (train, test);
    }

    /// <summary>The folder holding Cnn.MLNet.sln, found by walking up from the executable's folder, then from the current directory.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither walk finds it.</exception>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Cnn.MLNet.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException(
            $"Cnn.MLNet.sln was not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; the real data sets are read from the source tree's bench/RealData/.");
    }

    private static InvalidDataException Malformed(string path, long line, string what) => new($"{path}:{line}: {what}.");

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A row of a binary data set, as <c>LoadFromEnumerable</c> reads it.</summary>
    public sealed class BinaryRow
    {
        /// <summary>The sequence, upper case.</summary>
        public string Sequence { get; set; } = "";

        /// <summary>True for the positive class.</summary>
        public bool Label { get; set; }
    }

    /// <summary>A row of a multiclass data set, as <c>LoadFromEnumerable</c> reads it.</summary>
    public sealed class MulticlassRow
    {
        /// <summary>The sequence, upper case.</summary>
        public string Sequence { get; set; } = "";

        /// <summary>The class name.</summary>
        public string Label { get; set; } = "";
    }
}

/// <summary>One row of a real data set file, label as written.</summary>
/// <param name="Sequence">The sequence, upper case.</param>
/// <param name="Label">The label text (<c>true</c>/<c>false</c> or a class name).</param>
public sealed record RealDataRow(string Sequence, string Label);

/// <summary>A real data set's train and test rows.</summary>
/// <param name="Train">Training rows: <c>Sequence</c> (text), <c>Label</c> (Boolean or text).</param>
/// <param name="Test">Test rows, same columns.</param>
/// <param name="TrainRows">Number of training rows.</param>
/// <param name="TestRows">Number of test rows.</param>
public sealed record RealDataSplit(IDataView Train, IDataView Test, int TrainRows, int TestRows);
