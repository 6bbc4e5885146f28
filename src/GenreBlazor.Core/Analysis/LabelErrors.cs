using GenreBlazor.Core.Bundles;

namespace GenreBlazor.Core.Analysis;

/// <summary>
/// One genre's possible errors, sorted once: the movies without the genre by descending score (at any threshold the
/// false positives are a prefix of them) and the movies with it by ascending score (the false negatives are a prefix).
/// </summary>
internal sealed class LabelErrors
{
    private readonly ScoredMovie[] negatives;
    private readonly float[] negativeScoresAscending;
    private readonly ScoredMovie[] positives;
    private readonly float[] positiveScoresAscending;

    public LabelErrors(IReadOnlyList<ScoredMovie> items, float[] scores, bool[] truth)
    {
        // Stable sorts: movies with equal scores keep the data's order.
        var without = Enumerable.Range(0, items.Count).Where(i => !truth[i]).OrderByDescending(i => scores[i]).ToArray();
        var with = Enumerable.Range(0, items.Count).Where(i => truth[i]).OrderBy(i => scores[i]).ToArray();
        negatives = [.. without.Select(i => items[i])];
        negativeScoresAscending = [.. without.Select(i => scores[i]).Reverse()];
        positives = [.. with.Select(i => items[i])];
        positiveScoresAscending = [.. with.Select(i => scores[i])];
    }

    /// <summary>False positives (score ≥ threshold, most confident first) and false negatives (score below it, least confident first).</summary>
    public (IReadOnlyList<ScoredMovie> FalsePositives, IReadOnlyList<ScoredMovie> FalseNegatives) At(float threshold) =>
        (new ArraySegment<ScoredMovie>(negatives, 0, negatives.Length - LabelScoreIndex.FirstAtOrAbove(negativeScoresAscending, threshold)),
         new ArraySegment<ScoredMovie>(positives, 0, LabelScoreIndex.FirstAtOrAbove(positiveScoresAscending, threshold)));
}
