using System.Globalization;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A DNA motif as a position probability matrix: <see cref="Width"/> positions × 4 bases in the
/// order A, C, G, T, each row a probability distribution. Immutable. Read and written in the MEME
/// suite's minimal motif format by <see cref="MemeFile"/>; compared with
/// <see cref="MotifComparison"/>; learned from a network's first-layer filters by
/// <see cref="FilterMotifs"/>.
/// </summary>
public sealed class Motif
{
    /// <summary>The bases, in the column order of every matrix: A, C, G, T.</summary>
    public const string Bases = "ACGT";

    /// <summary>How far a row's sum may be from 1 before it is rejected (rows within it are rescaled to sum to exactly 1).</summary>
    public const double RowSumTolerance = 0.01;

    private static readonly double[] Uniform = [0.25, 0.25, 0.25, 0.25];

    private readonly double[,] _probabilities;

    /// <summary>Creates a motif from a (width × 4) probability matrix in A, C, G, T order.</summary>
    /// <param name="id">The identifier (MEME: the first word after <c>MOTIF</c>); no white space.</param>
    /// <param name="probabilities">width × 4 probabilities; every row must be non-negative and sum to 1 within <see cref="RowSumTolerance"/> (it is then rescaled to sum to exactly 1).</param>
    /// <param name="sites">The number of sites the matrix was built from (MEME's <c>nsites</c>), or null when unknown.</param>
    /// <param name="alternateName">An optional second name (MEME: the second word after <c>MOTIF</c>).</param>
    /// <param name="url">An optional link to a description of the motif (MEME's <c>URL</c> line).</param>
    /// <param name="eValue">The E-value of the motif when a discovery tool reported one (MEME's <c>E=</c>), else null.</param>
    /// <exception cref="ArgumentException">The id is empty or holds white space, the matrix is empty or not 4 columns wide, or a row is not a probability distribution.</exception>
    public Motif(string id, double[,] probabilities, int? sites = null, string? alternateName = null, string? url = null, double? eValue = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        CheckName(id, nameof(id));
        if (alternateName is not null) CheckName(alternateName, nameof(alternateName));
        if (probabilities.GetLength(1) != 4)
            throw new ArgumentException($"Motif '{id}': the matrix has {probabilities.GetLength(1)} columns; it needs 4 (A, C, G, T).", nameof(probabilities));
        if (probabilities.GetLength(0) == 0)
            throw new ArgumentException($"Motif '{id}': the matrix has no positions.", nameof(probabilities));
        if (sites < 0)
            throw new ArgumentOutOfRangeException(nameof(sites), sites, $"Motif '{id}': the site count cannot be negative.");

        int width = probabilities.GetLength(0);
        _probabilities = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            double sum = 0;
            for (int b = 0; b < 4; b++)
            {
                double p = probabilities[i, b];
                if (!double.IsFinite(p) || p < 0)
                    throw new ArgumentException($"Motif '{id}': position {i + 1}, base {Bases[b]} has probability {Format(p)}; probabilities must be finite and non-negative.", nameof(probabilities));
                sum += p;
            }
            if (Math.Abs(sum - 1) > RowSumTolerance)
                throw new ArgumentException($"Motif '{id}': position {i + 1} sums to {Format(sum)}; each position's probabilities must sum to 1 (within {RowSumTolerance}).", nameof(probabilities));
            for (int b = 0; b < 4; b++) _probabilities[i, b] = probabilities[i, b] / sum;
        }

