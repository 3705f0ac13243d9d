using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The host memory of one batch, allocated once and refilled in place for every batch: a
/// (capacity × columns) float32 CPU tensor whose memory readers write directly through
/// <see cref="Values"/>, so a batch reaches the network without a managed buffer in between.
/// <list type="bullet">
/// <item>CPU model: <see cref="Upload"/> returns a view of the first rows; no copy at all.</item>
/// <item>CUDA model: the memory is page-locked (pinned), and <see cref="Upload"/> starts an
/// asynchronous copy to the device; the next write through <see cref="Values"/> first waits for
/// that copy, so refilling never races it.</item>
/// </list>
/// The tensor <see cref="Upload"/> returns is valid until the buffer is next written; callers that
/// keep a batch longer clone it.
/// </summary>
internal sealed class HostBatchBuffer : IDisposable
{
    private readonly Tensor _host;
    private readonly Device _device;
    private bool _uploadPending;

    public HostBatchBuffer(int capacity, int columns, Device device)
    {
        if (capacity < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(capacity), $"A batch buffer needs at least one row and one column (got {capacity} × {columns}).");
        Capacity = capacity;
        Columns = columns;
        _device = device;
        // Owned by this buffer for its whole life, never by a caller's dispose scope.
        var host = empty([capacity, columns], ScalarType.Float32, device: CPU).DetachFromDisposeScope();
        if (device.type == DeviceType.CUDA)
        {
            // Page-locked memory lets the copy to the GPU run asynchronously (and faster).
            _host = host.pin_memory().DetachFromDisposeScope();
            host.Dispose();
        }
        else
        {
            _host = host;
        }
    }

    /// <summary>Rows the buffer holds.</summary>
    public int Capacity { get; }

    /// <summary>Values per row.</summary>
    public int Columns { get; }

    /// <summary>Whether the host memory is pinned (only for a CUDA model).</summary>
    public bool IsPinned => _host.is_pinned();

    /// <summary>The whole buffer, row-major (row r at r × <see cref="Columns"/>); waits for a pending upload first.</summary>
    public Span<float> Values
    {
        get
        {
            WaitForUpload();
            return MemoryMarshal.Cast<byte, float>(_host.bytes);
        }
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows as a (rows × columns) tensor on the model's device:
    /// a view of the host memory on CPU, an asynchronous copy on CUDA. Dispose it when done; it is
    /// valid until the buffer is next written.
    /// </summary>
    public Tensor Upload(int rows)
    {
        if (rows < 1 || rows > Capacity) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The buffer holds 1 to {Capacity} rows.");
        var view = _host.narrow(0, 0, rows);
        if (_device.type == DeviceType.CPU) return view;
        _uploadPending = true;
        using (view) return view.to(_device, copy: false, disposeAfter: false, non_blocking: true);
    }

    private void WaitForUpload()
    {
        if (!_uploadPending) return;
        torch.cuda.synchronize(_device);
        _uploadPending = false;
    }

    public void Dispose()
    {
        WaitForUpload();
        _host.Dispose();
    }
}
