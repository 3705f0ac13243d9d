using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// A saved model split at its CNN: the transformers before the <see cref="CnnPredictionTransformer"/>
/// (sequence encoding, …) and the CNN itself, for commands that look inside the network.
/// </summary>
internal sealed class CnnModelInput
{
    private readonly IReadOnlyList<ITransformer> _before;

    private CnnModelInput(CnnPredictionTransformer cnn, IReadOnlyList<ITransformer> before)
    {
        Cnn = cnn;
        _before = before;
    }

    /// <summary>The network stage.</summary>
    public CnnPredictionTransformer Cnn { get; }

    /// <summary>
    /// Splits <paramref name="model"/> (a loaded chain, possibly nested) before its last CNN stage; for an
    /// ensemble, the pipeline of the member <paramref name="member"/> chosen with <c>--member</c>. Tools that look
    /// inside one network never pick a member on their own: averaging feature maps, filters or attributions of
    /// different networks would mean nothing.
    /// </summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="member">The <c>--member</c> value, or null when not given.</param>
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="path">The model file, for messages.</param>
    /// <exception cref="CliUserException">An ensemble without <c>--member</c>, a member out of range, or <c>--member</c> with a single model.</exception>
    public static CnnModelInput Of(ITransformer model, int? member, string command, string path)
    {
        if (CnnChain.FindEnsemble(model) is { } ensemble)
        {
            int count = ensemble.Members.Count;
            if (member is not int chosen)
                throw new CliUserException($"'{path}' is an ensemble of {count} members; {command} needs one network and does not pick a member on its own: "
                    + $"choose one with --member 0 to {count - 1}.");
            if (chosen < 0 || chosen >= count)
                throw new CliUserException($"--member {chosen} is not a member of the ensemble '{path}', which has members 0 to {count - 1}.");
            return CliErrors.UserInput(() => Of(ensemble.Members[chosen]));
        }
        if (member is not null)
            throw new CliUserException($"--member applies to ensemble models; '{path}' is a single model.");
        return CliErrors.UserInput(() => Of(model)); // a model without a CNN stage
    }

    /// <summary>
    /// For commands that can average over an ensemble's members (attributions, motif discovery): an
    /// ensemble without <c>--member</c> is returned whole, split at its first member (the members share
    /// one encoding); anything else is split as <see cref="Of(ITransformer, int?, string, string)"/> does.
    /// </summary>
    /// <exception cref="CliUserException">A member out of range, or <c>--member</c> with a single model.</exception>
    public static (CnnModelInput Split, CnnEnsemble? Ensemble) OfOrEnsemble(ITransformer model, int? member, string command, string path)
    {
        var ensemble = member is null ? CnnChain.FindEnsemble(model) : null;
        if (ensemble is null) return (Of(model, member, command, path), null);
        var inputs = ensemble.MemberNetworks.Select(n => n.Model.Input).Distinct().ToList();
        var columns = ensemble.MemberNetworks.Select(n => n.FeatureColumnName).Distinct().ToList();
        if (inputs.Count > 1 || columns.Count > 1)
            throw new CliUserException($"'{path}' is an ensemble whose {ensemble.Members.Count} members read different inputs ({string.Join(", ", inputs)}); {command} averages over "
                + $"members only when they read one input: choose one with --member 0 to {ensemble.Members.Count - 1}.");
        return (CliErrors.UserInput(() => Of(ensemble.Members[0])), ensemble);
    }

    /// <summary>Splits <paramref name="model"/> (a loaded chain, possibly nested, not an ensemble) before its last CNN stage.</summary>
    public static CnnModelInput Of(ITransformer model)
    {
        var (before, cnn) = CnnChain.Split(model);
        return new CnnModelInput(cnn, before.ToList());
    }

    /// <summary>
    /// Applies the stages before the CNN: the input's columns plus the CNN's feature column
    /// (<see cref="CnnPredictionTransformer.FeatureColumnName"/>), without scoring.
    /// </summary>
    public IDataView Encode(IDataView input)
    {
        var data = input;
        foreach (var stage in _before) data = stage.Transform(data);
        return data;
    }

    /// <summary>The <c>--member</c> option of the commands that need one network.</summary>
    public static Option<int?> MemberOption() => new("--member")
    {
        HelpName = "K",
        Description = "For an ensemble model: the member (0-based) whose network to use; this command needs one network.",
    };
}
