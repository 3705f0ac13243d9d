namespace Cnn.MLNet.Onnx;

/// <summary>
/// The ONNX versions every exported model declares. Opset 17 (ONNX 1.12) with IR version 8: every
/// operator the export needs exists there with the signature used (Conv, BatchNormalization-15,
/// MaxPool/AveragePool, Gemm, Softmax-13, ReduceMean with an <c>axes</c> attribute, Pad and Slice with
/// tensor inputs, Erf for GELU), and ONNX Runtime has run opset 17 since version 1.12, so the files
/// also load in older runtimes than the 1.31 this project is tested with.
/// </summary>
public static class OnnxVersions
{
    /// <summary>The ONNX IR version written into <c>ModelProto.ir_version</c>.</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set version.</summary>
    public const long Opset = 17;

    /// <summary>The producer name written into the model.</summary>
    public const string Producer = "Cnn.MLNet";
}
