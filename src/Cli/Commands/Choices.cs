using System.CommandLine;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// Options with a fixed set of values, written in lower case on the command line (case-insensitive)
/// and read as the value they stand for (usually an enum). Help shows the values as the option's
/// argument (<c>--task &lt;binary|multiclass|regression&gt;</c>), shells complete them, and any other
/// value is a parse error that lists them: <c>--task 'ranking' is not one of: binary, multiclass, regression.</c>
/// </summary>
internal static class Choices
{
    /// <summary>An option whose value is one of <paramref name="choices"/>; the first name of a value is the one listed.</summary>
    public static Option<T> Of<T>(string name, string description, IReadOnlyList<(string Name, T Value)> choices, Func<T>? defaultValue = null)
    {
        string[] names = [.. choices.Select(c => c.Name).Distinct()];
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return defaultValue is null ? default! : defaultValue();
                string text = result.Tokens[^1].Value;
                foreach (var (choice, value) in choices)
                    if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) return value;
                result.AddError(NotOneOf(name, text, names));
                return default!;
            },
        };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue();
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>The parse error for a value outside <paramref name="names"/>.</summary>
    public static string NotOneOf(string option, string text, IEnumerable<string> names) =>
        $"{option} '{text}' is not one of: {string.Join(", ", names)}.";

    /// <summary>Restricts every value of a list option to <paramref name="names"/> (case-insensitive); <paramref name="hidden"/> are also accepted.</summary>
    public static Option<string[]> OnlyFrom(this Option<string[]> option, string[] names, params string[] hidden)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!names.Concat(hidden).Contains(token.Value, StringComparer.OrdinalIgnoreCase))
                    result.AddError(NotOneOf(option.Name, token.Value, names));
        });
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>The names of an enum's values in lower case, for enums whose names read well that way.</summary>
    public static (string Name, T Value)[] Lowercase<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => (v.ToString().ToLowerInvariant(), v))];
}
