using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Tests;

/// <summary><c>scan-motifs</c>: FIMO-style hits of MEME motifs in a FASTA, as TSV or BED.</summary>
public sealed class ScanMotifsCommandTests
{
    private const string Site = "CGACCGAACTCC";

    private static (string Fasta, string Meme) Write(CliRunner cli)
    {
        var random = new Random(4);
        string Random(int n) => new(Enumerable.Range(0, n).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        // peak1: the site at 0-based 100 on '+'; peak2: its reverse complement at 250, so the motif on '-'.
        string peak1 = Random(100) + Site + Random(300), peak2 = Random(250) + "GGAGTTCGGTCG" + Random(150);
        File.WriteAllText(cli.PathOf("peaks.fa"), $">peak1 first\n{peak1}\n>peak2\n{peak2[..200]}\n{peak2[200..]}\n");
        var planted = Motif.FromConsensus("site", Site);
        var sharp = new double[Site.Length, 4];
        for (int i = 0; i < Site.Length; i++)
            for (int b = 0; b < 4; b++) sharp[i, b] = planted[i, b] > 0.5 ? 0.94 : 0.02;
        MemeFile.Write(cli.PathOf("db.meme"), [new Motif("site", sharp, alternateName: "PLANTED"), Motif.FromConsensus("other", "TTTTAAAATTTT")]);
        return (cli.PathOf("peaks.fa"), cli.PathOf("db.meme"));
    }

    [Fact]
    public void Hits_are_written_as_fimo_tsv_with_one_based_positions_on_both_strands()
    {
        using var cli = new CliRunner();
        var (fasta, meme) = Write(cli);

        var (exit, output, error) = cli.Run("scan-motifs", "--motifs", meme, "--motif", "PLANTED", "--genome", fasta, "--out", cli.PathOf("hits.tsv"));

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(cli.PathOf("hits.tsv"));
        Assert.Equal("motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\tmatched_sequence", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        var strong = rows.Where(r => double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture) < 0.05).ToList();
        Assert.Equal([("peak1", "101", "112", "+"), ("peak2", "251", "262", "-")], strong.Select(r => (r[2], r[3], r[4], r[5])));
        Assert.All(strong, r => Assert.Equal(Site, r[9]));
        Assert.Contains("site (PLANTED)", error);
        Assert.Contains("with 1 motif(s)", output);
    }

    [Fact]
    public void Bed_output_and_an_unknown_motif_is_a_one_line_error()
    {
        using var cli = new CliRunner();
        var (fasta, meme) = Write(cli);

        var (exit, _, error) = cli.Run("scan-motifs", "--motifs", meme, "--genome", fasta, "--bed", "--thresh", "1e-5", "--out", cli.PathOf("hits.bed"));
        Assert.True(exit == 0, error);
        Assert.Contains("peak1\t100\t112\tsite\t", File.ReadAllText(cli.PathOf("hits.bed")));

        (exit, _, error) = cli.Run("scan-motifs", "--motifs", meme, "--motif", "CTCF", "--genome", fasta, "--out", cli.PathOf("x.tsv"));
        Assert.Equal(1, exit);
        Assert.Contains("--motif CTCF: no motif of that id or alternate name; the file has site, other", error);
    }
}
