using System.IO.Compression;
using System.Security.Cryptography;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>Ensembles save with their members as nested model files and reload bit-identically; damage is reported with the entry.</summary>
[Collection(TorchCollection.Name)]
public sealed class EnsemblePersistenceTests(EnsembleMembers members) : IClassFixture<EnsembleMembers>, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _directory.Dispose();

    private string SaveBinary()
    {
        var schema = EnsembleMembers.BinaryData(_ml, EnsembleMembers.TestRows).Schema;
        string path = _directory.File("ensemble.zip");
        _ml.Model.SaveCnn(_ml.Model.CreateCnnEnsemble(members.Binary, schema), schema, path);
        return path;
    }

    [Fact]
    public void A_binary_ensemble_scores_bit_identically_after_reload()
    {
        var schema = EnsembleMembers.BinaryData(_ml, EnsembleMembers.TestRows).Schema;
        var ensemble = _ml.Model.CreateCnnEnsemble(members.Binary, schema);
        var (loaded, loadedSchema) = RoundTrip.SaveAndLoad(_ml, ensemble, schema, _directory);

        RoundTrip.AssertSameScores<BinaryPrediction>(_ml, ensemble, loaded);
        Assert.Equal(OutputComparison.Describe(schema), OutputComparison.Describe(loadedSchema));
        var reloaded = Assert.IsType<CnnEnsemble>(Assert.Single((TransformerChain<ITransformer>)loaded));
        Assert.Equal(2, reloaded.Members.Count);
        Assert.Equal(["Zou2019", "DeepBind"], reloaded.MemberNetworks.Select(n => n.Model.Spec.Name));

        using var zip = ZipFile.OpenRead(_directory.File("model.zip"));
        Assert.Equal(["manifest.json", "input-schema.mlnet.zip", "00-ensemble.json", "00-ensemble.member0.zip", "00-ensemble.member1.zip"],
            zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void A_multiclass_ensemble_keeps_its_classes_and_scores_after_reload()
    {
        var test = EnsembleMembers.ClassData(_ml, EnsembleMembers.TestRows);
        var ensemble = _ml.Model.CreateCnnEnsemble(members.Multiclass, test.Schema);
        var (loaded, _) = RoundTrip.SaveAndLoad(_ml, ensemble, test.Schema, _directory);

        OutputComparison.AssertIdentical(ensemble.Transform(test), loaded.Transform(test));
        Assert.Equal(ensemble.ClassNames, Assert.IsType<CnnEnsemble>(Assert.Single((TransformerChain<ITransformer>)loaded)).ClassNames);
    }

    [Fact]
    public void A_truncated_ensemble_file_is_reported()
    {
        string path = SaveBinary();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.LoadCnn(path, out _));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void A_changed_member_is_reported_with_its_entry()
    {
        string path = SaveBinary();
        ModelFileEditing.RewriteEntry(path, "00-ensemble.member1.zip", bytes => { bytes[bytes.Length / 2] ^= 0x01; return bytes; });
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.LoadCnn(path, out _));
        Assert.Contains("'00-ensemble.member1.zip'", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Damage_inside_a_member_that_passes_the_outer_checksum_names_both_entries()
    {
        string path = SaveBinary();
        const string member = "00-ensemble.member1.zip";
        // Rewrite the member's own weights entry (valid zip CRC), then make the outer manifest agree with the new member bytes.
        string memberCopy = _directory.File("member.zip");
        File.WriteAllBytes(memberCopy, ModelFileEditing.ReadEntry(path, member));
        string weights;
        using (var zip = ZipFile.OpenRead(memberCopy))
            weights = zip.Entries.Select(e => e.FullName).Single(n => n.EndsWith(".weights", StringComparison.Ordinal));
        ModelFileEditing.RewriteEntry(memberCopy, weights, bytes => { bytes[^3] ^= 0x01; return bytes; });
        var changed = File.ReadAllBytes(memberCopy);
        ModelFileEditing.RewriteEntry(path, member, _ => changed);
        ModelFileEditing.RewriteManifest(path, manifest =>
        {
            foreach (var entry in manifest["entries"]!.AsArray())
            {
                if ((string?)entry!["name"] != member) continue;
                entry["length"] = changed.Length;
                entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(changed));
            }
        });

        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.LoadCnn(path, out _));
        Assert.Contains($"entry '{member}'", error.Message);
        Assert.Contains($"'{weights}'", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }
}
