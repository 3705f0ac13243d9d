using Cnn.MLNet.Transforms.MLNetInterop;
using Cnn.MLNet.Transforms.OneHot;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms;

/// <summary>
/// Estimator for <see cref="OneHotSequenceTransformer"/>: one-hot encodes DNA, RNA or protein
/// sequences from a text column into a (channels × length) <c>vector&lt;float&gt;</c> column.
/// Create it with <c>mlContext.Transforms.OneHotEncodeSequence(…)</c>. <see cref="Fit"/> only
/// needs the data when no <see cref="Options.Length"/> is given (it then learns the length);
/// it never changes the estimator.
/// </summary>
public sealed class OneHotSequenceEstimator : IEstimator<OneHotSequenceTransformer>
{
    private readonly Options _options;

    /// <summary>Creates the estimator, checking the options now rather than at <see cref="Fit"/>.</summary>
    /// <param name="options">The options; copied, so later changes to the object have no effect.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public OneHotSequenceEstimator(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
    }

    /// <summary>
    /// Checks the input column and returns the training transformer. When
    /// <see cref="Options.Length"/> is null, reads the input column once to learn the length:
    /// the longest sequence, capped at <see cref="Options.MaxLength"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The input column is missing or is not text.</exception>
    /// <exception cref="InvalidOperationException">
    /// The length must be learned but the data has no rows, or a row's sequence is empty.
    /// </exception>
    public OneHotSequenceTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = CheckInput(input.Schema, nameof(input));
        int length = _options.Length ?? LearnLength(input, column);
        var spec = new SequenceEncodingSpec(
            _options.Alphabet, length, _options.Anchor, _options.UnknownCharacters, _options.SoftMaskChannel, _options.ReverseComplement, _options.Order);
        return new OneHotSequenceTransformer(spec, _options.OutputColumnName, _options.InputColumnName ?? _options.OutputColumnName);
    }

    /// <summary>
    /// The input schema plus the encoded column: a known-size vector of Single (its size is
    /// only known after <see cref="Fit"/> when the length is learned) carrying the spec annotation.
    /// </summary>
    /// <exception cref="ArgumentException">The input column is missing or is not a scalar text column.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        string inputName = _options.InputColumnName ?? _options.OutputColumnName;
        var input = SchemaLookup.GetColumn(inputSchema, inputName, SequenceErrors.Component, nameof(inputSchema));
        if (!SchemaLookup.IsScalarText(input))
        {
            throw SchemaLookup.WrongType(inputName, SequenceErrors.Component,
                "text (String, one sequence per row)", SchemaLookup.Describe(input), nameof(inputSchema));
        }
        var output = SchemaShapeFactory.CreateColumn(
            _options.OutputColumnName,
            SchemaShape.Column.VectorKind.Vector,
            NumberDataViewType.Single,
            isKey: false,
            SchemaShapeFactory.TextAnnotations(SequenceEncodingSpec.AnnotationKind));
        return SchemaShapeFactory.WithColumns(inputSchema, output);
    }

    private DataViewSchema.Column CheckInput(DataViewSchema schema, string parameterName)
    {
        string inputName = _options.InputColumnName ?? _options.OutputColumnName;
        var column = SchemaLookup.GetColumn(schema, inputName, SequenceErrors.Component, parameterName);
        if (!SchemaLookup.IsScalarText(column.Type))
        {
            throw SchemaLookup.WrongType(inputName, SequenceErrors.Component,
                "text (String, one sequence per row)", SchemaLookup.Describe(column.Type), parameterName);
        }
        return column;
    }

    private int LearnLength(IDataView input, DataViewSchema.Column column)
    {
        int longest = 0;
        using (var cursor = input.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            // The row id, not the cursor's position: for loaders and in-memory data it is the row
            // in the source, and it survives filters such as a train/test split.
            var id = cursor.GetIdGetter();
            ReadOnlyMemory<char> text = default;
            while (cursor.MoveNext())
            {
                getter(ref text);
                if (text.IsEmpty)
                {
                    DataViewRowId row = default;
                    id(ref row);
                    throw SequenceErrors.Empty(column.Name, (long)row.Low);
                }
                longest = Math.Max(longest, text.Length);
            }
        }
        if (longest == 0)
        {
            throw new InvalidOperationException(
                $"{SequenceErrors.Component}: cannot learn the sequence length from column '{column.Name}' because the "
                + "training data has no rows. Set the length explicitly (Length option or the length argument).");
        }
        if (longest < _options.Order)
        {
            throw new InvalidOperationException(
                $"{SequenceErrors.Component}: the longest sequence in column '{column.Name}' has {longest} base(s), but Order = {_options.Order} "
                + $"needs windows of at least {_options.Order} bases (one {_options.Order}-mer). Use a lower Order or set Length.");
        }
        return Math.Min(longest, _options.MaxLength);
    }

    /// <summary>Options of <see cref="OneHotSequenceEstimator"/>; each property documents its default.</summary>
    public sealed class Options
    {
        /// <summary>The default of <see cref="MaxLength"/>: 100,000 positions.</summary>
        public const int DefaultMaxLength = 100_000;

        /// <summary>The name of the encoded output column. Default: "Features".</summary>
        public string OutputColumnName { get; set; } = "Features";

        /// <summary>
        /// The name of the text input column holding one sequence per row. Default: null, which
        /// means the same name as <see cref="OutputColumnName"/> (the output then hides the input).
        /// </summary>
        public string? InputColumnName { get; set; }

        /// <summary>The alphabet. Default: <see cref="SequenceAlphabet.Dna"/> (channels A, C, G, T).</summary>
        public SequenceAlphabet Alphabet { get; set; } = SequenceAlphabet.Dna;

        /// <summary>
        /// The fixed window length in bases (symbols): shorter sequences are padded with all-zero
        /// columns and longer ones truncated, as <see cref="Anchor"/> says. At <see cref="Order"/> 1
        /// it is also the number of encoded positions; at order k there are Length − k + 1. Default: null, which
        /// means <see cref="Fit"/> learns it as the longest training sequence, capped at
        /// <see cref="MaxLength"/>.
        /// </summary>
        public int? Length { get; set; }

        /// <summary>
        /// The cap on a learned length (unused when <see cref="Length"/> is set): longer training
        /// sequences are truncated to it, which bounds the encoded vector
        /// (channels × length floats per row). Default: <see cref="DefaultMaxLength"/> (100,000).
        /// </summary>
        public int MaxLength { get; set; } = DefaultMaxLength;

        /// <summary>Where sequences sit in the window when padded or truncated. Default: <see cref="SequenceAnchor.Left"/>.</summary>
        public SequenceAnchor Anchor { get; set; } = SequenceAnchor.Left;

        /// <summary>
        /// What a character outside the alphabet, its ambiguity codes and the gaps <c>-</c>
        /// <c>.</c> becomes. Default: <see cref="UnknownCharacterPolicy.Error"/>.
        /// </summary>
        public UnknownCharacterPolicy UnknownCharacters { get; set; } = UnknownCharacterPolicy.Error;

        /// <summary>
        /// Adds a last channel that is 1 where the input symbol was lowercase (soft-masked
        /// repeats) and 0 at uppercase symbols, gaps, unknown characters and padding. Lowercase
        /// is always accepted; without this channel case is ignored. Default: false.
        /// </summary>
        public bool SoftMaskChannel { get; set; }

        /// <summary>
        /// Encodes the reverse complement of the window instead (DNA and RNA only): the window is
        /// placed by <see cref="Anchor"/> on the given strand first, then flipped along positions
        /// with A↔T (U) and C↔G swapped, so IUPAC codes complement too (R↔Y, K↔M, B↔V, D↔H; S, W, N
        /// unchanged). The soft-mask channel flips along positions as well. At a k-mer <see cref="Order"/>
        /// the k-mers are read from the flipped window, so each channel holds its reverse-complement
        /// k-mer's values with positions reversed. Default: false.
        /// </summary>
        public bool ReverseComplement { get; set; }

        /// <summary>
        /// The k-mer order, as Janggu's <c>order</c>: 1 (the default) gives one channel per symbol
        /// (A, C, G, T); k gives one channel per k-mer, A^k in all (DNA order 2: 16 channels AA, AC, …,
        /// TT in lexicographic order of the alphabet's channels), and position i holds the k-mer
        /// starting at base i, so a window of <see cref="Length"/> bases has Length − k + 1 positions.
        /// <see cref="Length"/> (and a learned length) counts bases. A k-mer's column is the product
        /// of its bases' columns: ambiguity codes spread over k-mers, and a k-mer touching a gap,
        /// padding or a zeroed unknown character is all zero. Allowed: 1 to
        /// <see cref="SequenceEncodingSpec.MaxOrder"/>, with at most
        /// <see cref="SequenceEncodingSpec.MaxKmerChannels"/> channels (protein up to order 2); not
        /// with <see cref="SoftMaskChannel"/>. Default: 1.
        /// </summary>
        public int Order { get; set; } = 1;

        internal Options Clone() => (Options)MemberwiseClone();

        internal void Validate()
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(OutputColumnName, nameof(OutputColumnName));
            if (InputColumnName is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(InputColumnName, nameof(InputColumnName));
            }
            if (Length is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Length), Length,
                    "Length must be at least 1, or null to learn it from the training data.");
            }
            if (MaxLength < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "MaxLength must be at least 1.");
            }
            if (ReverseComplement && Alphabet == SequenceAlphabet.Protein)
            {
                throw new ArgumentException(
                    "ReverseComplement is defined for DNA and RNA only, not for Protein.", nameof(ReverseComplement));
            }
            // The spec checks the rest (defined enum values, a vector size that fits an array).
            _ = new SequenceEncodingSpec(Alphabet, Length ?? MaxLength, Anchor, UnknownCharacters, SoftMaskChannel, ReverseComplement, Order);
        }
    }
}
