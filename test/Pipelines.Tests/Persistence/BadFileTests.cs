using System.IO.Compression;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>One small trained model (encoder + binary CNN), saved once, that each test damages in its own way.</summary>
public sealed class SavedBinaryModel
{
    public SavedBinaryModel()
    {
        var data = PersistenceData.Train(ML);
        Model = ML.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ML.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1 }))
            .Fit(data);
        Schema = data.Schema;
        using var buffer = new MemoryStream();
        ML.Model.SaveCnn(Model, Schema, buffer);
        Bytes = buffer.ToArray();
    }

    public const string Weights = "01-cnn.weights";

    public MLContext ML { get; } = new(seed: 1);
    public TransformerChain<Trainers.CnnPredictionTransformer> Model { get; }
    public DataViewSchema Schema { get; }
    public byte[] Bytes { get; }
}

[Collection(TorchCollection.Name)]
public sealed class BadFileTests(SavedBinaryModel saved) : IClassFixture<SavedBinaryModel>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string WriteGoodFile()
    {
        string path = _directory.File("model.zip");
        File.WriteAllBytes(path, saved.Bytes);
        return path;
    }

    private InvalidDataException LoadFails(string path)
    {
        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.LoadCnn(path, out _));
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void The_untouched_file_loads()
    {
        var loaded = saved.ML.Model.LoadCnn(WriteGoodFile(), out _);
        OutputComparison.AssertIdentical(saved.Model.Transform(PersistenceData.Test(saved.ML)), loaded.Transform(PersistenceData.Test(saved.ML)));
    }

    [Fact]
    public void The_manifest_comes_first_and_says_what_wrote_the_file()
    {
        using var zip = new ZipArchive(new MemoryStream(saved.Bytes));
        Assert.Equal("manifest.json", zip.Entries[0].FullName);
        Assert.Equal(["manifest.json", "input-schema.mlnet.zip", "00-oneHotSequence.json", "01-cnn.json", SavedBinaryModel.Weights], zip.Entries.Select(e => e.FullName));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(zip.Entries[0].Open())!;
        Assert.Equal("Cnn.MLNet model", (string?)manifest["format"]);
        Assert.Equal(1, (int)manifest["formatVersion"]!);
        Assert.StartsWith("Cnn.MLNet 0.", (string?)manifest["writtenBy"]);
        Assert.Equal(["oneHotSequence", "cnn"], manifest["components"]!.AsArray().Select(c => (string?)c!["kind"]));
        Assert.All(manifest["entries"]!.AsArray(), e => Assert.Matches("^[0-9a-f]{64}$", (string?)e!["sha256"]));
    }

    [Fact]
    public void A_truncated_file_is_reported()
    {
        string path = WriteGoodFile();
        File.WriteAllBytes(path, saved.Bytes[..(saved.Bytes.Length / 2)]);
        Assert.Contains("truncated or corrupt", LoadFails(path).Message);
    }

    [Fact]
    public void A_flipped_byte_in_the_weights_is_reported_with_the_entry()
    {
        string path = WriteGoodFile();
        var weights = ModelFileEditing.ReadEntry(path, SavedBinaryModel.Weights);
        var marker = weights.AsSpan(weights.Length / 2, 64).ToArray();
        int offset = saved.Bytes.AsSpan().IndexOf(marker);
        Assert.True(offset > 0, "weights are stored uncompressed");
        var damaged = saved.Bytes.ToArray();
        damaged[offset + 10] ^= 0x04;
        File.WriteAllBytes(path, damaged);

        Assert.Contains($"'{SavedBinaryModel.Weights}'", LoadFails(path).Message);
    }

    [Fact]
    public void Changed_weights_with_a_valid_zip_checksum_fail_the_SHA_256_check()
    {
        string path = WriteGoodFile();
        ModelFileEditing.RewriteEntry(path, SavedBinaryModel.Weights, bytes => { bytes[bytes.Length - 3] ^= 0x01; return bytes; });

        var message = LoadFails(path).Message;
        Assert.Contains($"'{SavedBinaryModel.Weights}'", message);
        Assert.Contains("SHA-256", message);
    }

    [Fact]
    public void A_newer_format_version_is_reported_as_such()
    {
        string path = WriteGoodFile();
        ModelFileEditing.RewriteManifest(path, m =>
        {
            m["formatVersion"] = ModelManifest.CurrentFormatVersion + 1;
            m["writtenBy"] = "Cnn.MLNet 9.1.0";
            m["somethingNew"] = true;
        });

        var message = LoadFails(path).Message;
        Assert.Contains($"written by a newer Cnn.MLNet (Cnn.MLNet 9.1.0, format version {ModelManifest.CurrentFormatVersion + 1})", message);
    }

    [Fact]
    public void A_component_of_a_newer_version_is_reported_with_its_kind()
    {
        string path = WriteGoodFile();
        ModelFileEditing.RewriteManifest(path, m =>
        {
            m["formatVersion"] = 2;
            m["writtenBy"] = "Cnn.MLNet 9.1.0";
            m["components"]![1]!["version"] = 7;
        });

        var message = LoadFails(path).Message;
        Assert.Contains("component 1 (cnn) in version 7, written by a newer Cnn.MLNet (Cnn.MLNet 9.1.0)", message);
        Assert.Contains("reads cnn components up to version 1", message);
    }

    [Fact]
    public void A_model_saved_by_ML_NET_is_not_ours()
    {
        string path = _directory.File("mlnet.zip");
        saved.ML.Model.Save(saved.ML.Transforms.CopyColumns("Copy", "Sequence").Fit(PersistenceData.Train(saved.ML)), saved.Schema, path);
        Assert.Contains("it is not a Cnn.MLNet model file (it is a zip archive without a manifest.json)", LoadFails(path).Message);
    }

    [Fact]
    public void A_manifest_of_another_format_is_not_ours()
    {
        string path = WriteGoodFile();
        ModelFileEditing.RewriteManifest(path, m => m["format"] = "Something else");
        Assert.Contains("names the format 'Something else'", LoadFails(path).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_reported()
    {
        string path = _directory.File("model.zip");
        File.WriteAllText(path, "Sequence\tLabel\nACGT\t1\n");
        Assert.Contains("not a zip archive", LoadFails(path).Message);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        string path = _directory.File("nothing-here.zip");
        var error = Assert.Throws<FileNotFoundException>(() => saved.ML.Model.LoadCnn(path, out _));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_entry_is_reported()
    {
        string path = WriteGoodFile();
        ModelFileEditing.DeleteEntry(path, SavedBinaryModel.Weights);
        Assert.Contains($"the entry '{SavedBinaryModel.Weights}' that its manifest lists is missing", LoadFails(path).Message);
    }

    [Theory]
    [InlineData("../01-cnn.weights")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\01-cnn.weights")]
    [InlineData("sub/../01-cnn.weights")]
    [InlineData("C:\\model\\01-cnn.weights")]
    [InlineData("..")]
    public void Entry_names_that_could_escape_are_rejected(string name)
    {
        string path = WriteGoodFile();
        ModelFileEditing.RenameInManifest(path, SavedBinaryModel.Weights, name);
        Assert.Contains($"names the entry '{name}', which is not a plain file name", LoadFails(path).Message);
    }

    [Fact]
    public void An_unknown_component_kind_is_reported()
    {
        string path = WriteGoodFile();
        ModelFileEditing.RewriteManifest(path, m => m["components"]![1]!["kind"] = "transformerXL");
        var message = LoadFails(path).Message;
        Assert.Contains("component 1 of the kind 'transformerXL', which this build", message);
        Assert.Contains($"written by {ModelManifest.LibraryVersion}", message);
    }

    [Fact]
    public void A_configuration_that_does_not_match_the_weights_is_reported_with_the_component()
    {
        string path = WriteGoodFile();
        string newName = "01-cnn-edited.json";
        // Replace the CNN's configuration with one for a wider network; manifest checksums updated so only the decoder can object.
        var config = System.Text.Encoding.UTF8.GetString(ModelFileEditing.ReadEntry(path, "01-cnn.json")).Replace("\"filters\": 32", "\"filters\": 33");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        using (var output = zip.CreateEntry(newName).Open())
            output.Write(System.Text.Encoding.UTF8.GetBytes(config));
        var bytes = System.Text.Encoding.UTF8.GetBytes(config);
        ModelFileEditing.RenameInManifest(path, "01-cnn.json", newName);
        ModelFileEditing.RewriteManifest(path, m =>
        {
            var entry = m["entries"]!.AsArray().Single(e => (string?)e!["name"] == newName)!;
            entry["length"] = bytes.Length;
            entry["sha256"] = ModelArchiveWriter.Sha256Hex(bytes);
        });

        var message = LoadFails(path).Message;
        Assert.Contains("component 1 (cnn) cannot be rebuilt", message);
        Assert.Contains("weights do not fit", message);
    }

    [Fact]
    public void Saving_a_custom_mapping_fails_before_touching_the_existing_file()
    {
        string path = WriteGoodFile();
        var scored = saved.Model.Transform(PersistenceData.Train(saved.ML));
        var mapping = saved.ML.Transforms.CustomMapping<ScoreInput, ScoreOutput>((input, output) => output.Doubled = 2 * input.Score, contractName: null).Fit(scored);
        var model = saved.Model.Append(mapping);

        var error = Assert.Throws<NotSupportedException>(() => saved.ML.Model.SaveCnn(model, saved.Schema, path));

        Assert.Contains("position 2", error.Message);
        Assert.Contains("CustomMappingTransformer<ScoreInput, ScoreOutput>", error.Message);
        Assert.Equal(saved.Bytes, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void A_failure_while_writing_leaves_the_previous_file_and_no_temporary_file()
    {
        string path = WriteGoodFile();
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));
        Assert.Equal(saved.Bytes, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it()
    {
        string path = _directory.File("model.zip");
        File.WriteAllText(path, "old");
        saved.ML.Model.SaveCnn(saved.Model, saved.Schema, path);
        // Not byte-for-byte: ML.NET's own segment is a zip with the save time in it, so the
        // compressed length can differ by a byte between two saves of the same model.
        Assert.InRange(new FileInfo(path).Length, saved.Bytes.Length - 64, saved.Bytes.Length + 64);
        Assert.NotNull(saved.ML.Model.LoadCnn(path, out _));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void An_unknown_third_party_transformer_is_named_with_its_position()
    {
        var model = new TransformerChain<ITransformer>(new PassThroughTransformer(), saved.Model);
        var error = Assert.Throws<NotSupportedException>(() => saved.ML.Model.SaveCnn(model, saved.Schema, new MemoryStream()));
        Assert.Contains("position 0", error.Message);
        Assert.Contains(typeof(PassThroughTransformer).FullName!, error.Message);
    }

    public sealed class ScoreInput
    {
        public float Score { get; set; }
    }

    public sealed class ScoreOutput
    {
        public float Doubled { get; set; }
    }

    private sealed class PassThroughTransformer : ITransformer
    {
        public bool IsRowToRowMapper => false;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();
        public IDataView Transform(IDataView input) => input;
        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }
}
