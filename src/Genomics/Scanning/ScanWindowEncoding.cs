using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The window already encoded as the model's one-hot encoder encodes it, in the encoder's own
/// output column (same name, size and spec annotation, so the CNN's input check passes): the bases
/// are widened from the genome's bytes into one reused buffer and encoded by the encoder's own
/// code (<see cref="OneHotSequenceTransformer.EncodeRow"/>), so values, IUPAC and soft-mask
/// handling and error messages are the text path's, without a string or the encoder's ML.NET row
/// per window.
/// </summary>
internal sealed class ScanWindowEncoding(OneHotSequenceTransformer encoder) : ScanWindowColumn(encoder.OutputColumn)
{
    /// <inheritdoc/>
    public override Delegate CreateGetter(ScanWindowCursor cursor)
    {
        var window = new char[cursor.WindowLength];
        // The row a refused window is reported at: the text path reports the window view's row id, which is its position.
        Func<long> row = () => cursor.Position;
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            cursor.CopyWindow(window);
            encoder.EncodeRow(window, ref value, row);
        };
        return getter;
    }
}
