using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Web.Discovering;

/// <summary>"Movies like this" as the pages ask for them, through the same <see cref="SimilarMovies"/> as <c>/api/similar</c>.</summary>
public static class MoviesLike
{
    /// <summary>For a classified plot: its embedding and the deciding model's genre probabilities, as /api/similar does.</summary>
    public static IReadOnlyList<FoundMovie> Plot(DiscoveryHost host, string plot, IReadOnlyList<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(host);
        var similar = host.Similar ?? throw new InvalidOperationException(host.Problem);
        return similar.Find(new MovieQuery(host.Embedder.Embed(plot), null, [.. probabilities]));
    }

    /// <summary>For a catalog movie: its own plot and poster vectors, its genres as certain, never itself.</summary>
    public static IReadOnlyList<FoundMovie> Movie(DiscoveryHost host, int row)
    {
        ArgumentNullException.ThrowIfNull(host);
        var similar = host.Similar ?? throw new InvalidOperationException(host.Problem);
        var catalog = similar.Catalog;
        var genres = new float[GenreCatalog.Count];
        foreach (var label in catalog.Movies[row].Genres.Labels())
        {
            genres[label] = 1f;
        }
        var poster = catalog.HasPoster[row] ? catalog.Poster(row).ToArray() : null;
        return similar.Find(new MovieQuery(catalog.Plot(row).ToArray(), poster, genres.Any(g => g > 0) ? genres : null, Exclude: row));
    }
}
