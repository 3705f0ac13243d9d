namespace Cnn.MLNet.Onnx;

/// <summary>What the exported graph takes as input.</summary>
public enum OnnxInputKind
{
    /// <summary>
    /// The model's feature vector, as the trainer saw it: a float tensor [N, size] (one-hot
    /// sequences channel-major, or image pixels C × H × W). Works for every model.
    /// </summary>
    Features,

    /// <summary>
    /// The characters of one sequence as ML.NET's <c>TokenizeIntoCharactersAsKeys</c> gives them
    /// (key&lt;UInt16&gt; = the UTF-16 code, a uint16 tensor [1, n]); the graph does the one-hot
    /// lookup, padding or truncation and layout. Sequence models only.
    /// </summary>
    CharacterKeys,
}

/// <summary>Options of <see cref="CnnOnnx.Export(Trainers.CnnModel, Stream, CnnOnnxExportOptions?)"/>.</summary>
public sealed class CnnOnnxExportOptions
{
    /// <summary>The graph's input. Default <see cref="OnnxInputKind.Features"/>.</summary>
    public OnnxInputKind Input { get; set; } = OnnxInputKind.Features;

    /// <summary>
    /// The name of the graph's input, which ML.NET's <c>ApplyOnnxModel</c> binds to the column of
    /// the same name. Default null: "Features" for <see cref="OnnxInputKind.Features"/>,
    /// "Tokens" for <see cref="OnnxInputKind.CharacterKeys"/>.
    /// </summary>
    public string? InputName { get; set; }

    /// <summary>
    /// For <see cref="OnnxInputKind.CharacterKeys"/>: whether the tokenizer adds its start and end
    /// markers (ML.NET's <c>useMarkerCharacters</c>, default true there and here); the graph drops them.
    /// </summary>
    public bool TokenizerMarkers { get; set; } = true;

    /// <summary>
    /// For <see cref="OnnxInputKind.CharacterKeys"/>: how the graph encodes a character outside the
    /// alphabet. Default null: as the model's encoding does. A graph cannot raise an error, so a model
    /// whose encoding uses <see cref="Transforms.UnknownCharacterPolicy.Error"/> (the encoder's default)
    /// is refused unless this is set to <see cref="Transforms.UnknownCharacterPolicy.Zeros"/>; the graph
    /// then also outputs <c>UnknownCharacters</c>, the number of such characters in the row, so a
    /// caller can still reject those rows.
    /// </summary>
    public Transforms.UnknownCharacterPolicy? UnknownCharacters { get; set; }
}
