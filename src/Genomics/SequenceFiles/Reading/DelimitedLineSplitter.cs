using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Splits one line of a delimited file into fields, RFC-4180 style: a field that starts with a
/// double quote (after optional spaces) is quoted, may contain the separator, and writes a quote
/// as two quotes; spaces after its closing quote are ignored. A quote inside an unquoted field is
/// kept as an ordinary character. A quoted field must close on the same line (records do not
/// span lines). Unquoted fields are kept exactly as written.
/// </summary>
internal sealed class DelimitedLineSplitter
{
    private readonly char _separator;
    private readonly StringBuilder _quoted = new();

    /// <summary>Creates a splitter for <paramref name="separator"/> (tab or comma).</summary>
    public DelimitedLineSplitter(char separator) => _separator = separator;

    /// <summary>The separator.</summary>
    public char Separator => _separator;

    /// <summary>Whether <paramref name="line"/> holds nothing but spaces (and tabs, when tab is not the separator).</summary>
    public bool IsBlank(string line)
    {
        foreach (char c in line)
        {
            if (c != ' ' && (c != '\t' || _separator == '\t'))
                return false;
        }
        return true;
    }

    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/> (cleared first).</summary>
    /// <returns>Null on success, else what is wrong with the quoting.</returns>
    public string? Split(string line, List<string> fields)
    {
        fields.Clear();
        int i = 0;
        while (true)
        {
            int quote = SkipSpaces(line, i);
            if (quote < line.Length && line[quote] == '"')
            {
                string? error = ReadQuoted(line, quote, fields, out i);
                if (error is not null)
                    return error;
                if (i == line.Length)
                    return null;
                i++; // the separator
            }
            else
            {
                int end = line.IndexOf(_separator, i);
                if (end < 0)
                {
                    fields.Add(line[i..]);
                    return null;
                }
                fields.Add(line[i..end]);
                i = end + 1;
            }
        }
    }

    private string? ReadQuoted(string line, int quote, List<string> fields, out int next)
    {
        _quoted.Clear();
        int i = quote + 1;
        while (true)
        {
            if (i >= line.Length)
            {
                next = i;
                return $"the quoted field {fields.Count + 1} (opened at character {quote + 1}) has no closing quote; records cannot span lines.";
            }
            char c = line[i];
            if (c == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    _quoted.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            _quoted.Append(c);
            i++;
        }
        fields.Add(_quoted.ToString());
        next = SkipSpaces(line, i);
        if (next < line.Length && line[next] != _separator)
        {
            return $"unexpected '{line[next]}' after the closing quote of field {fields.Count} (character {next + 1}); "
                + "write a quote inside a quoted field as two quotes.";
        }
        return null;
    }

    private int SkipSpaces(string line, int i)
    {
        while (i < line.Length && (line[i] == ' ' || (line[i] == '\t' && _separator != '\t')))
            i++;
        return i;
    }
}
