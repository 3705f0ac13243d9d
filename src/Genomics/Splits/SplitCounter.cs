using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>One pass over the data counting rows and positives per chromosome, for <see cref="ChromosomeSplit"/>.</summary>
internal sealed class SplitCounter
{
    private readonly int _slots;

    // Per chromosome: [rows, positives of slot 0, slot 1, …].
    private readonly Dictionary<string, long[]> _counts = new(StringComparer.Ordinal);

    private SplitCounter(IReadOnlyList<string>? taskNames, int slots) => (TaskNames, _slots) = (taskNames, slots);

    /// <summary>The chromosomes in order of first appearance.</summary>
    public List<string> Order { get; } = [];

    /// <summary>Whether <paramref name="chromosome"/> has rows.</summary>
    public bool Contains(string chromosome) => _counts.ContainsKey(chromosome);

    /// <summary>The rows of <paramref name="chromosome"/> (0 when it has none).</summary>
    public long Rows(string chromosome) => _counts.TryGetValue(chromosome, out long[]? counts) ? counts[0] : 0;

    /// <summary>The task names of a vector label; null otherwise.</summary>
    public IReadOnlyList<string>? TaskNames { get; }

    /// <summary>Counts <paramref name="data"/>; <paramref name="label"/> is counted when Boolean, Single or a known-size vector of Single.</summary>
    public static SplitCounter Count(IDataView data, DataViewSchema.Column chromosome, DataViewSchema.Column? label)
    {
        var type = label?.Type;
        int slots = type switch
        {
            BooleanDataViewType => 1,
            NumberDataViewType n when n == NumberDataViewType.Single => 1,
            VectorDataViewType { ItemType: NumberDataViewType item, Size: > 0 } v when item == NumberDataViewType.Single => v.Size,
            _ => 0,
        };
        if (slots == 0)
            label = null;
        var counter = new SplitCounter(type is VectorDataViewType && slots > 0 ? TaskNamesOf(label!.Value, slots) : null, slots);

        var columns = label is { } l ? new[] { chromosome, l } : [chromosome];
        using var cursor = data.GetRowCursor(columns);
        var getChromosome = cursor.GetGetter<ReadOnlyMemory<char>>(chromosome);
        var isPositive = label is { } column ? PositiveGetter(cursor, column, slots) : null;
        ReadOnlyMemory<char> name = default;
        var lookup = counter._counts.GetAlternateLookup<ReadOnlySpan<char>>();
        while (cursor.MoveNext())
        {
            getChromosome(ref name);
            if (!lookup.TryGetValue(name.Span, out long[]? counts))
            {
                string added = name.ToString();
                counts = new long[slots + 1];
                counter._counts[added] = counts;
                counter.Order.Add(added);
            }
            counts[0]++;
            isPositive?.Invoke(counts);
        }
        return counter;
    }

    /// <summary>The counts of the part holding <paramref name="chromosomes"/> (those with rows, in data order).</summary>
    public SplitPartCount Part(string part, IReadOnlyCollection<string> chromosomes)
    {
        var members = Order.Where(chromosomes.Contains).ToArray();
        long rows = members.Sum(c => _counts[c][0]);
        long[]? positives = null;
        if (_slots > 0)
        {
            positives = new long[_slots];
            foreach (string c in members)
            {
                for (int k = 0; k < _slots; k++)
                    positives[k] += _counts[c][k + 1];
            }
        }
        return new SplitPartCount(part, members, rows, positives);
    }

    private static Action<long[]> PositiveGetter(DataViewRowCursor cursor, DataViewSchema.Column column, int slots)
    {
        switch (column.Type)
        {
            case BooleanDataViewType:
                {
                    var get = cursor.GetGetter<bool>(column);
                    bool value = false;
                    return counts => { get(ref value); if (value) counts[1]++; };
                }
            case VectorDataViewType:
                {
                    var get = cursor.GetGetter<VBuffer<float>>(column);
                    VBuffer<float> value = default;
                    return counts =>
                    {
                        get(ref value);
                        foreach (var slot in value.Items())
                        {
                            if (slot.Value > 0 && slot.Key < slots)
                                counts[slot.Key + 1]++;
                        }
                    };
                }
            default:
                {
                    var get = cursor.GetGetter<float>(column);
                    float value = 0;
                    return counts => { get(ref value); if (value > 0) counts[1]++; };
                }
        }
    }

    private static string[] TaskNamesOf(DataViewSchema.Column label, int slots)
    {
        var names = Enumerable.Range(1, slots).Select(i => $"task{i}").ToArray();
        if (label.Annotations.Schema.GetColumnOrNull("SlotNames") is { Type: VectorDataViewType { Size: var size } } slotColumn && size == slots)
        {
            VBuffer<ReadOnlyMemory<char>> values = default;
            label.Annotations.GetValue(slotColumn.Name, ref values);
            foreach (var slot in values.Items())
            {
                if (!slot.Value.IsEmpty)
                    names[slot.Key] = slot.Value.ToString();
            }
        }
        return names;
    }
}
