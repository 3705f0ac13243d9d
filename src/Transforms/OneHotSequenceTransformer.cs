using Cnn.MLNet.Transforms.MLNetInterop;
using Cnn.MLNet.Transforms.OneHot;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms;

/// <summary>
/// Encodes a text column of sequences into a known-size <c>vector&lt;float&gt;</c> column of
/// (channels × length) values, channel-major (index = channel × length + position), as
/// described by <see cref="Spec"/>. Produced by <see cref="OneHotSequenceEstimator.Fit"/>, or
/// rebuilt from a saved spec with <see cref="Create"/>. Thread-safe; transforming is lazy
/// (rows are encoded as a cursor reads them) and other columns pass through unchanged.
/// </summary>
/// <remarks>
/// The output column carries the spec as a <see cref="SequenceEncodingSpec.AnnotationKind"/>
/// annotation, which downstream components read with <see cref="SequenceEncodingSpec.TryRead"/>.
/// Data errors (an empty or missing sequence, an illegal character under
/// <see cref="UnknownCharacterPolicy.Error"/>) surface as
/// <see cref="InvalidOperationException"/> when the row is read, naming the column, the row
/// (0-based cursor position), the character and its position.
/// </remarks>
public sealed class OneHotSequenceTransformer : ITransformer, ISavableComponent
{
    private readonly SequenceWindowEncoder _encoder;

    internal OneHotSequenceTransformer(SequenceEncodingSpec spec, string outputColumnName, string inputColumnName)
    {
        Spec = spec;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        _encoder = new SequenceWindowEncoder(spec);

        string json = spec.ToJson();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(SequenceEncodingSpec.AnnotationKind, TextDataViewType.Instance,
            (ref ReadOnlyMemory<char> value) => value = json.AsMemory());
        OutputColumn = new DataViewSchema.DetachedColumn(
            outputColumnName, new VectorDataViewType(NumberDataViewType.Single, spec.VectorSize), annotations.ToAnnotations());
    }

    /// <summary>The encoding this transformer applies.</summary>
    public SequenceEncodingSpec Spec { get; }

    /// <summary>The name of the text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The name of the encoded column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column <see cref="Transform"/> appends: its name, type and spec annotation.</summary>
    internal DataViewSchema.DetachedColumn OutputColumn { get; }

    /// <summary>Always true: every row is encoded on its own, so single rows can be mapped.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>
    /// Rebuilds a transformer from a spec, e.g. one read back from a saved model with
    /// <see cref="SequenceEncodingSpec.FromJson"/>. The result encodes exactly as the
    /// transformer that the spec came from.
    /// </summary>
    /// <param name="mlContext">The ML.NET context (kept for symmetry with ML.NET's own factories).</param>
    /// <param name="spec">The encoding.</param>
    /// <param name="outputColumnName">The name of the encoded column.</param>
    /// <param name="inputColumnName">The name of the text column; null means <paramref name="outputColumnName"/>.</param>
    public static OneHotSequenceTransformer Create(
        MLContext mlContext, SequenceEncodingSpec spec, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (inputColumnName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        }
        return new OneHotSequenceTransformer(spec, outputColumnName, inputColumnName ?? outputColumnName);
    }

    /// <summary>The input schema with the encoded column appended (hiding an input column of the same name).</summary>
    /// <exception cref="ArgumentException">The input column is missing or is not text.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema, nameof(inputSchema)).OutputSchema;

    /// <summary>Encodes lazily: returns a view whose cursors encode each row as it is read.</summary>
    /// <exception cref="ArgumentException">The input column is missing or is not text (checked now, not when reading).</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new AppendedColumnsDataView(input, Bind(input.Schema, nameof(input)));
    }

    /// <summary>The single-row mapper used by <see cref="PredictionEngine{TSrc, TDst}"/>.</summary>
    /// <exception cref="ArgumentException">The input column is missing or is not text.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        new AppendedColumnsRowToRowMapper(Bind(inputSchema, nameof(inputSchema)));

    /// <summary>
    /// Encodes one row's characters as <see cref="Transform"/> encodes the input column's text, with
    /// the same checks and messages (naming <see cref="InputColumnName"/> and <paramref name="row"/>),
    /// for callers that hold the characters without a text column: the genome scanner encodes
    /// windows straight from the genome's bytes.
    /// </summary>
    /// <param name="sequence">The row's characters.</param>
    /// <param name="value">Receives the encoded row (its buffer reused when large enough).</param>
    /// <param name="row">The row for messages; called only when the row is refused.</param>
    /// <exception cref="InvalidOperationException">The sequence is empty, or holds a character the spec's policy rejects.</exception>
    internal void EncodeRow(ReadOnlySpan<char> sequence, ref VBuffer<float> value, Func<long> row) =>
        OneHotSequenceMapper.EncodeRow(_encoder, InputColumnName, sequence, ref value, row);

    // Upstream: third-party transformers cannot implement ML.NET's saving (ModelSaveContext is internal):
    // https://github.com/dotnet/machinelearning/issues/4911, https://github.com/dotnet/machinelearning/issues/6839
    /// <summary>Not supported: see the exception's message.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "OneHotSequenceTransformer cannot be saved with MLContext.Model.Save: ML.NET has no public way to "
            + "register a loader for a third-party transformer. Save the fitted pipeline with Cnn.MLNet's model "
            + "container, ml.Model.SaveCnn (package Cnn.MLNet.Trainers), which stores the encoding spec's JSON "
            + "(Spec.ToJson()); OneHotSequenceTransformer.Create(mlContext, SequenceEncodingSpec.FromJson(json), output, input) rebuilds it.");

    string ISavableComponent.ComponentKind => OneHotSequenceCodec.Kind;

    int ISavableComponent.ComponentVersion => OneHotSequenceCodec.ComponentVersion;

    void ISavableComponent.Save(IComponentWriter writer) => OneHotSequenceCodec.Save(this, writer);

    private AppendedColumnsBinding Bind(DataViewSchema inputSchema, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(inputSchema, parameterName);
        var input = SchemaLookup.GetColumn(inputSchema, InputColumnName, SequenceErrors.Component, parameterName);
        if (!SchemaLookup.IsScalarText(input.Type))
        {
            throw SchemaLookup.WrongType(InputColumnName, SequenceErrors.Component,
                "text (String, one sequence per row)", SchemaLookup.Describe(input.Type), parameterName);
        }
        return new AppendedColumnsBinding(new OneHotSequenceMapper(_encoder, inputSchema, input, OutputColumn));
    }
}
