using Microsoft.ML;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// The getters of one row or cursor over an <see cref="AppendedColumnsBinding"/>: input columns
/// are served by the upstream row, appended columns by getters created once, when the row or
/// cursor is created, for the active ones only. Shared by <see cref="AppendedColumnsRow"/> and
/// <see cref="AppendedColumnsCursor"/>.
/// </summary>
internal sealed class AppendedColumnGetters
{
    private readonly AppendedColumnsBinding _binding;
    private readonly DataViewRow _input;
    private readonly Delegate?[] _getters;

    /// <summary>Creates the getters of the active appended columns over <paramref name="input"/>.</summary>
    public AppendedColumnGetters(AppendedColumnsBinding binding, DataViewRow input, IReadOnlyList<bool> activeAppended)
    {
        _binding = binding;
        _input = input;
        _getters = activeAppended.Any(a => a) ? binding.Mapper.CreateGetters(input, activeAppended) : new Delegate?[activeAppended.Count];
    }

    /// <summary>Whether the output column is active.</summary>
    public bool IsColumnActive(DataViewSchema.Column column)
    {
        int index = Check(column);
        return index < _binding.InputColumnCount
            ? _input.IsColumnActive(_binding.InputSchema[index])
            : _getters[index - _binding.InputColumnCount] is not null;
    }

    /// <summary>The getter of an output column.</summary>
    /// <exception cref="InvalidOperationException">The column is inactive, or <typeparamref name="TValue"/> is not its type.</exception>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(column);
        if (index < _binding.InputColumnCount)
        {
            return _input.GetGetter<TValue>(_binding.InputSchema[index]);
        }

        var getter = _getters[index - _binding.InputColumnCount]
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' was not requested when the cursor was created, so it has no getter; request it in the columns needed.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {_binding.OutputSchema[index].Type} (raw type {_binding.OutputSchema[index].Type.RawType.Name}); "
                + $"it cannot be read as {typeof(TValue).Name}.");
    }

    private int Check(DataViewSchema.Column column)
    {
        var schema = _binding.OutputSchema;
        if (column.Index < 0 || column.Index >= schema.Count || schema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) is not a column of this row's schema.");
        }
        return column.Index;
    }
}
