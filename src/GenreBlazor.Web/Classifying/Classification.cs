using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Scoring;

namespace GenreBlazor.Web.Classifying;

/// <summary>One genre's line in a result.</summary>
/// <param name="Genre">Genre name.</param>
/// <param name="Probability">The model's probability.</param>
/// <param name="Threshold">The threshold it was decided at.</param>
/// <param name="Predicted">Whether the probability reaches the threshold.</param>
/// <param name="TopRank">1, 2 or 3 for the three most probable genres, else 0.</param>
public sealed record GenreLine(string Genre, float Probability, float Threshold, bool Predicted, int TopRank);

/// <summary>A classified plot.</summary>
/// <param name="ModelVersion">Version of the model bundle.</param>
/// <param name="Scores">Probability per genre, in catalog order.</param>
/// <param name="Thresholds">Threshold per genre the decision used.</param>
/// <param name="Profile">The threshold profile the thresholds came from, or null for the model's tuned thresholds.</param>
/// <param name="Model">Which model scored: "text", "poster" or "fused".</param>
public sealed record Classification(string ModelVersion, GenreScores Scores, IReadOnlyList<float> Thresholds, string? Profile = null, string Model = "text")
{
    /// <summary>The three most probable genres' label indices, best first.</summary>
    public IReadOnlyList<int> Top3 { get; } = Scores.Top(3);

    /// <summary>The genres predicted at <see cref="Thresholds"/>.</summary>
    public GenreSet Predicted => Scores.Decide(Thresholds);

    /// <summary>Every genre, most probable first (ties in catalog order).</summary>
    public IReadOnlyList<GenreLine> Lines()
    {
        // Sorted in place and built into an array: every /api/predict answer and every slider move build these lines.
        var order = new int[GenreCatalog.Count];
        for (var label = 0; label < order.Length; label++)
        {
            order[label] = label;
        }
        Array.Sort(order, (a, b) => Scores[b].CompareTo(Scores[a]) is var byProbability and not 0 ? byProbability : a.CompareTo(b));
        var lines = new GenreLine[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var label = order[i];
            lines[i] = new GenreLine(GenreCatalog.All[label], Scores[label], Thresholds[label], Scores[label] >= Thresholds[label], TopRank(label));
        }
        return lines;
    }

    private int TopRank(int label)
    {
        for (var rank = 0; rank < Top3.Count; rank++)
        {
            if (Top3[rank] == label)
            {
                return rank + 1;
            }
        }
        return 0;
    }

    /// <summary>The same scores decided at other thresholds (the slider moves; the model does not run again).</summary>
    public Classification WithThresholds(IReadOnlyList<float> thresholds) => this with { Thresholds = thresholds };
}
