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

    /// <summary>Every genre, most probable first.</summary>
    public IReadOnlyList<GenreLine> Lines() => Enumerable.Range(0, GenreCatalog.Count)
        .OrderByDescending(label => Scores[label]).ThenBy(label => label)
        .Select(label => new GenreLine(GenreCatalog.All[label], Scores[label], Thresholds[label], Scores[label] >= Thresholds[label],
            Top3.ToList().IndexOf(label) + 1))
        .ToList();

    /// <summary>The same scores decided at other thresholds (the slider moves; the model does not run again).</summary>
    public Classification WithThresholds(IReadOnlyList<float> thresholds) => this with { Thresholds = thresholds };
}
