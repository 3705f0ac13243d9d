using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>Tiny simulated DNA datasets for save/load tests: random 30-bp sequences with planted motifs.</summary>
internal static class PersistenceData
{
    public const int Length = 30;

    public static IDataView Train(MLContext ml) => ml.Data.LoadFromEnumerable(MotifData.Generate(300, seed: 1, Length));

    public static List<MotifData.Row> TestRows() => MotifData.Generate(60, seed: 2, Length);

    public static IDataView Test(MLContext ml) => ml.Data.LoadFromEnumerable(TestRows());
}

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnn-mlnet-persistence-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Tests that train networks (and so seed TorchSharp's global generators) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp (persistence)";
}
