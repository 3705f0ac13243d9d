using System.CommandLine;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>Whether an option was written on the command line, as opposed to taking its default.</summary>
internal static class OptionPresence
{
    /// <summary>True when <paramref name="option"/> was given explicitly.</summary>
    public static bool Given(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
