namespace Cnn.MLNet.Trainers;

/// <summary>A non-linearity applied after a convolution or dense layer.</summary>
public enum Activation
{
    /// <summary>Identity: no non-linearity.</summary>
    None,
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>Gaussian error linear unit.</summary>
    Gelu,
    /// <summary>Exponential linear unit.</summary>
    Elu,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,
}

/// <summary>How a convolution treats the sequence ends.</summary>
public enum ConvPadding
{
    /// <summary>No padding: the output is shorter by dilation × (kernel − 1) positions.</summary>
    Valid,
    /// <summary>Zero padding so the output has as many positions as the input (stride 1 only).</summary>
    Same,
}

/// <summary>Pooling over positions after a convolution.</summary>
public enum Pooling
{
    /// <summary>No pooling.</summary>
    None,
    /// <summary>Maximum over each window.</summary>
    Max,
    /// <summary>Mean over each window.</summary>
    Average,
}
