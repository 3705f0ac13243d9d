using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// Appends the encoded column to rows of one input schema; each getter call encodes the current
/// row into the caller's buffer.
/// </summary>
internal sealed class OneHotSequenceMapper : IAppendedColumnsMapper
{
    private readonly SequenceWindowEncoder _encoder;
    private readonly DataViewSchema.Column _input;

    /// <summary>Binds the encoder to <paramref name="inputSchema"/>, whose input column must already be checked.</summary>
    public OneHotSequenceMapper(
        SequenceWindowEncoder encoder, DataViewSchema inputSchema, DataViewSchema.Column input, string outputColumnName, DataViewSchema.Annotations annotations)
    {
        _encoder = encoder;
        _input = input;
        InputSchema = inputSchema;
        AppendedColumns =
        [
            new DataViewSchema.DetachedColumn(
                outputColumnName, new VectorDataViewType(NumberDataViewType.Single, encoder.Spec.VectorSize), annotations),
        ];
    }

    /// <inheritdoc/>
    public DataViewSchema InputSchema { get; }

    /// <inheritdoc/>
    public IReadOnlyList<DataViewSchema.DetachedColumn> AppendedColumns { get; }

    /// <inheritdoc/>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IReadOnlyList<bool> activeAppended) =>
        activeAppended[0] ? [_input] : [];

    /// <inheritdoc/>
    public Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeAppended) =>
        [activeAppended[0] ? CreateGetter(input) : null];

    private Delegate CreateGetter(DataViewRow input)
    {
        var readText = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[_input.Index]);
        var encoder = _encoder;
        string inputName = _input.Name;
        int size = encoder.Spec.VectorSize;
        ReadOnlyMemory<char> text = default;

        // Encodes straight into the caller's buffer: no per-cursor cache, because a second read at
        // the same position is rare and a cache costs a full copy of every row (measured: 0.89x the
        // plain loop with a cache, 0.99x without).
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            readText(ref text);
            var sequence = text.Span;
            if (sequence.IsEmpty)
            {
                throw SequenceErrors.Empty(inputName, SourceRow(input));
            }
            var editor = VBufferEditor.Create(ref value, size);
            int illegal = encoder.Encode(sequence, editor.Values);
            if (illegal >= 0)
            {
                throw SequenceErrors.IllegalCharacter(inputName, SourceRow(input), sequence, illegal, encoder);
            }
            value = editor.Commit();
        };
        return getter;
    }

    // The row as the source numbers it (its row id): after a split, filter or shuffle, Position
    // counts rows of this view, which is not the file's row. Read only on the error path.
    private static long SourceRow(DataViewRow input)
    {
        DataViewRowId id = default;
        input.GetIdGetter()(ref id);
        return (long)id.Low;
    }
}
