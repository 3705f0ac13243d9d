using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

public sealed class MemeFileTests
{
    private static readonly double[,] Random5 = RandomMatrix(5, seed: 3);

    internal static double[,] RandomMatrix(int width, int seed)
    {
        var random = new Random(seed);
        var m = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            double sum = 0;
            for (int b = 0; b < 4; b++) sum += m[i, b] = random.NextDouble() + 0.01;
            for (int b = 0; b < 4; b++) m[i, b] /= sum;
        }
        return m;
    }

    private static FormatException ReadFails(string text, string source = "bad.meme") =>
        Assert.Throws<FormatException>(() => MemeFile.Read(new StringReader(text), source));

    private const string Header = "MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\nBackground letter frequencies\nA 0.25 C 0.25 G 0.25 T 0.25\n\n";

    [Fact]
    public void Write_then_read_gives_the_same_motifs()
    {
        var motifs = new[]
        {
            new Motif("m1", Random5, sites: 42, alternateName: "ALT1", url: "https://example.org/m1"),
            Motif.FromConsensus("m2", "ACGTTGCA"),
            new Motif("m3", RandomMatrix(12, seed: 9), sites: 7),
        };
        string path = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-meme-{Guid.NewGuid():N}.meme");
        try
        {
            MemeFile.Write(path, motifs, [0.3, 0.2, 0.2, 0.3]);
            var set = MemeFile.ReadWithBackground(path);
            Assert.Equal([0.3, 0.2, 0.2, 0.3], set.Background.ToArray());
            Assert.Equal(3, set.Motifs.Count);
            for (int m = 0; m < motifs.Length; m++)
            {
                var (expected, actual) = (motifs[m], set.Motifs[m]);
                Assert.Equal(expected.Id, actual.Id);
                Assert.Equal(expected.AlternateName, actual.AlternateName);
                Assert.Equal(expected.Sites, actual.Sites);
                Assert.Equal(expected.Url, actual.Url);
                Assert.Equal(expected.Width, actual.Width);
                for (int i = 0; i < expected.Width; i++)
                    for (int b = 0; b < 4; b++)
                        Assert.True(Math.Abs(expected[i, b] - actual[i, b]) < 1e-6, $"{expected.Id}[{i},{b}]: {expected[i, b]} vs {actual[i, b]}");
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Written_text_follows_the_minimal_format()
    {
        var writer = new StringWriter();
        MemeFile.Write(writer, [new Motif("m1", new double[,] { { 1.0 / 3, 1.0 / 3, 1.0 / 3, 0 } }, sites: 3, alternateName: "X")]);
        var lines = writer.ToString().Split('\n');
        Assert.Equal("MEME version 4", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("ALPHABET= ACGT", lines[2]);
        Assert.Contains("strands: + -", lines);
        int bg = Array.IndexOf(lines, "Background letter frequencies");
        Assert.Equal("A 0.250 C 0.250 G 0.250 T 0.250", lines[bg + 1]);
        int motif = Array.IndexOf(lines, "MOTIF m1 X");
        Assert.Equal("letter-probability matrix: alength= 4 w= 1 nsites= 3 E= 0", lines[motif + 1]);
        // Six decimals, rounded so the row sums to exactly 1.
        var row = lines[motif + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1m, row.Sum());
        Assert.All(row, v => Assert.Equal(6, v.ToString(System.Globalization.CultureInfo.InvariantCulture).Split('.')[1].Length));
    }

    [Fact]
    public void Reads_a_MEME_suite_style_file_with_extra_lines_and_a_JASPAR_motif()
    {
        const string text =
            "# exported by a motif database\r\n" +
            "MEME version 5.5.4\r\n" +
            "\r\n" +
            "command: meme sequences.fa -dna -nmotifs 2\r\n" +
            "ALPHABET= ACGT\r\n" +
            "\r\n" +
            "strands: +\r\n" +
            "\r\n" +
            "Background letter frequencies (from file `bg.txt'):\r\n" +
            "A 0.29100 C 0.20900 G 0.20900 T 0.29100 \r\n" +
            "\r\n" +
            "MOTIF MA0004.1 Arnt\r\n" +
            "letter-probability matrix: alength= 4 w= 6 nsites= 20 E= 0\r\n" +
            "  0.200000\t  0.800000\t  0.000000\t  0.000000\t\r\n" +
            "  0.950000\t  0.000000\t  0.050000\t  0.000000\t\r\n" +
            "  0.000000\t  1.000000\t  0.000000\t  0.000000\t\r\n" +
            "  0.000000\t  0.000000\t  1.000000\t  0.000000\t\r\n" +
            "  0.000000\t  0.000000\t  0.000000\t  1.000000\t\r\n" +
            "  0.000000\t  0.000000\t  1.000000\t  0.000000\t\r\n" +
            "URL http://jaspar.genereg.net/matrix/MA0004.1\r\n" +
            "\r\n" +
            "MOTIF crp\r\n" +
            "letter-probability matrix: alength=4 w=3 E=4.1e-009\r\n" +
            " 0.5 0.5 0 0\r\n" +
            "# a comment inside the matrix\r\n" +
            " 0.25 0.25 0.25 0.2501\r\n" +
            " 0 0 0 1\r\n" +
            "\r\n" +
            "log-odds matrix: alength= 4 w= 3 n= 20 bayes= 1 E= 4.1e-009\r\n" +
            " -1.2 1.3 -0.5 0.1\r\n" +
            " -1.2 1.3 -0.5 0.1\r\n" +
            " -1.2 1.3 -0.5 0.1\r\n" +
            "\r\n" +
            "MOTIF noWidth\r\n" +
            "letter-probability matrix: alength= 4\r\n" +
            "1 0 0 0\r\n" +
            "0 1 0 0\r\n" +
            "MOTIF last\r\n" +
            "letter-probability matrix: alength= 4 w= 1 nsites= 3\r\n" +
            "0 0 0 1\r\n";
        var set = MemeFile.ReadWithBackground(new StringReader(text));
        Assert.Equal(0.291, set.Background[0], 6);
        Assert.Equal(["MA0004.1", "crp", "noWidth", "last"], set.Motifs.Select(m => m.Id).ToArray());
        var arnt = set.Motifs[0];
        Assert.Equal("Arnt", arnt.AlternateName);
        Assert.Equal(20, arnt.Sites);
        Assert.Equal("http://jaspar.genereg.net/matrix/MA0004.1", arnt.Url);
        Assert.Equal("CACGTG", arnt.Consensus());
        Assert.Equal(0.95, arnt[1, 0], 9);
        var crp = set.Motifs[1];
        Assert.Null(crp.Sites);
        Assert.Equal(4.1e-9, crp.EValue);
        Assert.Equal(3, crp.Width);
        Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(b => crp[1, b]), 12); // rescaled
        Assert.Equal(2, set.Motifs[2].Width);
        Assert.Equal("AC", set.Motifs[2].Consensus());
        Assert.Equal(3, set.Motifs[3].Sites);
    }

    [Fact]
    public void A_row_not_summing_to_one_names_the_line()
    {
        var e = ReadFails(Header + "MOTIF m\nletter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.25 0.25\n0.5 0.5 0.5 0\n");
        Assert.Contains("bad.meme, line 13", e.Message);
        Assert.Contains("sums to 1.5", e.Message);
    }

    [Fact]
    public void A_wrong_alength_names_the_line()
    {
        var e = ReadFails(Header + "MOTIF m\nletter-probability matrix: alength= 20 w= 1\n");
        Assert.Contains("line 11", e.Message);
        Assert.Contains("alength= 20", e.Message);
    }

    [Fact]
    public void A_non_numeric_value_names_the_line_and_the_token()
    {
        var e = ReadFails(Header + "MOTIF m\nletter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.25 0.25\n0.25 abc 0.25 0.25\n");
        Assert.Contains("line 13", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Theory]
    [InlineData("MOTIF m\nletter-probability matrix: alength= 4 w= 3\n1 0 0 0\n0 1 0 0\n", 13, "ends after 2 of the 3 rows")]
    [InlineData("MOTIF m\nletter-probability matrix: alength= 4 w= 1\n1 0 0 0\n0 1 0 0\n", 13, "after the 1 rows")]
    [InlineData("MOTIF m\nletter-probability matrix: alength= 4 w= 1\n1 0 0\n", 12, "has 3 values")]
    [InlineData("MOTIF m\nletter-probability matrix: alength= 4 w= 1\n1.2 -0.2 0 0\n", 12, "negative probability")]
    [InlineData("MOTIF m\nURL x\nMOTIF n\n", 10, "has no letter-probability matrix")]
    [InlineData("MOTIF m\nletter-probability matrix: alength= 4 w= 1\n1 0 0 0\nMOTIF m\n", 13, "used twice")]
    public void Other_malformed_motifs_name_the_line(string body, int line, string what)
    {
        var e = ReadFails(Header + body);
        Assert.Contains($"bad.meme, line {line}:", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Theory]
    [InlineData("ALPHABET= ACDEFGHIKLMNPQRSTVWY\n", "alphabet")]
    [InlineData("ALPHABET \"DNA\" DNA-LIKE\n", "custom alphabet")]
    [InlineData("Background letter frequencies\nA 0.5 C 0.5 G 0.5 T 0.5\n", "sum to 2")]
    [InlineData("MEME version 3\n", "not supported")]
    public void Unsupported_headers_are_rejected(string header, string what)
    {
        var e = ReadFails("MEME version 4\n" + header);
        Assert.Contains("line ", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void A_file_without_a_version_line_is_not_a_MEME_file()
    {
        var e = ReadFails("MOTIF m\nletter-probability matrix: alength= 4 w= 1\n1 0 0 0\n");
        Assert.Contains("bad.meme, line 1", e.Message);
        Assert.Contains("MEME version", e.Message);
        Assert.Contains("no 'MEME version'", ReadFails(">seq1\nACGT\n").Message);
    }

    [Fact]
    public void Reading_a_file_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-bad-{Guid.NewGuid():N}.meme");
        File.WriteAllText(path, Header + "MOTIF m\nletter-probability matrix: alength= 4 w= 1\n0.9 0.9 0 0\n");
        try
        {
            var e = Assert.Throws<FormatException>(() => MemeFile.Read(path));
            Assert.StartsWith($"{path}, line 12:", e.Message);
        }
        finally { File.Delete(path); }
    }
}
