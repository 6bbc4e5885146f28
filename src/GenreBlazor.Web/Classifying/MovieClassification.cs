using GenreBlazor.Core.Fusion;

namespace GenreBlazor.Web.Classifying;

/// <summary>
/// A movie classified from its plot, its poster, or both: each model's own result and, with both, the fused one.
/// The decision shown first (<see cref="Primary"/>) is the fused result when there is one.
/// </summary>
/// <param name="Text">The text model's result, when a plot was given.</param>
/// <param name="Poster">The poster model's result, when a poster was given.</param>
/// <param name="Fused">The fusion's result, when both were given.</param>
public sealed record MovieClassification(Classification? Text, Classification? Poster, Classification? Fused)
{
    /// <summary>Which models produced a score.</summary>
    public Modalities Modalities => (Text is null ? Modalities.None : Modalities.Text) | (Poster is null ? Modalities.None : Modalities.Poster);

    /// <summary>The result the page decides with: fused, else whichever model ran.</summary>
    public Classification Primary => Fused ?? Text ?? Poster ?? throw new InvalidOperationException("Nothing was classified.");

    /// <summary>The models' results side by side, in the order text, poster, fused.</summary>
    public IEnumerable<(string Model, Classification Result)> Results()
    {
        if (Text is not null) yield return ("text", Text);
        if (Poster is not null) yield return ("poster", Poster);
        if (Fused is not null) yield return ("fused", Fused);
    }
}
