using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// The <see cref="IRowToRowMapper"/> of an <see cref="AppendedColumnsBinding"/>: what
/// <see cref="ITransformer.GetRowToRowMapper"/> returns, and what
/// <see cref="PredictionEngine{TSrc, TDst}"/> and transformer chains use to map single rows.
/// </summary>
internal sealed class AppendedColumnsRowToRowMapper : IRowToRowMapper
{
    private readonly AppendedColumnsBinding _binding;

    /// <summary>Wraps <paramref name="binding"/>.</summary>
    public AppendedColumnsRowToRowMapper(AppendedColumnsBinding binding) => _binding = binding;

    /// <inheritdoc/>
    public DataViewSchema InputSchema => _binding.InputSchema;

    /// <inheritdoc/>
    public DataViewSchema OutputSchema => _binding.OutputSchema;

    /// <inheritdoc/>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        _binding.InputColumnsNeeded(dependingColumns);

    /// <inheritdoc/>
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        _binding.CheckInputSchema(input.Schema, nameof(input));
        return new AppendedColumnsRow(_binding, input, _binding.ActiveAppended(activeColumns));
    }
}
