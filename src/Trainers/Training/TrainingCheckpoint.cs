using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Everything a training run needs to continue after its last completed epoch, in one file
/// (<c>checkpoint.cnnckpt</c> in the checkpoint directory) written all or nothing after every epoch:
/// the weights and batch-norm statistics, the optimiser's state (Adam's moments and step count),
/// the best weights so far and the early-stopping and learning-rate-plateau counters, the history,
/// and libtorch's global random state (dropout). Shuffling and augmentation draw from per-epoch
/// seeds, so they need no saved state. On CPU a run resumed from epoch k ends with the same weights
/// as one never interrupted. A fingerprint of the settings refuses a checkpoint written by a
/// different run; a SHA-256 over the content refuses a damaged one.
/// </summary>
internal static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.cnnckpt";
    private const string Magic = "CNN.MLNET-CHECKPOINT";
    private const int FormatVersion = 1;

    // Losses start at +∞ (no best yet), which plain JSON cannot hold.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The counters that continue across epochs.</summary>
    public sealed record Progress(int EpochsCompleted, List<EpochReport> History, double BestLoss, int EpochsWithoutImprovement, LearningRateScheduler.State Schedule);

    /// <summary>What a loaded checkpoint restores besides the tensors it writes in place.</summary>
    public sealed record Restored(Progress Progress, Dictionary<string, Tensor>? Best);

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>Writes the checkpoint through a temporary file and a rename, so the previous one survives any failure.</summary>
    public static void Save(string directory, string fingerprint, Progress progress, CnnNetwork network, ParameterUpdate optimizer, Dictionary<string, Tensor>? best)
    {
        Directory.CreateDirectory(directory);
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(JsonSerializer.Serialize(progress, Json));
            WriteTensors(writer, network.state_dict());
            writer.Write(best != null);
            if (best != null) WriteTensors(writer, best);
            optimizer.Save(writer);
            using var rng = torch.random.get_rng_state();
            rng.Save(writer);
        }

        AtomicFile.Write(PathIn(directory), file =>
        {
            using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(fingerprint);
            writer.Write(payload.Length);
            writer.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
            writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
        });
    }

    /// <summary>
    /// Loads the checkpoint in <paramref name="directory"/> into <paramref name="network"/> and
    /// <paramref name="optimizer"/> and restores libtorch's random state; null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged or not a checkpoint.</exception>
    /// <exception cref="InvalidOperationException">It was written by a run with other settings.</exception>
    public static Restored? Load(string directory, string fingerprint, CnnNetwork network, ParameterUpdate optimizer)
    {
        string path = PathIn(directory);
        if (!File.Exists(path)) return null;
        byte[] payload;
        using (var file = File.OpenRead(path))
        using (var reader = new BinaryReader(file, Encoding.UTF8))
        {
            try
            {
                if (reader.ReadString() != Magic) throw Damaged(path, "it is not a Cnn.MLNet training checkpoint");
                int version = reader.ReadInt32();
                if (version != FormatVersion) throw Damaged(path, $"it has format version {version}; this build reads version {FormatVersion}");
                string written = reader.ReadString();
                if (written != fingerprint)
                    throw new InvalidOperationException($"Cnn trainer: the checkpoint '{path}' was written by a run with other settings, so it cannot be resumed with these. "
                        + $"Written: {written}. Now: {fingerprint}. Delete the checkpoint or resume with the settings it was written with.");
                long length = reader.ReadInt64();
                byte[] hash = reader.ReadBytes(32);
                if (length < 0 || length > file.Length) throw Damaged(path, "it is truncated");
                payload = reader.ReadBytes((int)length);
                if (payload.Length != length) throw Damaged(path, "it is truncated");
                if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash)) throw Damaged(path, "its content fails the SHA-256 check");
            }
            catch (EndOfStreamException)
            {
                throw Damaged(path, "it is truncated");
            }
        }

        using var stream = new MemoryStream(payload);
        using var data = new BinaryReader(stream, Encoding.UTF8);
        var progress = JsonSerializer.Deserialize<Progress>(data.ReadString(), Json) ?? throw Damaged(path, "it holds no training progress");
        ReadTensors(data, network.state_dict(), path);
        Dictionary<string, Tensor>? best = null;
        if (data.ReadBoolean())
        {
            best = network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
            ReadTensors(data, best, path);
        }
        try
        {
            optimizer.Load(data);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(path, e.Message);
        }
        using var rng = torch.random.get_rng_state();
        rng.Load(data);
        torch.random.set_rng_state(rng);
        return new Restored(progress, best);
    }

    private static void WriteTensors(BinaryWriter writer, IReadOnlyDictionary<string, Tensor> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var (name, tensor) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            using var cpu = tensor.detach().cpu();
            cpu.Save(writer);
        }
    }

    private static void ReadTensors(BinaryReader reader, IReadOnlyDictionary<string, Tensor> into, string path)
    {
        int count = reader.ReadInt32();
        if (count != into.Count) throw Damaged(path, $"it holds {count} tensors where the network has {into.Count}");
        using var noGrad = torch.no_grad();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!into.TryGetValue(name, out var target)) throw Damaged(path, $"it holds a tensor '{name}' the network does not have");
            using var loaded = torch.zeros(target.shape, target.dtype, device: CPU);
            loaded.Load(reader);
            target.copy_(loaded);
        }
    }

    private static InvalidDataException Damaged(string path, string why) =>
        new($"Cnn trainer: the checkpoint '{path}' cannot be resumed: {why}. Delete it to start afresh.");
}
