using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Model;

public class HostBatchBufferTests
{
    public HostBatchBufferTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Upload_on_CPU_is_a_view_of_the_first_rows_without_a_copy()
    {
        using var buffer = new HostBatchBuffer(capacity: 4, columns: 3, CPU);
        Assert.False(buffer.IsPinned); // pinning is only for CUDA models
        var values = buffer.Values;
        for (int i = 0; i < values.Length; i++) values[i] = i;

        using var batch = buffer.Upload(2);
        Assert.Equal(new long[] { 2, 3 }, batch.shape);
        Assert.Equal(DeviceType.CPU, batch.device_type);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, batch.data<float>().ToArray());

        // Same memory: the next refill shows through, which is why callers use a batch before refilling.
        buffer.Values[0] = 42;
        Assert.Equal(42f, batch[0, 0].item<float>());
    }

    [Fact]
    public void The_buffer_outlives_the_dispose_scope_it_was_made_in()
    {
        HostBatchBuffer buffer;
        using (NewDisposeScope()) buffer = new HostBatchBuffer(2, 2, CPU);
        using (buffer)
        {
            buffer.Values.Fill(1.5f);
            using var batch = buffer.Upload(2);
            Assert.Equal(6f, batch.sum().item<float>());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Upload_refuses_row_counts_outside_the_capacity(int rows)
    {
        using var buffer = new HostBatchBuffer(4, 3, CPU);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Upload(rows));
    }
}
