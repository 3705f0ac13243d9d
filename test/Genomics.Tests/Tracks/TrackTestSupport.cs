namespace Cnn.MLNet.Genomics.Tests.Tracks;

/// <summary>A temporary folder for one test's files, deleted afterwards.</summary>
public sealed class TrackTempFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-track-tests-" + Guid.NewGuid().ToString("N"));

    public TrackTempFolder() => Directory.CreateDirectory(Root);

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>Where the committed third-party fixtures are (copied next to the test assembly).</summary>
public static class TrackFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Tracks", "Fixtures", name);
}

/// <summary>Comparisons of whole tracks, base by base.</summary>
public static class TrackAssert
{
    /// <summary>Both tracks declare the same chromosomes and read identically over every base of each.</summary>
    public static void SameBases(ICoverageTrack expected, ICoverageTrack actual)
    {
        Assert.Equal(expected.Chromosomes.Select(c => (c.Name, c.Length)).OrderBy(c => c.Name, StringComparer.Ordinal),
            actual.Chromosomes.Select(c => (c.Name, c.Length)).OrderBy(c => c.Name, StringComparer.Ordinal));
        const int Chunk = 1 << 20;
        var a = new float[Chunk];
        var b = new float[Chunk];
        foreach (var chromosome in expected.Chromosomes)
            for (long at = 0; at < chromosome.Length; at += Chunk)
            {
                int length = (int)Math.Min(Chunk, chromosome.Length - at);
                expected.Read(chromosome.Name, at, a.AsSpan(0, length));
                actual.Read(chromosome.Name, at, b.AsSpan(0, length));
                if (!a.AsSpan(0, length).SequenceEqual(b.AsSpan(0, length)))
                {
                    int i = 0;
                    while (a[i] == b[i]) i++;
                    Assert.Fail($"{chromosome.Name}:{at + i}: {expected.Source} reads {a[i]}, {actual.Source} reads {b[i]}.");
                }
            }
    }

    /// <summary>Sums the bases [start, end) of one chromosome.</summary>
    public static double Sum(ICoverageTrack track, string chromosome, long start, long end)
    {
        var values = new float[end - start];
        track.Read(chromosome, start, values);
        return values.Sum(v => (double)v);
    }
}
