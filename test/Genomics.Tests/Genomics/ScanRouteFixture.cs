using System.Text;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// Tiny models of every scanned kind (one epoch each: only their outputs are compared, not their
/// skill) and a tiny genome holding what the encoding treats specially: soft-masked (lowercase)
/// stretches, IUPAC codes in both cases, and chromosomes shorter than a window or ending mid-window,
/// so windows run past the end (N-padded). Scoring batches of 16 put batch boundaries mid-chromosome.
/// </summary>
public sealed class ScanRouteFixture : IDisposable
{
    public const int Length = 30;

    public ScanRouteFixture()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var random = new Random(11);
        var chr1 = Bases(random, 157);
        for (int i = 20; i < 60; i++) chr1[i] = char.ToLowerInvariant(chr1[i]);
        "RYKMSWBDHVN".CopyTo(chr1.AsSpan(70));
        "nnrykmswbdhv".CopyTo(chr1.AsSpan(100));
        var chr2 = Bases(random, 41);
        "acgtNN".CopyTo(chr2.AsSpan(33));
        Genome = Genome.Load(WriteFasta("genome.fa", ("chr1", chr1), ("chr2", chr2), ("chr3", Bases(random, 12))));

        var bad = Bases(random, 80);
        bad[47] = 'X';
        IllegalGenome = Genome.Load(WriteFasta("illegal.fa", ("chrX", bad)));

        var data = ML.Data.LoadFromEnumerable(MotifData.Generate(200, seed: 3, Length));
        var encoder = ML.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length).Fit(data);
        var encoded = encoder.Transform(data);
        Binary = new TransformerChain<ITransformer>(encoder, ML.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options())).Fit(encoded));

        var softMask = ML.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            OutputColumnName = "Features",
            Length = Length,
            SoftMaskChannel = true,
        }).Fit(data);
        ReverseComplementAveraged = new TransformerChain<ITransformer>(softMask,
            ML.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options { ReverseComplementAverage = true })).Fit(softMask.Transform(data)));

        // As the CLI's multiclass pipeline: the class names mapped back after the CNN.
        var keyed = ML.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(encoded).Transform(encoded);
        var multiclass = ML.MulticlassClassification.Trainers.Cnn(Quick(new CnnMulticlassTrainer.Options())).Fit(keyed);
        Multiclass = new TransformerChain<ITransformer>(encoder, multiclass,
            ML.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(multiclass.Transform(keyed)));

        // Order 2 (dinucleotide channels) with strand averaging: the scan's windows still count bases.
        var dinucleotides = ML.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            OutputColumnName = "Features",
            Length = Length,
            Order = 2,
        }).Fit(data);
        Dinucleotide = new TransformerChain<ITransformer>(dinucleotides,
            ML.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options { ReverseComplementAverage = true })).Fit(dinucleotides.Transform(data)));

        MultiTask = new TransformerChain<ITransformer>(encoder, ML.BinaryClassification.Trainers.CnnMultiTask(Quick(new CnnMultiTaskTrainer.Options
        {
            LabelColumnName = "Targets",
            Targets = [TargetKind.Binary, TargetKind.Regression],
        })).Fit(encoded));
    }

    public string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnn-mlnet-scan-route-tests-" + Guid.NewGuid().ToString("N"));

    public MLContext ML { get; } = new(seed: 1);

    /// <summary>chr1 (157 bp: lowercase 20–59, IUPAC codes upper case at 70, lower case at 100), chr2 (41 bp, ends "acgtNN…"), chr3 (12 bp).</summary>
    public Genome Genome { get; }

    /// <summary>One chromosome with an X at 47, which the DNA encoder refuses under its default policy.</summary>
    public Genome IllegalGenome { get; }

    public ITransformer Binary { get; }

    /// <summary>Soft-mask channel, reverse-complement averaging.</summary>
    public ITransformer ReverseComplementAveraged { get; }

    /// <summary>Encoder, multiclass CNN (classes A, B, AB, none), class names mapped back.</summary>
    public ITransformer Multiclass { get; }

    /// <summary>Targets: binary, regression.</summary>
    public ITransformer MultiTask { get; }

    /// <summary>Dinucleotide encoding (Order = 2), reverse-complement averaging.</summary>
    public ITransformer Dinucleotide { get; }

    public ITransformer Model(string name) => name switch
    {
        nameof(Binary) => Binary,
        nameof(ReverseComplementAveraged) => ReverseComplementAveraged,
        nameof(Multiclass) => Multiclass,
        nameof(MultiTask) => MultiTask,
        nameof(Dinucleotide) => Dinucleotide,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such model."),
    };

    private static TOptions Quick<TOptions>(TOptions options) where TOptions : CnnTrainerOptions
    {
        options.Network = NetworkPresets.Zou2019();
        options.Epochs = 1;
        options.BatchSize = 32;
        options.Seed = 1;
        options.ScoringBatchSize = 16;
        return options;
    }

    private static char[] Bases(Random random, int length) => Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();

    private string WriteFasta(string name, params (string Name, char[] Bases)[] chromosomes)
    {
        var text = new StringBuilder();
        foreach (var (chromosome, bases) in chromosomes)
            text.Append('>').Append(chromosome).Append('\n').Append(bases).Append('\n');
        string path = System.IO.Path.Combine(Directory, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
