namespace Cnn.MLNet.Genomics;

public static partial class ProfileSimulator
{
    /// <summary>The two read-count arrays of a chromosome; reads outside it are lost (as at a real chromosome end).</summary>
    private readonly record struct Reads(float[] Plus, float[] Minus)
    {
        public void Add(bool plusStrand, long position)
        {
            var values = plusStrand ? Plus : Minus;
            if (position >= 0 && position < values.Length) values[position]++;
        }
    }

    /// <summary>
    /// A motif and its footprint. "A" is sharp and strand-offset: plus-strand read ends 4 bases 5′ of the
    /// site (left on the genome), minus-strand ends 3 bases 3′ of it (right), spread ±2 bases, whichever
    /// strand the motif is on, because the protein blocks the exonuclease on both sides. "B" is broad and
    /// single-mode: both strands centred on the site with a spread of 20 bases.
    /// </summary>
    private sealed record FootprintMotif(string Name, string Bases, double Strength)
    {
        public void Draw(Reads reads, long start, int count, Random random)
        {
            long end = start + Bases.Length;
            for (int r = 0; r < count; r++)
            {
                bool plusStrand = random.Next(2) == 0;
                long position = Name == "A"
                    ? (plusStrand ? start - 4 : end - 1 + 3) + (long)Math.Round(2 * Normal(random))
                    : start + Bases.Length / 2 + (long)Math.Round(20 * Normal(random));
                reads.Add(plusStrand, position);
            }
        }
    }
}
