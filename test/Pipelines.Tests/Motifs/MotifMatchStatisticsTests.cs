using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

public sealed class MotifMatchStatisticsTests
{
    /// <summary>The Kolmogorov–Smirnov statistic of a sample against the uniform law on [0, 1].</summary>
    private static double KolmogorovSmirnov(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
            d = Math.Max(d, Math.Max((i + 1.0) / sorted.Length - sorted[i], sorted[i] - (double)i / sorted.Length));
        return d;
    }

    /// <summary>The asymptotic critical value of the one-sample KS statistic at α = 0.01.</summary>
    private static double KsCritical01(int n) => 1.628 / Math.Sqrt(n);

    private static double[,] Slice(Motif motif, int start, int width)
    {
        var matrix = motif.ToMatrix();
        var slice = new double[width, 4];
        for (int i = 0; i < width; i++)
            for (int b = 0; b < 4; b++) slice[i, b] = matrix[start + i, b];
        return slice;
    }

    [Fact]
    public void P_values_of_unrelated_motifs_are_uniform_and_the_uncorrected_best_offset_p_value_is_not()
    {
        var random = new Random(5);
        var database = new MotifDatabase(RandomMotifs.Many(random, "t", 200, 6, 15));
        var queries = RandomMotifs.Many(random, "q", 400, 6, 15);

        // One independent pair per query (query k with target k mod 200) for the KS test; every pair for the tail fractions.
        var sample = new List<double>();
        var uncorrected = new List<double>();
        var all = new List<double>();
        for (int k = 0; k < queries.Count; k++)
        {
            var matches = database.Match(queries[k]);
            var target = database.Motifs[k % 200];
            sample.Add(matches.Single(m => m.Target == target).PValue);
            uncorrected.Add(database.UncorrectedPValue(queries[k], k % 200));
            all.AddRange(matches.Select(m => m.PValue));
        }

        double d = KolmogorovSmirnov(sample), critical = KsCritical01(sample.Count);
        Assert.True(d < critical, $"KS D = {d:F4} ≥ {critical:F4}: the p-values are not uniform");
        double below05 = all.Count(p => p < 0.05) / (double)all.Count, below01 = all.Count(p => p < 0.01) / (double)all.Count;
        Assert.InRange(below05, 0.04, 0.06);
        Assert.InRange(below01, 0.007, 0.013);
        Assert.All(all, p => Assert.InRange(p, 0.0, 1.0));

        // The test has power: the smallest per-offset p-value, uncorrected for offsets and strands, fails it.
        double dRaw = KolmogorovSmirnov(uncorrected);
        Assert.True(dRaw > 5 * critical, $"uncorrected KS D = {dRaw:F4}");
    }

    [Fact]
    public void Low_complexity_queries_stay_calibrated_in_the_bulk_where_an_all_offsets_Sidak_correction_is_far_too_conservative()
    {
        // Each query repeats one column (with 10 % noise), so its offsets are strongly dependent tests.
        var random = new Random(7);
        var database = new MotifDatabase(RandomMotifs.Many(random, "t", 200, 6, 15));
        var fitted = new List<double>();
        var sidak = new List<double>();
        for (int k = 0; k < 300; k++)
        {
            int width = random.Next(6, 16);
            var column = RandomMotifs.Next(random, "column", 1);
            var noise = RandomMotifs.Next(random, "noise", width);
            var matrix = new double[width, 4];
            for (int i = 0; i < width; i++)
                for (int b = 0; b < 4; b++) matrix[i, b] = 0.9 * column[0, b] + 0.1 * noise[i, b];
            var query = new Motif($"repeat{k}", matrix);
            var target = database.Motifs[k % 200];
            fitted.Add(database.Match(query).Single(m => m.Target == target).PValue);
            int needed = Math.Min(MotifComparison.DefaultMinOverlap, Math.Min(width, target.Width));
            int tests = 2 * (width + target.Width - 2 * needed + 1);
            sidak.Add(1 - Math.Pow(1 - database.UncorrectedPValue(query, k % 200), tests));
        }
        double d = KolmogorovSmirnov(fitted), critical = KsCritical01(fitted.Count);
        Assert.True(d < critical, $"KS D = {d:F4} ≥ {critical:F4}");
        Assert.InRange(fitted.Count(p => p < 0.05) / (double)fitted.Count, 0.025, 0.08);
        double dSidak = KolmogorovSmirnov(sidak);
        Assert.True(dSidak > 2 * critical, $"Šidák KS D = {dSidak:F4}");
    }

