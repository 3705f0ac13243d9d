using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Interpretation;

/// <summary>The contents of a MEME motif file: the motifs and the background letter frequencies.</summary>
/// <param name="Motifs">The motifs, in file order.</param>
/// <param name="Background">Background frequencies of A, C, G, T (uniform when the file gives none).</param>
public sealed record MemeMotifSet(IReadOnlyList<Motif> Motifs, IReadOnlyList<double> Background);

/// <summary>
/// Reads and writes DNA motifs in the MEME suite's "MEME minimal motif format" (version 4), the
/// input of Tomtom, FIMO, SEA and the format of JASPAR's and HOCOMOCO's MEME exports.
/// </summary>
/// <remarks>
/// <para>Written files hold, in order: <c>MEME version 4</c>, <c>ALPHABET= ACGT</c>,
/// <c>strands: + -</c>, <c>Background letter frequencies</c> and one line of
/// <c>A q C q G q T q</c>, then per motif <c>MOTIF id [alt]</c>,
/// <c>letter-probability matrix: alength= 4 w= W nsites= N E= 0</c> (nsites only when known),
/// W rows of four probabilities with six decimals (rounded so each row sums to exactly 1), and
/// an optional <c>URL</c> line; sections are separated by blank lines.</para>
/// <para>Reading is lenient where the MEME suite's own files vary: any other header lines
/// (e.g. a full MEME result's command line), <c>#</c> comment lines, blank lines, CRLF line
/// ends, <c>MEME version 5.x</c>, <c>key=value</c> with or without a space, any <c>E=</c>,
/// a missing <c>nsites</c> or <c>w</c> (then the rows up to the next non-numeric line form the
/// matrix), and <c>log-odds matrix</c> sections (skipped). It is strict about what would
/// silently change a motif: an alphabet other than ACGT, <c>alength</c> other than 4, a row
/// of other than four numbers, a negative probability, a row not summing to 1 within 0.01
/// (rows within it are rescaled), fewer rows than <c>w</c>, a stray matrix row, and a motif
/// without a matrix all raise a <see cref="FormatException"/> naming the file, the line number
/// and the problem.</para>
/// </remarks>
public static partial class MemeFile
{
    /// <summary>Writes motifs to a MEME minimal-format file (replacing it atomically).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="motifs">The motifs.</param>
    /// <param name="background">Background frequencies of A, C, G, T; uniform when null.</param>
    public static void Write(string path, IEnumerable<Motif> motifs, IReadOnlyList<double>? background = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(motifs);
        var list = motifs.ToList();
        Motif.CheckBackground(background);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            Write(writer, list, background);
        });
    }

    /// <summary>Writes motifs in MEME minimal format.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="motifs">The motifs.</param>
    /// <param name="background">Background frequencies of A, C, G, T; uniform when null.</param>
    public static void Write(TextWriter writer, IEnumerable<Motif> motifs, IReadOnlyList<double>? background = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(motifs);
        var q = Motif.CheckBackground(background);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine("MEME version 4");
        writer.WriteLine();
        writer.WriteLine("ALPHABET= ACGT");
        writer.WriteLine();
        writer.WriteLine("strands: + -");
        writer.WriteLine();
        writer.WriteLine("Background letter frequencies");
        writer.WriteLine(string.Create(inv, $"A {q[0]:0.000###} C {q[1]:0.000###} G {q[2]:0.000###} T {q[3]:0.000###}"));
        writer.WriteLine();
        foreach (var motif in motifs)
        {
            ArgumentNullException.ThrowIfNull(motif, nameof(motifs));
            if (!ids.Add(motif.Id))
                throw new ArgumentException($"Two motifs have the id '{motif.Id}'; MEME files need unique ids.", nameof(motifs));
            writer.WriteLine(motif.AlternateName is null ? $"MOTIF {motif.Id}" : $"MOTIF {motif.Id} {motif.AlternateName}");
            var header = new StringBuilder(string.Create(inv, $"letter-probability matrix: alength= 4 w= {motif.Width}"));
            if (motif.Sites is int n) header.Append(inv, $" nsites= {n}");
            header.Append(motif.EValue is double e ? string.Create(inv, $" E= {e:G3}") : " E= 0");
            writer.WriteLine(header.ToString());
            var units = new long[4];
            for (int i = 0; i < motif.Width; i++)
            {
                RoundRow(motif, i, units);
                writer.WriteLine(string.Create(inv, $" {units[0] / 1e6:0.000000}  {units[1] / 1e6:0.000000}  {units[2] / 1e6:0.000000}  {units[3] / 1e6:0.000000}"));
            }
            writer.WriteLine();
            if (motif.Url is not null)
            {
                writer.WriteLine($"URL {motif.Url}");
                writer.WriteLine();
            }
        }
    }

    /// <summary>Reads the motifs of a MEME motif file.</summary>
    /// <exception cref="FormatException">The file is not a valid MEME DNA motif file; the message names the file, the line and the problem.</exception>
    public static IReadOnlyList<Motif> Read(string path) => ReadWithBackground(path).Motifs;

    /// <summary>Reads the motifs of MEME motif text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for error messages (e.g. the file name); "MEME input" when null.</param>
    /// <exception cref="FormatException">The text is not a valid MEME DNA motif file; the message names the source, the line and the problem.</exception>
    public static IReadOnlyList<Motif> Read(TextReader reader, string? sourceName = null) => ReadWithBackground(reader, sourceName).Motifs;

    /// <summary>Reads the motifs and the background letter frequencies of a MEME motif file.</summary>
    /// <exception cref="FormatException">The file is not a valid MEME DNA motif file.</exception>
    public static MemeMotifSet ReadWithBackground(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadWithBackground(reader, path);
    }

    /// <summary>Reads the motifs and the background letter frequencies of MEME motif text.</summary>
    /// <exception cref="FormatException">The text is not a valid MEME DNA motif file.</exception>
    public static MemeMotifSet ReadWithBackground(TextReader reader, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Parser(reader, sourceName ?? "MEME input").Parse();
    }

    /// <summary>Rounds a row to millionths so that the four values sum to exactly 1 000 000 (largest remainders round up).</summary>
    private static void RoundRow(Motif motif, int position, long[] units)
    {
        Span<double> remainders = stackalloc double[4];
        long sum = 0;
        for (int b = 0; b < 4; b++)
        {
            double scaled = motif[position, b] * 1e6;
            units[b] = (long)Math.Floor(scaled);
            remainders[b] = scaled - units[b];
            sum += units[b];
        }
        for (long missing = 1_000_000 - sum; missing > 0; missing--)
        {
            int best = 0;
            for (int b = 1; b < 4; b++) if (remainders[b] > remainders[best]) best = b;
            units[best]++;
            remainders[best] = -1;
        }
    }

    [GeneratedRegex(@"([A-Za-z]+)\s*=\s*(\S+)")]
    private static partial Regex KeyValue();

    private sealed class Parser(TextReader reader, string source)
    {
        private readonly List<Motif> _motifs = [];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private double[] _background = [0.25, 0.25, 0.25, 0.25];
        private int _lineNumber;
        private string? _pushedBack;
        private bool _sawVersion;

        // The motif being read.
        private string? _id;
        private string? _alt;
        private string? _url;
        private int _motifLine;
        private double[,]? _matrix;
        private int? _sites;
        private double? _eValue;

        public MemeMotifSet Parse()
        {
            while (NextLine() is string line)
            {
                string text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#')) continue;
                if (text.StartsWith("MEME version", StringComparison.Ordinal)) ReadVersion(text);
                else if (text.StartsWith("ALPHABET", StringComparison.Ordinal)) ReadAlphabet(text);
                else if (text.StartsWith("strands:", StringComparison.Ordinal)) ReadStrands(text);
                else if (text.StartsWith("Background letter frequencies", StringComparison.Ordinal)) ReadBackground();
                else if (text.StartsWith("MOTIF", StringComparison.Ordinal) && (text.Length == 5 || char.IsWhiteSpace(text[5]))) StartMotif(text);
                else if (text.StartsWith("letter-probability matrix", StringComparison.Ordinal)) ReadMatrix(text);
                else if (text.StartsWith("log-odds matrix", StringComparison.Ordinal)) SkipLogOdds(text);
                else if (text.StartsWith("URL", StringComparison.Ordinal) && (text.Length == 3 || char.IsWhiteSpace(text[3])))
                {
                    if (_id is null) throw Error("a URL line before any MOTIF line");
                    _url = text[3..].Trim();
                }
                else if (IsNumericRow(text))
                {
                    throw Error(_matrix is null
                        ? "a row of numbers outside a letter-probability matrix"
                        : $"a row of numbers after the {_matrix.GetLength(0)} rows that motif '{_id}' declared (w= {_matrix.GetLength(0)})");
                }
                // Any other line (a full MEME result's extra header, a command line, …) carries nothing we need.
            }
            FinishMotif();
            if (!_sawVersion) throw new FormatException($"{source}: not a MEME motif file: no 'MEME version' line.");
            return new MemeMotifSet(_motifs, _background);
        }

        private string? NextLine()
        {
            if (_pushedBack is string back) { _pushedBack = null; _lineNumber++; return back; }
            string? line = reader.ReadLine();
            if (line is not null) _lineNumber++;
            return line;
        }

        private void PushBack(string line) { _pushedBack = line; _lineNumber--; }

        private FormatException Error(string what) => new($"{source}, line {_lineNumber}: {what}.");

        private void ReadVersion(string text)
        {
            string version = text["MEME version".Length..].Trim();
            string major = new(version.TakeWhile(char.IsDigit).ToArray());
            if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m < 4)
                throw Error($"MEME version '{version}' is not supported; this reader reads version 4 and later");
            _sawVersion = true;
        }

        private void ReadAlphabet(string text)
        {
            string rest = text["ALPHABET".Length..].TrimStart();
            if (!rest.StartsWith('='))
                throw Error($"custom alphabet definitions are not supported ('{text}'); only 'ALPHABET= ACGT' (DNA) is");
            string letters = rest[1..].Trim();
            if (!string.Equals(letters, "ACGT", StringComparison.OrdinalIgnoreCase))
                throw Error($"alphabet '{letters}' is not supported; only ACGT (DNA) is");
        }

        private void ReadStrands(string text)
        {
            var strands = text["strands:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (strands.Length == 0 || strands.Any(s => s is not "+" and not "-"))
                throw Error($"'{text}' should list the strands as '+', '-' or '+ -'");
        }

        private void ReadBackground()
        {
            var values = new double?[4];
            int found = 0;
            while (found < 4)
            {
                string? line = NextLine();
                if (line is null) throw Error("the file ends inside the background letter frequencies");
                string text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#')) continue;
                var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length % 2 != 0) throw Error($"background frequencies should be letter-value pairs ('A 0.25 C 0.25 G 0.25 T 0.25'), found '{text}'");
                for (int t = 0; t < tokens.Length; t += 2)
                {
                    int b = tokens[t].Length == 1 ? Motif.Bases.IndexOf(char.ToUpperInvariant(tokens[t][0])) : -1;
                    if (b < 0) throw Error($"background letter '{tokens[t]}' is not one of A, C, G, T");
                    if (values[b] is not null) throw Error($"background letter '{tokens[t]}' is given twice");
                    double q = ParseNumber(tokens[t + 1], $"background frequency of {tokens[t]}");
                    if (q <= 0) throw Error($"background frequency of {tokens[t]} is {tokens[t + 1]}; it must be positive");
                    values[b] = q;
                    found++;
                }
            }
            double sum = values.Sum(v => v!.Value);
            if (Math.Abs(sum - 1) > Motif.RowSumTolerance) throw Error($"background frequencies sum to {sum.ToString("G6", CultureInfo.InvariantCulture)}, not 1");
            _background = values.Select(v => v!.Value / sum).ToArray();
        }

        private void StartMotif(string text)
        {
            FinishMotif();
            if (!_sawVersion) throw Error("a MOTIF line before the 'MEME version' line (is this a MEME motif file?)");
            var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2) throw Error("a MOTIF line without a motif id");
            if (!_ids.Add(tokens[1])) throw Error($"motif id '{tokens[1]}' is used twice");
            _id = tokens[1];
            _alt = tokens.Length > 2 ? tokens[2] : null;
            _motifLine = _lineNumber;
        }

        private void FinishMotif()
        {
            if (_id is null) return;
            if (_matrix is null)
                throw new FormatException($"{source}, line {_motifLine}: motif '{_id}' has no letter-probability matrix.");
            try
            {
                _motifs.Add(new Motif(_id, _matrix, _sites, _alt, _url, _eValue));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{source}, line {_motifLine}: {e.Message}", e);
            }
            _id = _alt = _url = null;
            _matrix = null;
            _sites = null;
            _eValue = null;
        }

        private Dictionary<string, string> ReadHeader(string text, string what)
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            foreach (Match m in KeyValue().Matches(colon < 0 ? "" : text[(colon + 1)..]))
                pairs[m.Groups[1].Value] = m.Groups[2].Value;
            if (pairs.TryGetValue("alength", out string? alength) && alength != "4")
                throw Error($"{what} has alength= {alength}; DNA motifs need alength= 4");
            return pairs;
        }

        private int? ReadWidth(Dictionary<string, string> header)
        {
            if (!header.TryGetValue("w", out string? w)) return null;
            if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
                throw Error($"w= {w} is not a positive whole number");
            return width;
        }

        private void ReadMatrix(string text)
        {
            if (_id is null) throw Error("a letter-probability matrix before any MOTIF line");
            if (_matrix is not null) throw Error($"motif '{_id}' has a second letter-probability matrix");
            var header = ReadHeader(text, "the letter-probability matrix");
            int? width = ReadWidth(header);
            if (header.TryGetValue("nsites", out string? nsites))
            {
                double n = ParseNumber(nsites, "nsites");
                if (n < 0) throw Error($"nsites= {nsites} is negative");
                _sites = (int)Math.Round(n);
            }
            if (header.TryGetValue("E", out string? e)) _eValue = ParseNumber(e, "E");

            var rows = new List<double[]>();
            while (width is null || rows.Count < width)
            {
                string? line = NextLine();
                if (line is null)
                {
                    if (width is null) break;
                    throw Error($"the file ends after {rows.Count} of the {width} rows of motif '{_id}'");
                }
                string row = line.Trim();
                if (row.Length == 0 || row.StartsWith('#')) continue;
                if (width is null && !IsNumericRow(row)) { PushBack(line); break; }
                rows.Add(ParseRow(row, rows.Count + 1, width));
            }
            if (rows.Count == 0) throw Error($"motif '{_id}' has an empty letter-probability matrix");
            _matrix = new double[rows.Count, 4];
            for (int i = 0; i < rows.Count; i++)
                for (int b = 0; b < 4; b++) _matrix[i, b] = rows[i][b];
        }

        private double[] ParseRow(string row, int index, int? width)
        {
            var tokens = row.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string where = width is int w ? $"row {index} of {w} of motif '{_id}'" : $"row {index} of motif '{_id}'";
            if (tokens.Length != 4)
                throw Error($"{where} has {tokens.Length} values ('{row}'); it needs 4 probabilities (A, C, G, T)");
            var values = new double[4];
            for (int b = 0; b < 4; b++)
            {
                values[b] = ParseNumber(tokens[b], $"{where}, base {Motif.Bases[b]}");
                if (values[b] < 0) throw Error($"{where} has a negative probability ({tokens[b]}) for {Motif.Bases[b]}");
            }
            double sum = values.Sum();
            if (Math.Abs(sum - 1) > Motif.RowSumTolerance)
                throw Error($"{where} sums to {sum.ToString("G6", CultureInfo.InvariantCulture)}; probabilities must sum to 1 (within {Motif.RowSumTolerance})");
            return values;
        }

        private void SkipLogOdds(string text)
        {
            var header = ReadHeader(text, "the log-odds matrix");
            int? width = ReadWidth(header);
            int skipped = 0;
            while (width is null || skipped < width)
            {
                string? line = NextLine();
                if (line is null) break;
                string row = line.Trim();
                if (row.Length == 0 || row.StartsWith('#')) continue;
                if (!IsNumericRow(row)) { PushBack(line); break; }
                skipped++;
            }
        }

        private double ParseNumber(string token, string what)
        {
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw Error($"{what} is '{token}', which is not a number");
            return value;
        }

        private static bool IsNumericRow(string text) =>
            text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }
}
