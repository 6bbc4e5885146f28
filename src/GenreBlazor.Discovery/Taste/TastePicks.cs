using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Taste;

/// <summary>A recommendation and the liked movie it comes from (the liked one whose plot is closest to it).</summary>
public sealed record Pick(FoundMovie Found, CatalogMovie BecauseOf);

/// <summary>
/// "Your picks": catalog movies closest to a visitor's <see cref="TasteVector"/>, the liked ones never answered, each
/// with "Because you liked X" and the reasons of <see cref="Reasons"/> against X. An optional popularity prior (one
/// value in [0, 1] per catalog row, times <paramref name="popularityWeight"/>) is added to the cosine: decision 0072
/// chooses its weight on validation users of MovieLens.
/// </summary>
public sealed class TastePicks(DnaCatalog catalog, float[]? popularity = null, float popularityWeight = 0f)
{
    public DnaCatalog Catalog => catalog;

    public IReadOnlyList<Pick> Recommend(TasteVector taste, int limit = 10, Func<CatalogMovie, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(taste);
        if (popularity is not null && popularity.Length != catalog.Count)
        {
            throw new InvalidOperationException($"{popularity.Length} popularity values for {catalog.Count} catalog movies.");
        }
        var scores = new float[catalog.Count];
        VectorMath.DotRows(catalog.Plots, catalog.PlotWidth, taste.Vector, scores);
        if (popularity is not null && popularityWeight != 0)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(popularity, popularityWeight, scores, scores);
        }
        var liked = taste.Rows.ToHashSet();
        var top = TopK.Select(scores, Math.Clamp(limit, 1, SemanticSearch.MaxLimit),
            keep: row => !liked.Contains(row) && (keep is null || keep(catalog.Movies[row])));
        return [.. top.Select(t => Explain(taste, t.Row, t.Score))];
    }

    private Pick Explain(TasteVector taste, int row, float score)
    {
        var movie = catalog.Movies[row];
        var (closest, cosine) = (taste.Rows[0], float.NegativeInfinity);
        foreach (var likedRow in taste.Rows)
        {
            var c = System.Numerics.Tensors.TensorPrimitives.Dot(catalog.Plot(likedRow), catalog.Plot(row));
            if (c > cosine)
            {
                (closest, cosine) = (likedRow, c);
            }
        }
        var because = catalog.Movies[closest];
        var reason = $"Because you liked {because.Title}: " + Lower(Reasons.For(movie, because.Genres, cosine, null, because.Title));
        return new Pick(new FoundMovie(movie, row, score, reason), because);
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
