using GenreBlazor.Core.Bundles;

namespace GenreBlazor.Core.Analysis;

/// <summary>
/// One genre's possible errors, sorted once: the movies without the genre by descending score (at any threshold the
/// false positives are a prefix of them) and the movies with it by ascending score (the false negatives are a prefix).
/// </summary>
internal sealed class LabelErrors
{
    private readonly ScoredMovie[] negatives;
    private readonly float[] negativeScores;
    private readonly ScoredMovie[] positives;
    private readonly float[] positiveScores;

    public LabelErrors(IReadOnlyList<ScoredMovie> items, float[] scores, bool[] truth)
    {
        // Stable sorts: movies with equal scores keep the data's order.
        var without = Enumerable.Range(0, items.Count).Where(i => !truth[i]).OrderByDescending(i => scores[i]).ToArray();
        var with = Enumerable.Range(0, items.Count).Where(i => truth[i]).OrderBy(i => scores[i]).ToArray();
        negatives = [.. without.Select(i => items[i])];
        negativeScores = [.. without.Select(i => scores[i])];
        positives = [.. with.Select(i => items[i])];
        positiveScores = [.. with.Select(i => scores[i])];
    }

    /// <summary>False positives (score ≥ threshold, most confident first) and false negatives (score below it, least confident first).</summary>
    public (IReadOnlyList<ScoredMovie> FalsePositives, IReadOnlyList<ScoredMovie> FalseNegatives) At(float threshold) =>
        (new ArraySegment<ScoredMovie>(negatives, 0, CountAtLeast(negativeScores, threshold)),
         new ArraySegment<ScoredMovie>(positives, 0, CountBelow(positiveScores, threshold)));

    // Descending scores: the first index whose score is below the threshold.
    private static int CountAtLeast(float[] descending, float threshold)
    {
        int low = 0, high = descending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (descending[middle] >= threshold)
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

    // Ascending scores: the first index whose score reaches the threshold.
    private static int CountBelow(float[] ascending, float threshold)
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
