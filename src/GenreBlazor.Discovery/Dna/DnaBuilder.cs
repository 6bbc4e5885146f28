using GenreBlazor.Core.Data;

namespace GenreBlazor.Discovery.Dna;

/// <summary>Puts the catalog together from its movies, their plot vectors and the poster vectors found by IMDb id.</summary>
public static class DnaBuilder
{
    public static DnaCatalog Build(string embedder, IReadOnlyList<Movie> movies, IReadOnlyList<float[]> plotVectors,
        IReadOnlyDictionary<string, float[]>? postersByImdbId = null)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(plotVectors);
        var width = plotVectors.Count > 0 ? plotVectors[0].Length : 0;
        var plots = new float[movies.Count * width];
        for (var i = 0; i < movies.Count; i++)
        {
            plotVectors[i].CopyTo(plots, i * width);
        }
        float[]? posters = null;
        var posterWidth = postersByImdbId is { Count: > 0 } ? postersByImdbId.Values.First().Length : 0;
        if (posterWidth > 0)
        {
            posters = new float[movies.Count * posterWidth];
            for (var i = 0; i < movies.Count; i++)
            {
                if (movies[i].ImdbId.Length > 0 && postersByImdbId!.TryGetValue(movies[i].ImdbId, out var poster))
                {
                    poster.CopyTo(posters, i * posterWidth);
                }
            }
        }
        var entries = movies.Select(m => new CatalogMovie(m.Id, m.Title, m.Year, m.Genres, m.Language)).ToList();
        return new DnaCatalog(embedder, entries, plots, width, posters, posterWidth);
    }
}
