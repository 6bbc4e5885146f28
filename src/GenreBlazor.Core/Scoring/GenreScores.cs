using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;

namespace GenreBlazor.Core.Scoring;

/// <summary>One probability per genre, in <see cref="GenreCatalog"/> order.</summary>
public sealed record GenreScores(IReadOnlyList<float> Probabilities)
{
    public float this[int label] => Probabilities[label];

    /// <summary>Label indices of the <paramref name="count"/> (≤ 3) most probable genres, best first.</summary>
    public IReadOnlyList<int> Top(int count = 3)
    {
        Span<int> top = stackalloc int[3];
        var values = Probabilities.ToArray();
        var found = MultiLabelMetrics.TopLabels(values, top);
        return top[..Math.Min(found, count)].ToArray();
    }

    /// <summary>The genres whose probability reaches their threshold.</summary>
    public GenreSet Decide(IReadOnlyList<float> thresholds)
    {
        var set = GenreSet.Empty;
        for (var label = 0; label < Probabilities.Count; label++)
        {
            if (Probabilities[label] >= thresholds[label])
            {
                set = set.With(label);
            }
        }
        return set;
    }
}
