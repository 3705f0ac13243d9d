namespace Cnn.MLNet.Genomics;

/// <summary>What <see cref="GenomeScanner"/> scans and how: the stride, the chromosomes, the output to write and where.</summary>
public sealed class GenomeScanOptions
{
    /// <summary>
    /// Bases between the starts of neighbouring windows (and the width of each bedGraph bin); at
    /// least 1. Null (the default) means half the model's input length (at least 1), so every base
    /// lies in two windows.
    /// </summary>
    public int? Stride { get; set; }

    /// <summary>The chromosomes to scan, in this order; null or empty (the default) means every chromosome, in the genome's order.</summary>
    public IReadOnlyList<string>? Chromosomes { get; set; }

    /// <summary>
    /// Scan only the windows of one chromosome that start in this region (null, the default: whole
    /// chromosomes). The bedGraph holds the same header and exactly the lines the whole scan writes
    /// for those windows, so chunks of a chromosome, scanned apart and concatenated in order (without
    /// the repeated header), give the whole chromosome's scan. Its start must be a multiple of the
    /// stride; it does not go with <see cref="Chromosomes"/>.
    /// </summary>
    public GenomeScanRegion? Region { get; set; }

    /// <summary>
    /// Which output to write for models with several: the target index of a multi-task model or
    /// the class index of a multiclass one (its probability). Default 0; must be 0 for binary and
    /// regression models, which have one output.
    /// </summary>
    public int Target { get; set; }

    /// <summary>The bedGraph track name (<c>name=</c> in the header line); default <c>cnn-mlnet scan</c>.</summary>
    public string TrackName { get; set; } = "cnn-mlnet scan";

    /// <summary>The bedGraph track description (<c>description=</c>); null means one is made from the model's task, output and stride.</summary>
    public string? TrackDescription { get; set; }

    /// <summary>Told after each chromosome is scanned (its name and window count), for progress displays.</summary>
    public IProgress<GenomeScanChromosome>? Progress { get; set; }
}
