using GenreBlazor.Core.Metrics;

namespace GenreBlazor.Core.Analysis;

/// <summary>
/// One genre's scores over a set of items, sorted once, so that the confusion matrix at any threshold is two binary
/// searches away: items predicted are those with score ≥ threshold (the same rule as <see cref="MultiLabelMetrics"/>).
/// </summary>
public sealed class LabelScoreIndex
{
    private readonly float[] ascending;
    // positivesFrom[k] = true items among ascending[k..]
    private readonly int[] positivesFrom;

    public LabelScoreIndex(ReadOnlySpan<float> scores, ReadOnlySpan<bool> truth)
    {
        if (scores.Length != truth.Length)
        {
            throw new ArgumentException("One truth per score is needed.", nameof(truth));
        }
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        ascending = scores.ToArray();
        Array.Sort(ascending, order);
        positivesFrom = new int[ascending.Length + 1];
        for (var k = ascending.Length - 1; k >= 0; k--)
        {
            positivesFrom[k] = positivesFrom[k + 1] + (truth[order[k]] ? 1 : 0);
        }
        Positives = positivesFrom[0];
    }

    public int Count => ascending.Length;

    /// <summary>Items that truly have the genre.</summary>
    public int Positives { get; }

    /// <summary>The 2×2 matrix when predicting every item with score ≥ <paramref name="threshold"/>.</summary>
    public LabelConfusion At(float threshold)
    {
        var first = FirstAtOrAbove(ascending, threshold);
        var predicted = ascending.Length - first;
        var truePositives = positivesFrom[first];
        var falsePositives = predicted - truePositives;
        var falseNegatives = Positives - truePositives;
        return new LabelConfusion(truePositives, falsePositives, falseNegatives, ascending.Length - predicted - falseNegatives);
    }

    /// <summary>The index of the first score ≥ threshold in scores sorted ascending (their count when none is).</summary>
    internal static int FirstAtOrAbove(float[] ascending, float threshold)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ascending[middle] < threshold)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
