using System.Text;
using System.Text.RegularExpressions;

namespace Cnn.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// The library's promise on CUDA: every tensor is created on the model's device, and host → device
/// copies go through one place (<c>TensorCopy</c> and <c>HostBatchBuffer</c> in src/Trainers/Model).
/// Structural check over the source: every TorchSharp tensor factory call outside those files passes
/// a <c>device:</c> argument that is not the CPU, and nothing else moves a tensor to the CPU.
/// </summary>
public class DevicePlacementTests
{
    /// <summary>Files allowed to create tensors on the CPU and copy them to the device (paths relative to the repository root).</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "src/Trainers/Model/TensorCopy.cs",
        "src/Trainers/Model/HostBatchBuffer.cs",
        // Checkpoints are files: tensors go to the host to be written and come back through it.
        "src/Trainers/Training/TrainingCheckpoint.cs",
        "src/Trainers/Training/ParameterUpdate.cs",
    };

    /// <summary>TorchSharp factories that take a device (their <c>_like</c> variants inherit it and are not listed).</summary>
    private static readonly string[] Factories =
        ["tensor", "empty", "zeros", "ones", "full", "randn", "rand", "randint", "arange", "linspace", "eye", "from_array"];

    // A whole identifier (case-sensitive, so Empty( or zeros_like( never match) followed by its argument list.
    private static readonly Regex FactoryCall = new(@"(?<![\w@])(?<name>" + string.Join("|", Factories) + @")\s*\(", RegexOptions.Compiled);
    private static readonly Regex ToCall = new(@"\.\s*to\s*\(", RegexOptions.Compiled);
    private static readonly Regex CpuCall = new(@"\.\s*cpu\s*\(\s*\)", RegexOptions.Compiled);
    private static readonly Regex CpuArgument = new(@"\bCPU\b|""cpu(:\d+)?""", RegexOptions.Compiled | RegexOptions.IgnoreCase);
    private static readonly Regex DeviceArgument = new(@"^\s*device\s*:", RegexOptions.Compiled);

    /// <summary>One offending call.</summary>
    internal sealed record Violation(string File, int Line, string Text, string Problem)
    {
        public override string ToString() => $"{File}:{Line}: {Problem}: {Text}";
    }

    [Fact]
    public void Every_tensor_factory_call_in_src_names_its_device()
    {
        string root = TestEnvironment.RepositoryRoot;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);

        var violations = files
            .Where(f => !Allowed.Contains(f))
            .SelectMany(f => Scan(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

        Assert.True(violations.Count == 0,
            "Tensors must be created on the model's device (pass device:) and only " + string.Join(" and ", Allowed)
            + " may create them on the CPU or move them there:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_matcher_reports_exactly_the_call_without_a_device()
    {
        const string sample = """
            using static TorchSharp.torch;
            class Sample
            {
                /// <summary>Like zeros(3) but on the device; see torch.ones(2).</summary>
                Tensor Good(Tensor x, long[] shape)
                {
                    // tensor(1) in a comment is fine, and so is /* empty(3) */ below
                    /* empty(3) */
                    var a = torch.zeros(shape,
                        dtype: ScalarType.Float32,
                        device: x.device);
                    var b = tensor(new[] { 1f, 2f }, device: x.device);
                    var c = zeros_like(x);
                    var d = Enumerable.Empty<int>();
                    var e = "ones(4) in a string";
                    var f = $"rand({a.shape[0]})";
                    var g = x.to(x.device);
                    var h = rand(Sizes(x.device, 3), device: x.device);
                    return a;
                }

                Tensor Bad(Tensor x) =>
                    torch.full(new long[] { 2, 3 },
                        Fill(device: x.device), ScalarType.Float32);
            }
            """;

        var violations = Scan("sample.cs", sample);

        var only = Assert.Single(violations);
        Assert.Equal(23, only.Line);
        Assert.Equal("full(new long[] { 2, 3 }, Fill(device: x.device), ScalarType.Float32)", only.Text);
        Assert.Contains("sample.cs:23:", only.ToString());
    }

    [Fact]
    public void The_matcher_reports_moves_to_the_CPU_and_tensors_made_there()
    {
        const string sample = """
            var a = x.cpu();
            var b = x.to(torch.CPU);
            var c = x.to("cpu");
            var d = x.to(device);
            var e = x.to(ScalarType.Float32);
            var f = zeros(3, device: CPU);
            var g = zeros(3, device: new Device("cpu"));
            var h = zeros(3, device: x.device);
            """;

        var violations = Scan("sample.cs", sample);

        Assert.Equal(new[] { 1, 2, 3, 6, 7 }, violations.Select(v => v.Line));
        Assert.Equal(new[] { ".cpu()", ".to(torch.CPU)", ".to(\"cpu\")", "zeros(3, device: CPU)", "zeros(3, device: new Device(\"cpu\"))" }, violations.Select(v => v.Text));
    }

    /// <summary>Every factory call without a top-level <c>device:</c> argument (or with the CPU as its device) and every move to the CPU in <paramref name="source"/>.</summary>
    internal static IReadOnlyList<Violation> Scan(string file, string source)
    {
        string code = CodeOnly(source);
        var violations = new List<Violation>();

        foreach (Match m in FactoryCall.Matches(code))
        {
            if (!IsTorchOrUnqualified(code, m.Index)) continue;
            int open = m.Index + m.Length - 1;
            int close = MatchingParenthesis(code, open);
            var device = TopLevelArguments(code, open, close).FirstOrDefault(a => DeviceArgument.IsMatch(a.Text));
            if (device.Text == null)
                violations.Add(new(file, LineOf(source, m.Index), Snippet(source, m.Index, close), "tensor factory without a device argument"));
            else if (CpuArgument.IsMatch(source.Substring(device.Start, device.Text.Length)))
                violations.Add(new(file, LineOf(source, m.Index), Snippet(source, m.Index, close), "tensor factory on the CPU"));
        }

        foreach (Match m in CpuCall.Matches(code))
            violations.Add(new(file, LineOf(source, m.Index), Snippet(source, m.Index, m.Index + m.Length - 1), "copy to the CPU"));

        foreach (Match m in ToCall.Matches(code))
        {
            int open = m.Index + m.Length - 1;
            int close = MatchingParenthesis(code, open);
            // Read the arguments from the original text: string literals ("cpu") are blanked in code.
            if (CpuArgument.IsMatch(source[(open + 1)..Math.Min(close, source.Length)]))
                violations.Add(new(file, LineOf(source, m.Index), Snippet(source, m.Index, close), "copy to the CPU"));
        }

        return violations.OrderBy(v => v.Line).ToList();
    }

    /// <summary>
    /// True when the identifier at <paramref name="index"/> is unqualified (a <c>using static</c> of
    /// torch) or qualified by <c>torch.</c>; a member of anything else (<c>list.full(</c>) is not TorchSharp's.
    /// </summary>
    private static bool IsTorchOrUnqualified(string code, int index)
    {
        int i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(code[i])) i--;
        if (i < 0 || code[i] != '.') return true;
        i--;
        while (i >= 0 && char.IsWhiteSpace(code[i])) i--;
        int end = i + 1;
        while (i >= 0 && (char.IsLetterOrDigit(code[i]) || code[i] == '_')) i--;
        return code[(i + 1)..end] == "torch";
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/> (the end of the text if unbalanced).</summary>
    private static int MatchingParenthesis(string code, int open)
    {
        int depth = 0;
        for (int i = open; i < code.Length; i++)
        {
            if (code[i] == '(') depth++;
            else if (code[i] == ')' && --depth == 0) return i;
        }
        return code.Length;
    }

    /// <summary>The call's arguments split at top-level commas (nested calls, arrays and initialisers stay whole).</summary>
    private static IEnumerable<(string Text, int Start)> TopLevelArguments(string code, int open, int close)
    {
        int depth = 0, start = open + 1;
        for (int i = open + 1; i < close; i++)
        {
            char c = code[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                yield return (code[start..i], start);
                start = i + 1;
            }
        }
        yield return (code[start..Math.Min(close, code.Length)], start);
    }

    private static int LineOf(string source, int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++)
            if (source[i] == '\n') line++;
        return line;
    }

    /// <summary>The original text from <paramref name="start"/> to <paramref name="end"/> inclusive, whitespace collapsed.</summary>
    private static string Snippet(string source, int start, int end)
    {
        string text = Regex.Replace(source[start..Math.Min(end + 1, source.Length)], @"\s+", " ").Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>
    /// <paramref name="source"/> with comments (//, ///, /* */) and the contents of string and
    /// character literals replaced by spaces (line breaks kept, so indices and lines still match);
    /// the expressions inside interpolated strings' holes stay code.
    /// </summary>
    internal static string CodeOnly(string source)
    {
        var o = new StringBuilder(source);
        int i = 0;
        Code(source, ref i, o, inHole: false);
        return o.ToString();
    }

    private static void Blank(StringBuilder o, string s, int from, int to)
    {
        for (int k = from; k < to && k < s.Length; k++)
            if (s[k] is not ('\n' or '\r')) o[k] = ' ';
    }

    /// <summary>Scans code from <paramref name="i"/>; in an interpolation hole, stops at its closing brace.</summary>
    private static void Code(string s, ref int i, StringBuilder o, bool inHole)
    {
        int braces = 0;
        while (i < s.Length)
        {
            char c = s[i];
            char next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                int end = s.IndexOf('\n', i);
                if (end < 0) end = s.Length;
                Blank(o, s, i, end);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? s.Length : end + 2;
                Blank(o, s, i, end);
                i = end;
            }
            else if (c == '\'')
            {
                int start = i++;
                while (i < s.Length && s[i] != '\'' && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
                i = Math.Min(i + 1, s.Length);
                Blank(o, s, start, i);
            }
            else if (c is '"' or '$' or '@' && StringStart(s, i) is var (prefix, dollars, verbatim, quotes) && quotes > 0)
                StringLiteral(s, ref i, o, prefix, dollars, verbatim, quotes);
            else if (inHole && c == '{') { braces++; i++; }
            else if (inHole && c == '}')
            {
                if (braces-- == 0) return;
                i++;
            }
            else i++;
        }
    }

    /// <summary>Recognises a string literal's opening at <paramref name="i"/>: prefix length, $ count, verbatim, quote count (0 when none).</summary>
    private static (int Prefix, int Dollars, bool Verbatim, int Quotes) StringStart(string s, int i)
    {
        int j = i, dollars = 0;
        bool verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            if (s[j] == '$') dollars++;
            else verbatim = true;
            j++;
        }
        if (j >= s.Length || s[j] != '"') return (0, 0, false, 0);
        int quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"') quotes++;
        // "" is an empty string, not a raw literal; a raw literal opens with three or more quotes.
        if (quotes == 2) quotes = 1;
        return (j - i, dollars, verbatim, quotes);
    }

    private static void StringLiteral(string s, ref int i, StringBuilder o, int prefix, int dollars, bool verbatim, int quotes)
    {
        int start = i;
        i += prefix + quotes;
        if (quotes >= 3)
        {
            // Raw string literal: ends at the same run of quotes. Holes are blanked with the rest (rare in this code base).
            string close = new('"', quotes);
            int end = s.IndexOf(close, i, StringComparison.Ordinal);
            i = end < 0 ? s.Length : end + quotes;
            Blank(o, s, start, i);
            return;
        }
        int textStart = start;
        while (i < s.Length)
        {
            char c = s[i];
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (!verbatim && c == '\n') break;
            if (c == '"')
            {
                if (verbatim && i + 1 < s.Length && s[i + 1] == '"') { i += 2; continue; }
                i++;
                break;
            }
            if (dollars > 0 && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{') { i += 2; continue; }
                Blank(o, s, textStart, i + 1);
                i++;
                Code(s, ref i, o, inHole: true);
                textStart = i;
                i++;
                continue;
            }
            i++;
        }
        Blank(o, s, textStart, i);
    }
}