    [Fact]
    public void Planted_motifs_are_found_first_with_small_q_values_on_the_right_strand_and_offset()
    {
        var random = new Random(21);
        var decoys = RandomMotifs.Many(random, "decoy", 150, 6, 20);
        var ten = RandomMotifs.Next(random, "planted10", 10);
        var twenty = RandomMotifs.Next(random, "planted20", 20);
        var targets = decoys.Take(40).Append(ten).Concat(decoys.Skip(40).Take(70)).Append(twenty).Concat(decoys.Skip(110)).ToList();
        var database = new MotifDatabase(targets);

        // Noisy copies: every column of the 10-bp motif mixed 80:20 with a random column, and 4 of
        // the 20 columns of the 20-bp motif replaced by random ones.
        var blurred = ten.ToMatrix();
        var blur = RandomMotifs.Next(random, "blur", 10);
        for (int i = 0; i < 10; i++)
            for (int b = 0; b < 4; b++) blurred[i, b] = 0.8 * blurred[i, b] + 0.2 * blur[i, b];
        var replaced = twenty.ToMatrix();
        var replacement = RandomMotifs.Next(random, "noise", 4);
        for (int i = 0; i < 4; i++)
            for (int b = 0; b < 4; b++) replaced[5 * i + 2, b] = replacement[i, b];
        var cases = new (Motif Query, Motif Expected, char Strand, int Offset)[]
        {
            (new Motif("copy10", ten.ToMatrix()), ten, '+', 0),
            (new Motif("copy20", twenty.ToMatrix()), twenty, '+', 0),
            (new Motif("inside20", Slice(twenty, 6, 9)), twenty, '+', 6),
            (twenty.ReverseComplement(), twenty, '-', 0),
            (new Motif("blurred10", blurred), ten, '+', 0),
            (new Motif("replaced20", replaced).ReverseComplement(), twenty, '-', 0),
        };
        foreach (var (query, expected, strand, offset) in cases)
        {
            var matches = database.Match(query);
            var best = matches[0];
            Assert.True(best.Target == expected, $"{query.Id}: best match is {best.Target.Id} (p {best.PValue:G3}), not {expected.Id}");
            Assert.True(best.QValue < 0.01, $"{query.Id}: q = {best.QValue:G3} p = {best.PValue:G3} raw {database.UncorrectedPValue(query, targets.IndexOf(expected)):G3} score {best.Score:F3} overlap {best.Overlap}");
            Assert.Equal(strand, best.Strand);
            Assert.Equal(offset, best.Offset);
            var plain = MotifComparison.Compare(query, expected);
            Assert.Equal(plain.Score, best.Score, 9); // the same alignment as the unweighted comparison
        }

        // Unrelated queries: BH over the database keeps the chance of any q < 0.01 per query near 1 %.
        int called = RandomMotifs.Many(new Random(22), "random", 60, 6, 20).Count(q => database.Match(q)[0].QValue < 0.01);
        Assert.True(called <= 3, $"{called} of 60 random queries matched something with q < 0.01");
    }

    [Fact]
    public void E_values_are_p_times_the_database_size_and_q_values_are_monotone_and_at_least_p()
    {
        var random = new Random(31);
        var database = new MotifDatabase(RandomMotifs.Many(random, "t", 120, 5, 18));
        var query = RandomMotifs.Next(random, "q", 12);
        var matches = database.Match(query);

        Assert.Equal(120, matches.Count);
        Assert.Equal(database.Motifs.OrderBy(m => m.Id), matches.Select(m => m.Target).OrderBy(m => m.Id));
        for (int i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            Assert.Same(query, m.Query);
            Assert.Equal(m.PValue * 120, m.EValue, 12);
            Assert.True(m.QValue >= m.PValue && m.QValue <= 1, $"{m.Target.Id}: p {m.PValue} q {m.QValue}");
            Assert.InRange(m.Overlap, Math.Min(5, Math.Min(12, m.Target.Width)), Math.Min(12, m.Target.Width));
            if (i > 0)
            {
                Assert.True(m.PValue >= matches[i - 1].PValue, "matches are sorted by p-value");
                Assert.True(m.QValue >= matches[i - 1].QValue, "q-values grow with p-values");
            }
        }
        // The smallest q is Benjamini–Hochberg's min over ranks of p × n / rank.
        Assert.Equal(matches.Select((m, i) => m.PValue * 120 / (i + 1)).Min(), matches[0].QValue, 12);
    }

    [Fact]
    public void Matching_is_deterministic_and_best_matches_keep_query_order()
    {
        var random = new Random(41);
        var motifs = RandomMotifs.Many(random, "t", 60, 6, 14);
        var queries = RandomMotifs.Many(random, "q", 8, 6, 14);
        var first = new MotifDatabase(motifs).BestMatches(queries);
        var second = new MotifDatabase(motifs).BestMatches(queries);
        Assert.Equal(first, second);
        Assert.Equal(queries, first.Select(m => m.Query));
        Assert.All(first, m => Assert.Equal(new MotifDatabase(motifs).Match(m.Query)[0], m));
        Assert.Equal(first[0].ToMotifMatch(), new MotifMatch(first[0].Query, first[0].Target, first[0].Score, first[0].Offset, first[0].Strand, first[0].Overlap));
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_problem()
    {
        var motif = RandomMotifs.Next(new Random(1), "m", 8);
        var empty = Assert.Throws<ArgumentException>(() => new MotifDatabase([]));
        Assert.Contains("database is empty", empty.Message);
        var holdsNull = Assert.Throws<ArgumentException>(() => new MotifDatabase([motif, null!]));
        Assert.Contains("Database motif 2 of 2 is null", holdsNull.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MotifDatabase([motif], minOverlap: 0));
        Assert.Throws<ArgumentNullException>(() => new MotifDatabase(null!));
        var database = new MotifDatabase([motif]);
        Assert.Throws<ArgumentNullException>(() => database.Match(null!));
        var nullQuery = Assert.Throws<ArgumentException>(() => database.BestMatches([motif, null!]));
        Assert.Contains("Query motif 2 is null", nullQuery.Message);
    }

    [Fact]
    public void Short_motifs_and_a_one_motif_database_still_give_p_values()
    {
        var database = new MotifDatabase([Motif.FromConsensus("t", "AAACGAAA")]);
        var match = Assert.Single(database.Match(Motif.FromConsensus("q", "CG")));
        Assert.Equal(2, match.Overlap);
        Assert.Equal(1.0, match.Score, 9);
        Assert.InRange(match.PValue, 0.0, 1.0);
        Assert.Equal(match.PValue, match.QValue, 12);
    }
}
