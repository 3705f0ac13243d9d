namespace Cnn.MLNet.Cli.Tests;

/// <summary>Runs cnn-mlnet in-process and captures what it prints; one temporary folder per test.</summary>
internal sealed class CliRunner : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cnn-mlnet-cli-" + Guid.NewGuid().ToString("N"));

    public CliRunner() => Directory.CreateDirectory(Folder);

    public string PathOf(string name) => Path.Combine(Folder, name);

    public (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A TSV of random 40-bp DNA; rows with the motif get label "1"/class "motif", others "0"/"plain".</summary>
    public string WriteMotifTsv(string name, int rows, int seed, bool classes = false)
    {
        var random = new Random(seed);
        var lines = new List<string> { "Id\tSequence\tLabel" };
        for (int i = 0; i < rows; i++)
        {
            var bases = Enumerable.Range(0, 40).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            bool motif = random.Next(2) == 1;
            if (motif) "CGACCGAACTCC".CopyTo(0, bases, random.Next(40 - 12), 12);
            string label = classes ? (motif ? "motif" : "plain") : (motif ? "1" : "0");
            lines.Add($"r{i}\t{new string(bases)}\t{label}");
        }
        File.WriteAllLines(PathOf(name), lines);
        return PathOf(name);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
