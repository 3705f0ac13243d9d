using System.IO.Compression;
using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Fuzzing;

/// <summary>The file kinds the reader fuzzer generates inputs for.</summary>
public enum FuzzTarget
{
    Tsv,
    Csv,
    Fasta,
    Bed,
    Genome,
    Vcf,
}

/// <summary>One generated input: the bytes to write, the file name to write them under and how it was made.</summary>
/// <remarks><paramref name="ContentLength"/> is the length before any gzip wrapping (what a reader decompresses to, at most).</remarks>
public sealed record FuzzInput(int Seed, string FileName, byte[] Bytes, int ContentLength, string Recipe);

/// <summary>
/// Seeded input generator for the reader fuzzer: every input is a pure function of (target, seed),
/// so a failure is reproduced by <see cref="Generate"/> with the seed the failure names. A third
/// of the inputs are random bytes, the rest valid-ish files of the target's format, most of them
/// then mutated (bit flips, byte insertions and deletions, truncation, duplicated lines, huge
/// lines, CR/LF mixes, byte-order marks, NUL bytes, invalid UTF-8, gzip wrapping, gzip headers
/// with garbage, truncated gzip, empty files).
/// </summary>
public static class FuzzInputs
{
    private const string Bases = "ACGTNacgtn";

    /// <summary>The recipe of inputs written by hand (regression tests), not generated.</summary>
    public const string HandMade = "hand-made";

    public static FuzzInput Generate(FuzzTarget target, int seed)
    {
        var random = new Random(seed);
        var recipe = new List<string>();
        byte[] bytes;
        int kind = random.Next(10);
        if (kind < 2)
        {
            bytes = RandomBytes(random, random.Next(4) == 0 ? random.Next(8) : random.Next(2048));
            recipe.Add($"random bytes ({bytes.Length})");
        }
        else if (kind == 2)
        {
            bytes = Encoding.UTF8.GetBytes(RandomText(random));
            recipe.Add($"random text ({bytes.Length})");
        }
        else
        {
            bool clean = random.Next(2) == 0;
            bytes = Encoding.UTF8.GetBytes(ValidIsh(target, random, clean));
            recipe.Add($"{(clean ? "valid" : "valid-ish")} {target} ({bytes.Length})");
            if (kind > 4)
            {
                int mutations = 1 + random.Next(4);
                for (int m = 0; m < mutations; m++)
                    bytes = Mutate(random, bytes, recipe);
            }
        }

        int contentLength = bytes.Length;
        bool gz = false;
        int wrap = random.Next(20);
        if (wrap == 0)
        {
            bytes = Gzip(bytes);
            gz = random.Next(2) == 0;
            recipe.Add("gzip");
        }
        else if (wrap == 1)
        {
            var compressed = Gzip(bytes);
            bytes = compressed[..random.Next(compressed.Length)];
            gz = random.Next(2) == 0;
            recipe.Add("truncated gzip");
        }
        else if (wrap == 2)
        {
            bytes = [0x1F, 0x8B, .. RandomBytes(random, random.Next(64)), .. bytes];
            gz = random.Next(2) == 0;
            recipe.Add("gzip signature + garbage");
        }
        else if (wrap == 3)
        {
            var compressed = Gzip(bytes);
            for (int flips = 1 + random.Next(3); flips > 0 && compressed.Length > 0; flips--)
            {
                int at = random.Next(compressed.Length);
                compressed[at] ^= (byte)(1 << random.Next(8));
            }
            bytes = compressed;
            gz = random.Next(2) == 0;
            recipe.Add("gzip with flipped bits");
        }
        else if (wrap == 4)
        {
            gz = true; // a .gz name on plain content
            recipe.Add(".gz name, plain content");
        }

        string extension = target switch
        {
            FuzzTarget.Tsv => ".tsv",
            FuzzTarget.Csv => ".csv",
            FuzzTarget.Bed => ".bed",
            FuzzTarget.Vcf => ".vcf",
            _ => ".fa",
        };
        return new FuzzInput(seed, "fuzz" + extension + (gz ? ".gz" : ""), bytes, contentLength, string.Join(" → ", recipe));
    }

