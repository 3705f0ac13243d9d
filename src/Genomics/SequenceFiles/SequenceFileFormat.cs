namespace Cnn.MLNet.Genomics;

/// <summary>The layout of a sequence file.</summary>
public enum SequenceFileFormat
{
    /// <summary>
    /// Chosen from the file's extension, ignoring a trailing <c>.gz</c>: <c>.tsv</c> and <c>.txt</c> are
    /// tab-separated, <c>.csv</c> comma-separated, <c>.fa</c>, <c>.fasta</c>, <c>.fna</c> and <c>.ffn</c> FASTA.
    /// </summary>
    Auto,

    /// <summary>Tab-separated values with a header line; fields may be quoted as in CSV.</summary>
    Tsv,

    /// <summary>Comma-separated values with a header line, quoted as in RFC 4180.</summary>
    Csv,

    /// <summary>FASTA records; the label comes from each record's header line.</summary>
    Fasta,
}
