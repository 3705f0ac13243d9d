using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>What one first-layer filter responds to, as found by <see cref="FilterMotifs.Extract(CnnPredictionTransformer, IDataView, double, int)"/>.</summary>
/// <param name="FilterIndex">The filter (output channel of the first convolution), 0-based.</param>
/// <param name="Sites">How many sequence windows activated the filter above the threshold (and were counted).</param>
/// <param name="MaxActivation">The filter's largest activation over the whole set.</param>
/// <param name="Motif">The position probability matrix of the sites, with id <c>filter{index}</c>; null when the filter has no sites.</param>
public sealed record FilterMotif(int FilterIndex, int Sites, float MaxActivation, Motif? Motif)
{
    /// <summary>The motif id: <c>filter</c> followed by the filter index.</summary>
    public string Id => FilterMotifs.IdOf(FilterIndex);

    /// <summary>The motif's total information content in bits over a uniform background; 0 when the filter has no sites.</summary>
    public double InformationContent => Motif?.TotalInformationContent() ?? 0;
}

/// <summary>
/// Turns a network's first-layer convolution filters into position weight matrices by the Basset
/// method (Kelley et al. 2016): every sequence window on which a filter's activation exceeds a
/// fraction of that filter's largest activation over the whole set is a site, and the filter's
/// motif is the base composition of its aligned sites.
/// </summary>
/// <remarks>
/// <para>Two passes over the data: the first finds each filter's maximum activation (output of
/// <c>act1</c>, i.e. after the first convolution, its batch norm if any, and its activation;
/// before pooling), the second collects the windows whose activation is strictly above
/// <c>threshold × maximum</c>. A filter whose maximum is not positive has no sites.</para>
/// <para>Counting: each site adds its input columns for A, C, G, T, so an ambiguous IUPAC column
/// (e.g. R = ½A + ½G) adds fractional counts. Windows that reach past either end of the input
/// (same padding) or hold an all-zero column (the encoder's padding of a short sequence, or an
/// unknown character encoded as zeros) are skipped and not counted as sites. The probabilities
/// are (count + pseudocount / 4) / (sites + pseudocount) per position, with pseudocount
/// <see cref="Pseudocount"/> = 0.1 in total: negligible for tens of sites, and it keeps every
/// probability positive for log-odds tools such as FIMO.</para>
/// <para>Requires the first trunk block to be a convolution block over the one-hot input; the
/// motif columns are taken from channels A, C, G, T (U for RNA) of the encoding, or from the first
/// four channels of plain feature vectors. A network in training mode is put in evaluation
/// mode for the extraction (so batch norm uses its running statistics) and back afterwards, so
/// do not extract from a network that another thread is training.</para>
/// </remarks>
public static class FilterMotifs
{
    /// <summary>The default fraction of a filter's maximum activation above which a window is a site (Basset's 0.5).</summary>
    public const double DefaultActivationThreshold = 0.5;

    /// <summary>The total pseudocount added per position, split equally over the four bases.</summary>
    public const double Pseudocount = 0.1;

    /// <summary>Sequences per forward pass by default.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// Extracts one motif per first-layer filter of <paramref name="model"/> from the windows of
    /// <paramref name="encodedSequences"/> that activate it.
    /// </summary>
    /// <param name="model">A fitted model (from a Cnn trainer or a loaded model file).</param>
    /// <param name="encodedSequences">Data holding the model's feature column (<see cref="CnnPredictionTransformer.FeatureColumnName"/>), e.g. the output of <c>OneHotEncodeSequence</c>; only that column is read.</param>
    /// <param name="activationThreshold">Fraction of each filter's maximum activation a window must exceed, in [0, 1).</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    /// <returns>One entry per filter, in filter order (filters with no sites included, with a null motif).</returns>
    /// <exception cref="ArgumentException">The feature column is missing or does not match the model, the encoding is not DNA or RNA, or the first trunk block is not a convolution.</exception>
    public static IReadOnlyList<FilterMotif> Extract(CnnPredictionTransformer model, IDataView encodedSequences, double activationThreshold = DefaultActivationThreshold, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(encodedSequences);
        CheckArguments(activationThreshold, batchSize);
        var column = SchemaLookup.GetColumn(encodedSequences.Schema, model.FeatureColumnName, "Filter motifs", nameof(encodedSequences));
        var network = model.Model.Network;
        RequireSequenceNetwork(network);
        model.Model.Input.EnsureMatches(column);
        int[] bases = BaseChannels(model.Model.Input.Encoding, network.InputChannels);
        int size = network.InputChannels * network.InputLength;

        IEnumerable<(float[] Values, int Rows)> Batches()
        {
            var buffer = new float[batchSize * size];
            int rows = 0;
            using var cursor = encodedSequences.GetRowCursor([column]);
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> row = default;
            while (cursor.MoveNext())
            {
                getter(ref row);
                row.CopyTo(buffer.AsSpan(rows * size, size));
                if (++rows == batchSize)
                {
                    yield return (buffer, rows);
                    rows = 0;
                }
            }
            if (rows > 0) yield return (buffer, rows);
        }

        return ExtractCore(network, Batches, bases, activationThreshold);
    }

