using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

/// <summary>Random motifs whose columns are Dirichlet(α, α, α, α) draws, from a seeded generator.</summary>
internal static class RandomMotifs
{
    public static Motif Next(Random random, string id, int width, double alpha = 0.5)
    {
        var matrix = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            var row = new double[4];
            for (int b = 0; b < 4; b++) row[b] = Gamma(random, alpha) + 1e-9;
            double sum = row.Sum();
            for (int b = 0; b < 4; b++) matrix[i, b] = row[b] / sum;
        }
        return new Motif(id, matrix);
    }

    public static List<Motif> Many(Random random, string prefix, int count, int minWidth, int maxWidth, double alpha = 0.5) =>
        Enumerable.Range(0, count).Select(k => Next(random, $"{prefix}{k}", random.Next(minWidth, maxWidth + 1), alpha)).ToList();

    /// <summary>A Gamma(α, 1) draw (Marsaglia and Tsang; α &lt; 1 by the boost G(α) = G(α + 1) U^(1/α)).</summary>
    private static double Gamma(Random random, double alpha)
    {
        if (alpha < 1) return Gamma(random, alpha + 1) * Math.Pow(random.NextDouble(), 1 / alpha);
        double d = alpha - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            double v = Math.Pow(1 + c * z, 3);
            if (v <= 0) continue;
            double u = random.NextDouble();
            if (Math.Log(1 - u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
