using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// Reads durations the way people type them: <c>90s</c>, <c>10m</c>, <c>1.5h</c>, <c>1h30m</c>, or
/// .NET's <c>hh:mm:ss</c>. Hand-written because System.CommandLine parses TimeSpan only as <c>hh:mm:ss</c>.
/// </summary>
internal static partial class Durations
{
    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Units();

    /// <summary>The option's value as a duration; a parse error when it is not one.</summary>
    public static Option<TimeSpan?> CreateOption(string name, string description) => new(name)
    {
        HelpName = "DURATION",
        Description = description,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            try { return Parse(result.Tokens[^1].Value, name); }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };

    /// <exception cref="ArgumentException">Not a positive duration; the message names <paramref name="option"/>.</exception>
    public static TimeSpan Parse(string text, string option)
    {
        string t = text.Trim();
        var match = Units().Match(t);
        TimeSpan value;
        try
        {
            // A bare number has no unit (TimeSpan would read "90" as 90 days), so only h:mm[:ss] is read as a TimeSpan.
            if (t.Length > 0 && match.Success && !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                value = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
            else if (!t.Contains(':') || !TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value))
                throw new ArgumentException($"{option} '{text}' is not a duration: write e.g. 90s, 10m, 1h30m or 00:10:00 (a number needs a unit).");
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"{option} '{text}' is longer than any duration .NET can hold.");
        }
        if (value <= TimeSpan.Zero) throw new ArgumentException($"{option} must be longer than zero (was '{text}').");
        return value;
    }

    private static double Part(Match match, string unit) =>
        match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;
}
