using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Model;

public class TensorCopyTests
{
    public TensorCopyTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Copies_exactly_the_requested_rows_and_back()
    {
        var buffer = Enumerable.Range(0, 4 * 6).Select(i => i * 0.25f - 3f).ToArray(); // room for 4 rows of 6
        using var tensor = TensorCopy.ToTensor(buffer, rows: 3, columns: 6, torch.CPU);

        Assert.Equal(new long[] { 3, 6 }, tensor.shape);
        Assert.Equal(buffer[..18], tensor.data<float>().ToArray());
        buffer[0] = 99f;                                     // the tensor owns a copy
        Assert.Equal(-3f, tensor[0, 0].item<float>());

        var back = new float[18];
        TensorCopy.ToSpan(tensor.mul(2), back);
        Assert.Equal(tensor.data<float>().ToArray().Select(v => v * 2), back);
        Assert.Throws<ArgumentException>(() => TensorCopy.ToSpan(tensor, new float[17]));
    }
}
