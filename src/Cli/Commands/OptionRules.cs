using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// System.CommandLine validators for the rules between and on options: ranges of a value, an option
/// that needs another, options that exclude each other. They run while the command line is parsed,
/// before any file is read; a broken rule is a parse error (one <c>error:</c> line, exit code 1).
/// </summary>
/// <remarks>
/// A command's validators run before System.CommandLine fills in default values, so they look only at
/// options written on the command line (<see cref="TryGiven{T}"/>); a value that does not convert is
/// left to the option's own error.
/// </remarks>
internal static class OptionRules
{
    /// <summary>The value of <paramref name="option"/> when it was written on the command line and converts.</summary>
    public static bool TryGiven<T>(this SymbolResult result, Option<T> option, out T value)
    {
        value = default!;
        if (result.GetResult(option) is not { Implicit: false } given) return false;
        try
        {
            value = given.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // System.CommandLine reports the conversion error itself
        }
    }

    /// <summary>Whether <paramref name="option"/> was written on the command line (in a validator).</summary>
    public static bool Given(this SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Whether <paramref name="option"/> was written on the command line, as opposed to taking its default (in a handler).</summary>
    public static bool Given(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>
    /// Whether <paramref name="option"/> was written on the command line with a value that converts. A value that does
    /// not is reported as such (converting it records the error), and the rules between options wait until it does.
    /// </summary>
    private static bool GivenValid(this SymbolResult result, Option option)
    {
        if (result.GetResult(option) is not { Implicit: false } given) return false;
        try
        {
            _ = given.GetValueOrDefault<object?>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Values of <paramref name="option"/> must satisfy <paramref name="valid"/>; <paramref name="rule"/> completes "--name must be …".</summary>
    public static Option<T> Must<T>(this Option<T> option, Func<T, bool> valid, string rule)
    {
        option.Validators.Add(result =>
        {
            if (result.TryGiven(option, out T value) && !valid(value))
                result.AddError($"{option.Name} must be {rule} (was {Format(value)}).");
        });
        return option;
    }

    public static Option<int> AtLeast(this Option<int> option, int minimum) => option.Must(v => v >= minimum, $"at least {minimum}");

    public static Option<int?> AtLeast(this Option<int?> option, int minimum) => option.Must(v => v is null || v >= minimum, $"at least {minimum}");

    public static Option<double> Positive(this Option<double> option) => option.Must(v => v > 0 && double.IsFinite(v), "a positive number");

    /// <summary>A fraction in [0, 1) (<paramref name="allowZero"/>) or (0, 1).</summary>
    public static Option<double> Fraction(this Option<double> option, bool allowZero) =>
        option.Must(v => v < 1 && (allowZero ? v >= 0 : v > 0), allowZero ? "at least 0 and below 1" : "above 0 and below 1");

    /// <inheritdoc cref="Fraction(Option{double}, bool)"/>
    public static Option<double?> Fraction(this Option<double?> option, bool allowZero) =>
        option.Must(v => v is not double d || (d < 1 && (allowZero ? d >= 0 : d > 0)), allowZero ? "at least 0 and below 1" : "above 0 and below 1");

    /// <summary><paramref name="option"/> needs <paramref name="other"/> (written on the command line); <paramref name="why"/> is added to the message.</summary>
    public static void Needs(this Command command, Option option, Option other, string? why = null) =>
        command.Validators.Add(result =>
        {
            if (result.GivenValid(option) && !result.Given(other)) result.AddError($"{option.Name} needs {other.Name}{(why is null ? "" : " " + why)}.");
        });

    /// <summary>At most one of <paramref name="options"/> may be written on the command line.</summary>
    public static void Excludes(this Command command, params Option[] options) =>
        command.Validators.Add(result =>
        {
            var given = options.Where(o => result.GivenValid(o)).ToList();
            if (given.Count > 1) result.AddError($"Give {string.Join(" or ", given.Select(o => o.Name))}, not both.");
        });

    private static string Format<T>(T value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => "nothing",
        _ => value.ToString() ?? "",
    };
}
