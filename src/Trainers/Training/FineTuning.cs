using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Starts a network from a trained model's weights (transfer learning, as users know it from
/// Microsoft.ML.Vision): same architecture and input, every weight copied except — when the new
/// task has a different number of outputs, or when asked — the output layer, which keeps its fresh
/// initialisation. Optionally the convolutional trunk is frozen.
/// </summary>
internal static class FineTuning
{
    /// <summary>The architecture to build: the start model's (an explicit Network must be the same).</summary>
    public static NetworkSpec Architecture(CnnModel start, NetworkSpec? requested)
    {
        if (requested != null && !requested.SameAs(start.Spec))
            throw new ArgumentException($"Cnn trainer: Network is set to '{requested.Name}' but StartFrom is a '{start.Spec.Name}' model; fine-tuning keeps the start model's architecture, so leave Network unset.");
        return start.Spec;
    }

    /// <summary>Checks the new input against the start model's.</summary>
    public static void CheckInput(CnnModel start, InputShape input)
    {
        if (start.Input.Height != input.Height || start.Input.Channels != input.Channels || start.Input.Length != input.Length)
            throw new ArgumentException($"Cnn trainer: StartFrom was trained on inputs of {start.Input}{(start.Input.IsImage ? " (channels × height × width)" : "")} but the feature column holds {input}; "
                + "fine-tuning needs the same input shape (resize images, or encode sequences to the same length).");
        if (start.Input.Encoding != null && input.Encoding != null) start.Input.Encoding.EnsureCompatible(input.Encoding);
    }

    /// <summary>
    /// Copies <paramref name="start"/>'s weights into <paramref name="network"/> (built from the same
    /// spec); the output layer is skipped when its size differs or <paramref name="resetOutput"/> is true.
    /// Returns whether the output layer was copied.
    /// </summary>
    public static bool CopyWeights(CnnModel start, CnnNetwork network, bool? resetOutput)
    {
        bool sameOutputs = start.Network.Outputs == network.Outputs;
        if (resetOutput == false && !sameOutputs)
            throw new ArgumentException($"Cnn trainer: ResetOutputLayer is false but StartFrom has {start.Network.Outputs} outputs and this task needs {network.Outputs}; the output layer must be replaced.");
        bool copyOutput = sameOutputs && resetOutput != true;
        var source = start.Network.state_dict();
        var target = network.state_dict();
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in target)
        {
            if (!copyOutput && name.StartsWith("layers.output.", StringComparison.Ordinal)) continue;
            if (!source.TryGetValue(name, out var from) || !from.shape.SequenceEqual(tensor.shape))
                throw new InvalidOperationException($"Cnn trainer: StartFrom has no weights '{name}' of shape [{string.Join(", ", tensor.shape)}]; the model does not match its own architecture.");
            tensor.copy_(from);
        }
        return copyOutput;
    }
}
