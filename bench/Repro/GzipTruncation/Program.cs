// .NET's GZipStream returns end-of-stream, without an exception, when gzip data stops early:
// at an arbitrary byte and at a flush point. Run: dotnet run --project bench/Repro/GzipTruncation
// Seen with .NET 10.0.12 on Linux: every cut is read "without error".
using System.IO.Compression;
using System.Text;

byte[] text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i}\n")));
var flushPoints = new List<int>();
using var compressed = new MemoryStream();
using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
{
    for (int start = 0; start < text.Length; start += 100_000)
    {
        gzip.Write(text, start, Math.Min(100_000, text.Length - start));
        gzip.Flush();
        flushPoints.Add((int)compressed.Length);
    }
}
byte[] whole = compressed.ToArray();
foreach (int cut in new[] { whole.Length, whole.Length * 2 / 3, flushPoints[2], whole.Length - 8 })
{
    try
    {
        using var reader = new GZipStream(new MemoryStream(whole, 0, cut), CompressionMode.Decompress);
        var output = new MemoryStream();
        reader.CopyTo(output);
        Console.WriteLine($"{cut,8:N0} of {whole.Length:N0} compressed bytes: read {output.Length:N0} of {text.Length:N0} bytes without error");
    }
    catch (InvalidDataException e)
    {
        Console.WriteLine($"{cut,8:N0} of {whole.Length:N0} compressed bytes: refused ({e.Message})");
    }
}
