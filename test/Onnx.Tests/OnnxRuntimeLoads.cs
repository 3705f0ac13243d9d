using Microsoft.ML.OnnxRuntime;

namespace Cnn.MLNet.Onnx.Tests;

public class OnnxRuntimeLoads
{
    [Fact]
    public void The_native_runtime_loads() => Assert.NotEmpty(OrtEnv.Instance().GetAvailableProviders());
}