        Id = id;
        AlternateName = alternateName;
        Sites = sites;
        Url = url;
        EValue = eValue;
    }

    /// <summary>The identifier.</summary>
    public string Id { get; }

    /// <summary>The optional alternate name, e.g. a transcription factor's name in a JASPAR export.</summary>
    public string? AlternateName { get; }

    /// <summary>The number of sites the matrix was built from, or null when unknown.</summary>
    public int? Sites { get; }

    /// <summary>An optional link to a description of the motif.</summary>
    public string? Url { get; }

    /// <summary>The E-value a discovery tool reported, or null.</summary>
    public double? EValue { get; }

    /// <summary>The number of positions.</summary>
    public int Width => _probabilities.GetLength(0);

    /// <summary>The probability of base <paramref name="baseIndex"/> (0 = A, 1 = C, 2 = G, 3 = T) at <paramref name="position"/> (0-based).</summary>
    public double this[int position, int baseIndex] => _probabilities[position, baseIndex];

    /// <summary>A copy of the (width × 4) matrix, in A, C, G, T order.</summary>
    public double[,] ToMatrix() => (double[,])_probabilities.Clone();

    /// <summary>The consensus: the most probable base at each position (ties go to the first in A, C, G, T order).</summary>
    public string Consensus()
    {
        var chars = new char[Width];
        for (int i = 0; i < Width; i++)
        {
            int best = 0;
            for (int b = 1; b < 4; b++) if (_probabilities[i, b] > _probabilities[i, best]) best = b;
            chars[i] = Bases[best];
        }
        return new string(chars);
    }

    /// <summary>
    /// Information content of one position in bits: IC = Σ_b p_b log2(p_b / q_b), with q the
    /// background (uniform when null) and 0 log 0 = 0. A one-hot position over a uniform
    /// background holds 2 bits; a position equal to the background holds 0.
    /// </summary>
    /// <param name="position">0-based position.</param>
    /// <param name="background">Background frequencies of A, C, G, T (positive, summing to 1), or null for uniform.</param>
    public double InformationContent(int position, IReadOnlyList<double>? background = null)
    {
        if ((uint)position >= (uint)Width)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Motif '{Id}' has {Width} positions.");
        var q = CheckBackground(background);
        double ic = 0;
        for (int b = 0; b < 4; b++)
        {
            double p = _probabilities[position, b];
            if (p > 0) ic += p * Math.Log2(p / q[b]);
        }
        return ic;
    }

    /// <summary>The information content summed over all positions, in bits (see <see cref="InformationContent(int, IReadOnlyList{double}?)"/>).</summary>
    public double TotalInformationContent(IReadOnlyList<double>? background = null)
    {
        CheckBackground(background);
        double total = 0;
        for (int i = 0; i < Width; i++) total += InformationContent(i, background);
        return total;
    }

    /// <summary>
    /// The reverse complement: positions reversed and A↔T, C↔G swapped. The id gets no suffix;
    /// the other properties are kept.
    /// </summary>
    public Motif ReverseComplement()
    {
        var rc = new double[Width, 4];
        for (int i = 0; i < Width; i++)
            for (int b = 0; b < 4; b++)
                rc[Width - 1 - i, 3 - b] = _probabilities[i, b];
        return new Motif(Id, rc, Sites, AlternateName, Url, EValue);
    }

    /// <summary>A motif that is one-hot on <paramref name="consensus"/> (A, C, G, T only), e.g. a planted site written as a matrix.</summary>
    /// <exception cref="ArgumentException">The consensus is empty or holds another character.</exception>
    public static Motif FromConsensus(string id, string consensus, int? sites = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(consensus);
        var matrix = new double[consensus.Length, 4];
        for (int i = 0; i < consensus.Length; i++)
        {
            int b = Bases.IndexOf(char.ToUpperInvariant(consensus[i]));
            if (b < 0) throw new ArgumentException($"Consensus '{consensus}' has '{consensus[i]}' at position {i + 1}; only A, C, G and T are allowed.", nameof(consensus));
            matrix[i, b] = 1;
        }
        return new Motif(id, matrix, sites);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}{(AlternateName is null ? "" : " " + AlternateName)} (w={Width}, {Consensus()})";

    internal static IReadOnlyList<double> CheckBackground(IReadOnlyList<double>? background, string parameterName = "background")
    {
        if (background is null) return Uniform;
        if (background.Count != 4)
            throw new ArgumentException($"A background needs 4 frequencies (A, C, G, T); got {background.Count}.", parameterName);
        double sum = 0;
        foreach (double q in background)
        {
            if (!double.IsFinite(q) || q <= 0)
                throw new ArgumentException($"Background frequency {Format(q)} is not positive.", parameterName);
            sum += q;
        }
        if (Math.Abs(sum - 1) > RowSumTolerance)
            throw new ArgumentException($"Background frequencies sum to {Format(sum)}; they must sum to 1.", parameterName);
        return background;
    }

    private static void CheckName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Motif name '{name}' holds white space; MEME names are single words.", parameterName);
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