    /// <summary>"1F 8B 08 …": the first <paramref name="count"/> bytes in hex, for failure messages.</summary>
    public static string HexPrefix(byte[] bytes, int count = 96) =>
        string.Join(" ", bytes.Take(count).Select(b => b.ToString("X2"))) + (bytes.Length > count ? $" … ({bytes.Length} bytes)" : $" ({bytes.Length} bytes)");

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "ACGT>;#\t ,\"\r\n01label=.-e+chrtrackbrowserNaN∞é\0";
        var text = new StringBuilder();
        for (int i = random.Next(600); i > 0; i--)
            text.Append(alphabet[random.Next(alphabet.Length)]);
        return text.ToString();
    }

    private static string Dna(Random random, int length, bool clean = false)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
            chars[i] = !clean && random.Next(30) == 0 ? "RYKM-.xZ é"[random.Next(10)] : Bases[random.Next(4 + random.Next(7))];
        return new string(chars);
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static string Label(Random random, bool clean) => clean ? Pick(random, "0", "1", " 1") :
        Pick(random, "0", "1", "true", "FALSE", " 1 ", "0.5", "-1.25e3", "1e39", "NaN", "-inf", "x", "", "bound", "A", "\"1\"");

    private static string NewLine(Random random) => random.Next(8) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };

    /// <summary>A file of the target's format; <paramref name="clean"/> keeps to content every reader setting accepts, else bad values are mixed in.</summary>
    private static string ValidIsh(FuzzTarget target, Random random, bool clean) => target switch
    {
        FuzzTarget.Tsv => Delimited(random, '\t', clean),
        FuzzTarget.Csv => Delimited(random, ',', clean),
        FuzzTarget.Fasta => Fasta(random, labelled: true, clean),
        FuzzTarget.Bed => Bed(random, clean),
        FuzzTarget.Vcf => Vcf(random, clean),
        _ => Fasta(random, labelled: false, clean),
    };

    private static string Delimited(Random random, char separator, bool clean)
    {
        var text = new StringBuilder();
        var header = new List<string> { Pick(random, "Sequence", "sequence", "\"Sequence\"", " Sequence ", clean ? "Sequence" : "Seq"), Pick(random, "Label", "label", "\"Label\"", "LABEL") };
        for (int extra = random.Next(3); extra > 0; extra--)
            header.Insert(random.Next(header.Count + 1), clean ? Pick(random, "Id", "", "Score", "\"a,b\"", "Id") : Pick(random, "Id", "", "Score", "sequence", "Label", "\"a,b\"", "Id"));
        if (random.Next(6) == 0)
            text.Append(NewLine(random));
        text.Append(string.Join(separator, header)).Append(NewLine(random));
        for (int row = random.Next(12); row > 0; row--)
        {
            if (random.Next(8) == 0)
                text.Append(random.Next(2) == 0 ? "" : "   ").Append(NewLine(random));
            int fields = !clean && random.Next(10) == 0 ? random.Next(header.Count + 2) : header.Count;
            var values = new List<string>();
            for (int f = 0; f < fields; f++)
            {
                string name = f < header.Count ? header[f].Trim().Trim('"') : "";
                string value = clean
                    ? name.Equals("Sequence", StringComparison.OrdinalIgnoreCase) ? Dna(random, random.Next(1, 60), clean: true)
                    : name.Equals("Label", StringComparison.OrdinalIgnoreCase) ? Label(random, clean: true)
                    : Pick(random, "id7", "\"quoted, \"\"field\"\"\"", "x\"y", " \"q\" ", "", "3.5")
                    : random.Next(3) switch
                    {
                        0 => Dna(random, random.Next(1, 60)),
                        1 => Label(random, clean: false),
                        _ => Pick(random, "id7", "\"quoted, \"\"field\"\"\"", "\"open", "x\"y", " \"q\" ", "", "3.5"),
                    };
                values.Add(value);
            }
            text.Append(string.Join(separator, values)).Append(NewLine(random));
        }
        return text.ToString();
    }

    private static string Fasta(Random random, bool labelled, bool clean)
    {
        var text = new StringBuilder();
        if (random.Next(6) == 0)
            text.Append("; comment").Append(NewLine(random));
        for (int record = random.Next(8); record > 0; record--)
        {
            string id = clean ? $"{Pick(random, "seq", "chr", "s")}{record}" : Pick(random, "seq1", "chr1", "chr2", "chrX", "s7", "", "chr1:100-200");
            string label = labelled
                ? Pick(random, $" label={Label(random, clean)}", $" {Label(random, clean)}", clean ? " 1" : "", $" desc {Label(random, clean)}")
                : Pick(random, "", " desc", "\tx");
            text.Append(clean ? Pick(random, ">", "> ") : Pick(random, ">", "> ", ">>")).Append(id).Append(label).Append(NewLine(random));
            for (int line = clean ? 1 + random.Next(4) : random.Next(5); line > 0; line--)
            {
                if (random.Next(8) == 0)
                    text.Append(Pick(random, "", ";c", "  ")).Append(NewLine(random));
                text.Append(Dna(random, random.Next(1, 80), clean || !labelled && random.Next(2) == 0)).Append(NewLine(random));
            }
        }
        return text.ToString();
    }

    private static string Vcf(Random random, bool clean)
    {
        var text = new StringBuilder();
        if (clean || random.Next(3) > 0)
            text.Append(Pick(random, "##fileformat=VCFv4.2", "##fileformat=VCFv4.0", "##contig=<ID=chr1>")).Append(NewLine(random));
        if (clean || random.Next(6) > 0)
            text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO").Append(Pick(random, "", "\tFORMAT\tS1")).Append(NewLine(random));
        for (int row = random.Next(15); row > 0; row--)
        {
            var columns = new List<string>
            {
                clean ? Pick(random, "chr1", "chr2", "chrX") : Pick(random, "chr1", "chr2", "chrX", "", "1", "chr1 "),
                clean ? random.Next(1, 20).ToString() : Pick(random, random.Next(-3, 30).ToString(), "0", "1.5", "+4", "", "99999999999999999999"),
                Pick(random, ".", "rs1", ""),
                clean ? Dna(random, random.Next(1, 4), clean: true) : Pick(random, "A", "acgt", "N", "", "R", "A C", Dna(random, random.Next(1, 6))),
                clean ? Pick(random, "C", "G,T", "<DEL>", "A,<*>", "*", "G]chr1:5]", ".") : Pick(random, "C", "G,T", ",", "<DEL", "A,,C", "U", "[", ".", "acg"),
                ".", Pick(random, "PASS", "."), Pick(random, ".", "DP=3", "X;Y=1,2"),
            };
            if (!clean && random.Next(8) == 0)
                columns.RemoveRange(random.Next(columns.Count), 1);
            text.Append(string.Join('\t', columns)).Append(NewLine(random));
        }
        return text.ToString();
    }

    private static string Bed(Random random, bool clean)
    {
        var text = new StringBuilder();
        if (random.Next(4) == 0)
            text.Append(Pick(random, "track name=x", "browser position chr1:1-100", "# comment", "trackless\t1\t2")).Append(NewLine(random));
        for (int row = random.Next(15); row > 0; row--)
        {
            if (clean)
            {
                int from = random.Next(0, 1000);
                text.Append(Pick(random, "chr1", "chr2", "chrX")).Append('\t').Append(from).Append('\t').Append(from + random.Next(0, 500))
                    .Append(Pick(random, "", "\tpeak\t0\t+", "\t.")).Append(NewLine(random));
                continue;
            }
            string chrom = Pick(random, "chr1", "chr2", "chrX", "", " chr1 ", "1");
            long start = random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-5, 1000);
            long end = random.Next(4) == 0 ? random.NextInt64() : start + random.Next(-5, 500);
            var columns = new List<string> { chrom, Pick(random, start.ToString(), "+5", "1.5", "0x10", "", "99999999999999999999"), end.ToString() };
            for (int extra = random.Next(5); extra > 0; extra--)
                columns.Add(Pick(random, "peak1", "0", "+", "-", ".", "", "1000"));
            if (random.Next(10) == 0)
                columns.RemoveRange(random.Next(columns.Count), 1);
            string separator = random.Next(6) == 0 ? Pick(random, " ", "  ", " \t") : "\t";
            text.Append(string.Join(separator, columns)).Append(NewLine(random));
        }
        return text.ToString();
    }

    private static byte[] Mutate(Random random, byte[] bytes, List<string> recipe)
    {
        var list = new List<byte>(bytes);
        int op = random.Next(14);
        switch (op)
        {
            case 0 when list.Count > 0:
                for (int flips = 1 + random.Next(8); flips > 0; flips--)
                {
                    int at = random.Next(list.Count);
                    list[at] ^= (byte)(1 << random.Next(8));
                }
                recipe.Add("bit flips");
                break;
            case 1:
                for (int inserts = 1 + random.Next(8); inserts > 0; inserts--)
                    list.Insert(random.Next(list.Count + 1), (byte)random.Next(256));
                recipe.Add("byte insertions");
                break;
            case 2 when list.Count > 0:
                for (int deletes = 1 + random.Next(8); deletes > 0 && list.Count > 0; deletes--)
                    list.RemoveAt(random.Next(list.Count));
                recipe.Add("byte deletions");
                break;
            case 3:
                {
                    int cut = random.Next(list.Count + 1);
                    list.RemoveRange(cut, list.Count - cut);
                    recipe.Add($"truncated at {list.Count}");
                    break;
                }
            case 4:
                {
                    var lines = Encoding.UTF8.GetString([.. list]).Split('\n').ToList();
                    int line = random.Next(lines.Count);
                    for (int copies = 1 + random.Next(3); copies > 0; copies--)
                        lines.Insert(line, lines[line]);
                    list = [.. Encoding.UTF8.GetBytes(string.Join('\n', lines))];
                    recipe.Add($"duplicated line {line + 1}");
                    break;
                }
            case 5:
                {
                    // One huge line: a long run of bases (no line end) or of arbitrary characters.
                    int length = random.Next(2) == 0 ? 200_000 : random.Next(1_000, 40_000);
                    var huge = random.Next(2) == 0
                        ? Enumerable.Repeat((byte)"ACGT"[random.Next(4)], length)
                        : RandomBytes(random, length).Select(b => b == '\n' || b == '\r' ? (byte)'A' : b);
                    list.InsertRange(random.Next(list.Count + 1), huge);
                    recipe.Add($"huge line ({length})");
                    break;
                }
            case 6:
                {
                    string text = Encoding.UTF8.GetString([.. list]);
                    var mixed = new StringBuilder();
                    foreach (char c in text)
                        mixed.Append(c == '\n' ? NewLine(random) : c.ToString());
                    list = [.. Encoding.UTF8.GetBytes(mixed.ToString())];
                    recipe.Add("CR/LF mix");
                    break;
                }
            case 7:
                {
                    byte[] bom = random.Next(4) switch
                    {
                        0 => [0xEF, 0xBB, 0xBF],
                        1 => [0xFF, 0xFE],
                        2 => [0xFE, 0xFF],
                        _ => [0xFF, 0xFE, 0x00, 0x00],
                    };
                    list.InsertRange(random.Next(5) == 0 ? random.Next(list.Count + 1) : 0, bom);
                    recipe.Add("byte-order mark");
                    break;
                }
            case 8:
                for (int nuls = 1 + random.Next(6); nuls > 0; nuls--)
                    list.Insert(random.Next(list.Count + 1), 0);
                recipe.Add("NUL bytes");
                break;
            case 9:
                {
                    byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0x80], [0xC0, 0xAF]];
                    for (int n = 1 + random.Next(4); n > 0; n--)
                        list.InsertRange(random.Next(list.Count + 1), invalid[random.Next(invalid.Length)]);
                    recipe.Add("invalid UTF-8");
                    break;
                }
            case 10:
                list.Clear();
                recipe.Add("emptied");
                break;
            case 11:
                {
                    // A surrogate pair / non-ASCII letter run in valid UTF-8.
                    list.InsertRange(random.Next(list.Count + 1), Encoding.UTF8.GetBytes(Pick(random, "😀", "é", "Ä", "ǅ", "\u2028", "\u0085", "ﬀ", "İ")));
                    recipe.Add("non-ASCII characters");
                    break;
                }
            case 12 when list.Count > 1:
                {
                    // Swap two random slices' order (lines out of order, headers moved).
                    int a = random.Next(list.Count), b = random.Next(list.Count);
                    (a, b) = (Math.Min(a, b), Math.Max(a, b));
                    var middle = list.GetRange(a, b - a);
                    list.RemoveRange(a, b - a);
                    list.InsertRange(random.Next(list.Count + 1), middle);
                    recipe.Add("moved slice");
                    break;
                }
            default:
                list.InsertRange(random.Next(list.Count + 1), Encoding.UTF8.GetBytes(Pick(random, "\n", "\r", "\t", ",", "\"", ">", ";", " ", "\n>\n", "\t\t\t")));
                recipe.Add("inserted separator");
                break;
        }
        return [.. list];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return memory.ToArray();
    }
}
