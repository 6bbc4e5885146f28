using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Similarity;
using GenreBlazor.Discovery.Themes;
using GenreBlazor.Imaging;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Discovering;

/// <summary>Movies like a classified plot and/or poster, and the theme of the plot (null without a plot or themes).</summary>
public sealed record MoviesLikeThis(IReadOnlyList<FoundMovie> Movies, ClosestTheme? Theme);

/// <summary>"Movies like this" as the pages ask for them, through the same <see cref="SimilarMovies"/> as <c>/api/similar</c>.</summary>
public static class MoviesLike
{
    /// <summary>
    /// For what was just classified (by /api/similar and Classify's panel alike): the plot's embedding, the poster's
    /// backbone features from <paramref name="model"/> (the model that classified it), the deciding model's genre probabilities.
    /// </summary>
    public static MoviesLikeThis Classified(DiscoveryHost host, ThemesHost themes, ServingModel model, string? plot, RgbImage? poster,
        IReadOnlyList<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(model);
        var similar = host.Similar ?? throw new InvalidOperationException(host.Problem);
        var plotVector = string.IsNullOrWhiteSpace(plot) ? null : host.Embedder.Embed(plot);
        var posterVector = poster is not null && model.Posters is { } posters ? PosterDna.From(posters.Features(poster)) : null;
        var movies = similar.Find(new MovieQuery(plotVector, posterVector, [.. probabilities]));
        return new MoviesLikeThis(movies, plotVector is null ? null : themes.Closest(plotVector, similar.Catalog.Embedder));
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
