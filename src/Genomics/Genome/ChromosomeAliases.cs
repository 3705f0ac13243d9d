namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads a chromosome alias file (see <see cref="GenomeLoadOptions.ChromosomeAliasesPath"/>) against
/// a genome's names: every other name on a line that holds a genome name maps to that name's index.
/// Lines naming no genome chromosome are skipped (UCSC's files list every sequence of an assembly).
/// </summary>
internal static class ChromosomeAliases
{
    /// <summary>Alias → chromosome index, for the names of <paramref name="chromosomes"/> (index = position).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line names two genome chromosomes, or an alias maps to two; the message names the file and line.</exception>
    public static Dictionary<string, int> Read(string path, IReadOnlyList<string> chromosomes)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The chromosome alias file '{path}' was not found.", path);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < chromosomes.Count; i++) index[chromosomes[i]] = i;
        var aliases = new Dictionary<string, (int Chromosome, long Line)>(StringComparer.Ordinal);
        using var lines = LineReader.Open(path, Path.GetFullPath(path));
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            string[] names = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var present = names.Where(index.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
            if (present.Length == 0) continue;
            if (present.Length > 1)
                throw SequenceFileErrors.Content(path, lines.LineNumber, null, $"the names {string.Join(", ", present.Select(n => $"'{n}'"))} are all chromosomes of the genome, so the line cannot say which one its other names mean.");
            int chromosome = index[present[0]];
            foreach (string alias in names)
            {
                if (index.ContainsKey(alias)) continue;
                if (aliases.TryGetValue(alias, out var earlier) && earlier.Chromosome != chromosome)
                {
                    throw SequenceFileErrors.Content(path, lines.LineNumber, null,
                        $"the alias '{alias}' maps to '{chromosomes[chromosome]}' here but to '{chromosomes[earlier.Chromosome]}' at line {earlier.Line}; an alias must name one chromosome.");
                }
                aliases[alias] = (chromosome, lines.LineNumber);
            }
        }
        return aliases.ToDictionary(a => a.Key, a => a.Value.Chromosome, StringComparer.Ordinal);
    }
}