    /// <summary>
    /// Extracts one motif per first-layer filter of <paramref name="network"/> from one-hot
    /// sequences given as flat channel-major arrays (channels × length, as the one-hot encoder
    /// writes them); the first four channels are read as A, C, G, T.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="sequences">Encoded sequences, each of <c>InputChannels × InputLength</c> values; read twice.</param>
    /// <param name="activationThreshold">Fraction of each filter's maximum activation a window must exceed, in [0, 1).</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    /// <exception cref="ArgumentException">A sequence has the wrong size, the network has fewer than 4 input channels, or its first trunk block is not a convolution.</exception>
    public static IReadOnlyList<FilterMotif> Extract(CnnNetwork network, IReadOnlyList<float[]> sequences, double activationThreshold = DefaultActivationThreshold, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sequences);
        CheckArguments(activationThreshold, batchSize);
        RequireSequenceNetwork(network);
        int[] bases = BaseChannels(null, network.InputChannels);
        int size = network.InputChannels * network.InputLength;
        for (int i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] is null || sequences[i].Length != size)
                throw new ArgumentException($"Filter motifs: sequence {i} has {sequences[i]?.Length ?? 0} values; the network takes {network.InputChannels} × {network.InputLength} = {size}.", nameof(sequences));
        }

        IEnumerable<(float[] Values, int Rows)> Batches()
        {
            var buffer = new float[batchSize * size];
            for (int start = 0; start < sequences.Count; start += batchSize)
            {
                int rows = Math.Min(batchSize, sequences.Count - start);
                for (int r = 0; r < rows; r++) sequences[start + r].CopyTo(buffer, r * size);
                yield return (buffer, rows);
            }
        }

        return ExtractCore(network, Batches, bases, activationThreshold);
    }

    /// <summary>The motifs of the filters that have sites, ready for <see cref="MemeFile.Write(string, IEnumerable{Motif}, IReadOnlyList{double}?)"/>.</summary>
    public static IReadOnlyList<Motif> WithSites(IEnumerable<FilterMotif> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return filters.Where(f => f.Motif is not null).Select(f => f.Motif!).ToList();
    }

    internal static string IdOf(int filterIndex) => $"filter{filterIndex}";

    private static void CheckArguments(double activationThreshold, int batchSize)
    {
        if (!(activationThreshold >= 0 && activationThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(activationThreshold), activationThreshold, "The activation threshold is a fraction of each filter's maximum, in [0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
    }

    private static int[] BaseChannels(SequenceEncodingSpec? encoding, int channels)
    {
        if (encoding is null)
        {
            if (channels < 4)
                throw new ArgumentException($"Filter motifs need one-hot DNA input (A, C, G, T channels); the network has {channels} input channels.");
            return [0, 1, 2, 3];
        }
        if (encoding.Alphabet is not (SequenceAlphabet.Dna or SequenceAlphabet.Rna))
            throw new ArgumentException($"Filter motifs are DNA motifs; the model's input is encoded as {encoding.Alphabet}.");
        // A PWM has one column per base; a filter over k-mer channels spans k − 1 more bases than its width
        // and weighs overlapping k-mers, which no per-base count of the activating windows reproduces.
        if (encoding.Order > 1)
            throw new ArgumentException($"Filter motifs need a first-order (one base per channel) encoding; this model was trained with Order = {encoding.Order} "
                + $"({encoding.ChannelCount} k-mer channels). Train with Order = 1 to read first-layer filters as PWMs, or use saliency.");
        return "ACGT".Select(b =>
        {
            int c = IndexOf(encoding.Channels, b.ToString());
            if (c < 0 && b == 'T') c = IndexOf(encoding.Channels, "U");
            if (c < 0) throw new ArgumentException($"The model's encoding has no {b} channel (channels: {string.Join(",", encoding.Channels)}).");
            return c;
        }).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static void RequireSequenceNetwork(CnnNetwork network)
    {
        if (network.InputHeight is int height)
            throw new ArgumentException($"Filter motifs are read from sequence models; network '{network.Spec.Name}' takes images "
                + $"({network.InputChannels} × {height} × {network.InputLength}). Use feature maps or saliency for image models.", nameof(network));
    }

    private static ConvBlockSpec FirstConvolution(CnnNetwork network) =>
        network.Spec.Trunk.Count > 0 && network.Spec.Trunk[0] is ConvBlockSpec conv
            ? conv
            : throw new ArgumentException($"Filter motifs need a network whose first trunk block is a convolution block over the one-hot input (ConvBlockSpec); "
                + $"network '{network.Spec.Name}' starts with {(network.Spec.Trunk.Count > 0 ? network.Spec.Trunk[0].GetType().Name : "nothing")}.", nameof(network));

    private static IReadOnlyList<FilterMotif> ExtractCore(CnnNetwork network, Func<IEnumerable<(float[] Values, int Rows)>> batches, int[] baseChannels, double threshold)
    {
        var conv = FirstConvolution(network);
        TorchRuntime.EnsureInitialized();
        int filters = conv.Filters, kernel = conv.KernelSize, dilation = conv.Dilation, stride = conv.Stride;
        int channels = network.InputChannels, length = network.InputLength, size = channels * length;
        int leftPad = conv.Padding == ConvPadding.Same ? dilation * (kernel - 1) / 2 : 0;
        var device = network.parameters().First().device;
        float[] activations = [];
        bool wasTraining = network.training;
        if (wasTraining) network.eval(); // batch norm must use its running statistics
        try
        {
            return Collect();
        }
        finally
        {
            if (wasTraining) network.train();
        }

        IReadOnlyList<FilterMotif> Collect()
        {
            // Pass 1: each filter's largest activation over the whole set.
            var max = new float[filters];
            Array.Fill(max, float.NegativeInfinity);
            foreach (var (values, rows) in batches())
            {
                int positions = Activate(values, rows);
                for (int r = 0; r < rows; r++)
                    for (int f = 0; f < filters; f++)
                    {
                        var span = activations.AsSpan((r * filters + f) * positions, positions);
                        foreach (float a in span) if (a > max[f]) max[f] = a;
                    }
            }

            // Pass 2: count bases over the windows above threshold × maximum.
            var counts = new double[filters, kernel, 4];
            var sites = new int[filters];
            var cutoff = new float[filters];
            for (int f = 0; f < filters; f++) cutoff[f] = max[f] > 0 ? (float)(threshold * max[f]) : float.PositiveInfinity;
            foreach (var (values, rows) in batches())
            {
                int positions = Activate(values, rows);
                for (int r = 0; r < rows; r++)
                {
                    int rowStart = r * size;
                    for (int f = 0; f < filters; f++)
                    {
                        var span = activations.AsSpan((r * filters + f) * positions, positions);
                        for (int j = 0; j < positions; j++)
                        {
                            if (!(span[j] > cutoff[f])) continue;
                            int start = j * stride - leftPad;
                            if (start < 0 || start + (kernel - 1) * dilation >= length) continue;
                            if (HasEmptyColumn(values, rowStart, length, channels, start, kernel, dilation)) continue;
                            sites[f]++;
                            for (int t = 0; t < kernel; t++)
                            {
                                int p = start + t * dilation;
                                for (int b = 0; b < 4; b++) counts[f, t, b] += values[rowStart + baseChannels[b] * length + p];
                            }
                        }
                    }
                }
            }

            var result = new List<FilterMotif>(filters);
            for (int f = 0; f < filters; f++)
            {
                Motif? motif = null;
                if (sites[f] > 0)
                {
                    var matrix = new double[kernel, 4];
                    for (int t = 0; t < kernel; t++)
                    {
                        double total = counts[f, t, 0] + counts[f, t, 1] + counts[f, t, 2] + counts[f, t, 3];
                        for (int b = 0; b < 4; b++) matrix[t, b] = (counts[f, t, b] + Pseudocount / 4) / (total + Pseudocount);
                    }
                    motif = new Motif(IdOf(f), matrix, sites[f]);
                }
                result.Add(new FilterMotif(f, sites[f], float.IsNegativeInfinity(max[f]) ? 0 : max[f], motif));
            }
            return result;
        }

        // Runs act1 on a batch; returns the output positions per filter and leaves the values in `activations`.
        int Activate(float[] values, int rows)
        {
            using var inference = torch.inference_mode();
            using var scope = NewDisposeScope();
            var input = TensorCopy.ToTensor(values, rows, size, device);
            var output = network.ForwardTo("act1", input);
            // A strand-shared first layer has 2 × filters channels: the filters on the given strand,
            // then the same filters on the reverse strand. The first half are the motifs.
            if (output.shape[1] != filters) output = output.narrow(1, 0, filters).contiguous();
            int positions = (int)output.shape[2];
            int count = rows * filters * positions;
            if (activations.Length < count) activations = new float[count];
            TensorCopy.ToSpan(output, activations);
            return positions;
        }
    }

    private static bool HasEmptyColumn(float[] values, int rowStart, int length, int channels, int start, int kernel, int dilation)
    {
        for (int t = 0; t < kernel; t++)
        {
            int p = start + t * dilation;
            bool any = false;
            for (int c = 0; c < channels && !any; c++) any = values[rowStart + c * length + p] != 0;
            if (!any) return true;
        }
        return false;
    }
}
