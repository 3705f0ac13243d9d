namespace Cnn.MLNet.Trainers;

/// <summary>
/// Analytic floating-point operation counts of a network, from the per-layer
/// <see cref="LayerShape.MultiplyAdds"/> that <see cref="NetworkShapes.Infer(NetworkSpec, int, int, int)"/>
/// fills in. One multiply-accumulate counts as two FLOPs. Bias additions, batch norm, activations,
/// pooling and dropout are not counted (a few per cent at most for the usual networks).
/// </summary>
internal static class NetworkCost
{
    /// <summary>FLOPs of one row's forward pass: 2 × the sum of every layer's <see cref="LayerShape.MultiplyAdds"/>.</summary>
    /// <param name="shapes">The layer shapes from <see cref="NetworkShapes"/>.</param>
    /// <returns>Forward FLOPs for one input row.</returns>
    public static double ForwardFlops(IReadOnlyList<LayerShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        double multiplyAdds = 0;
        foreach (var shape in shapes) multiplyAdds += shape.MultiplyAdds;
        return 2 * multiplyAdds;
    }

    /// <summary>
    /// FLOPs of one row's training step: 3 × <see cref="ForwardFlops"/>, the usual convention that the
    /// backward pass costs about twice the forward (one gradient with respect to the inputs and one
    /// with respect to the weights, each as costly as the forward). It overcounts the first layer,
    /// whose input gradient is not needed, and leaves out the loss and the optimiser update.
    /// </summary>
    /// <param name="shapes">The layer shapes from <see cref="NetworkShapes"/>.</param>
    /// <returns>Training FLOPs (forward + backward) for one input row.</returns>
    public static double TrainingStepFlops(IReadOnlyList<LayerShape> shapes) => 3 * ForwardFlops(shapes);
}
