namespace Cnn.MLNet.Cli.Tests;

/// <summary>One dinucleotide model (<c>train --order 2</c>), shared by the k-mer command tests.</summary>
public sealed class DinucleotideModelFixture : IDisposable
{
    public DinucleotideModelFixture()
    {
        Data = Cli.WriteMotifTsv("kmer.tsv", 200, seed: 31);
        Model = Cli.PathOf("dinucleotide.zip");
        var trained = Cli.Run("train", "--data", Data, "--order", "2", "--epochs", "2", "--rc-average", "--model", Model);
        Assert.True(trained.Exit == 0, trained.Error);
    }

    internal CliRunner Cli { get; } = new();
    public string Data { get; }
    public string Model { get; }

    public void Dispose() => Cli.Dispose();
}

/// <summary>
/// <c>train --order k</c>, and how the commands that read a model treat k-mer channels: saliency and
/// featurize work per k-mer position, motifs and in-silico mutagenesis refuse with what to do.
/// </summary>
public sealed class KmerCommandTests(DinucleotideModelFixture kmers) : IClassFixture<DinucleotideModelFixture>
{
    private CliRunner Cli => kmers.Cli;

    [Fact]
    public void Saliency_writes_one_value_per_dinucleotide_position_and_draws_tracks()
    {
        string output = Cli.PathOf("kmer-saliency.tsv"), plots = Cli.PathOf("kmer-plots");
        var run = Cli.Run("saliency", "--model", kmers.Model, "--data", kmers.Data, "--out", output, "--plot", plots, "--plot-limit", "2");
        Assert.True(run.Exit == 0, run.Error);
        var header = File.ReadAllLines(output)[0].Split('\t');
        Assert.Equal("Attribution.0", header[3]);
        Assert.Equal("Attribution.38", header[^1]); // 40 bases → 39 dinucleotide positions
        Assert.Equal(2, Directory.GetFiles(plots, "*.png").Length);
    }

    [Fact]
    public void Mutagenesis_refuses_a_kmer_model_naming_the_order()
    {
        var run = Cli.Run("saliency", "--model", kmers.Model, "--data", kmers.Data, "--out", Cli.PathOf("ism.tsv"), "--method", "ism");
        Assert.Equal(1, run.Exit);
        Assert.Contains("error: Attribution: in-silico mutagenesis substitutes single bases in the one-hot input, so it needs a first-order encoding (one base per channel); this model was trained with Order = 2", run.Error);
    }

    [Fact]
    public void Motifs_refuse_a_kmer_model_naming_the_order_and_what_to_do()
    {
        var run = Cli.Run("motifs", "--model", kmers.Model, "--data", kmers.Data, "--out", Cli.PathOf("kmer.meme"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("error: Filter motifs need a first-order (one base per channel) encoding; this model was trained with Order = 2", run.Error);
        Assert.Contains("Train with Order = 1", run.Error);
    }

    [Fact]
    public void Featurize_reads_a_kmer_models_feature_maps()
    {
        string output = Cli.PathOf("kmer-features.tsv");
        var run = Cli.Run("featurize", "--model", kmers.Model, "--data", kmers.Data, "--layer", "act1", "--pooling", "max", "--out", output);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(201, File.ReadAllLines(output).Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    public void An_order_outside_1_to_4_is_one_error_line(string order)
    {
        var run = Cli.Run("train", "--data", kmers.Data, "--order", order, "--epochs", "1", "--model", Cli.PathOf("never.zip"));
        Assert.Equal(1, run.Exit);
        Assert.Contains($"error: --order must be between 1 and 4 (1 = one channel per base, 2 = dinucleotides, 3 = trinucleotides); was {order}.", run.Error);
        Assert.False(File.Exists(Cli.PathOf("never.zip")));
    }
}
