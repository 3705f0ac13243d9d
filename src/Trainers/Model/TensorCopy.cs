using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Copies between managed buffers and tensors with exactly one copy each way and no managed
/// allocation, so batch buffers can be reused without the tensor aliasing them.
/// </summary>
internal static class TensorCopy
{
    /// <summary>A new (rows × columns) CPU float tensor holding a copy of <paramref name="values"/>, moved to <paramref name="device"/>.</summary>
    public static Tensor ToTensor(ReadOnlySpan<float> values, int rows, int columns, Device device)
    {
        var tensor = empty([rows, columns], ScalarType.Float32);
        // One block copy into the tensor's memory (TensorAccessor.CopyFrom goes element by element, ~10 ns each).
        MemoryMarshal.AsBytes(values[..(rows * columns)]).CopyTo(tensor.bytes);
        if (device.type == DeviceType.CPU) return tensor;
        using (tensor) return tensor.to(device);
    }

    /// <summary>Copies a float tensor (any device) into <paramref name="destination"/>, which must be at least as long.</summary>
    public static void ToSpan(Tensor tensor, Span<float> destination)
    {
        using var cpu = tensor.device.type == DeviceType.CPU ? tensor.contiguous() : tensor.to(CPU).contiguous();
        MemoryMarshal.Cast<byte, float>(cpu.bytes).CopyTo(destination);
    }

    /// <summary>Copies a tensor (any device, any floating type) as float64 into <paramref name="destination"/>, which must be at least as long.</summary>
    public static void ToSpan(Tensor tensor, Span<double> destination)
    {
        using var asDouble = tensor.to(ScalarType.Float64);
        using var cpu = asDouble.device.type == DeviceType.CPU ? asDouble.contiguous() : asDouble.to(CPU).contiguous();
        MemoryMarshal.Cast<byte, double>(cpu.bytes).CopyTo(destination);
    }
}
