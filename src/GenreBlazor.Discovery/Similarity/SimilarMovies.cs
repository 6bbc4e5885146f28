using System.Numerics.Tensors;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Similarity;

/// <summary>What a similarity query knows: a plot vector, a poster vector and genre probabilities, each optional.</summary>
/// <param name="Plot">Unit-length plot vector from the catalog's embedder.</param>
/// <param name="Poster">Unit-length poster vector (<see cref="PosterDna"/>).</param>
/// <param name="GenreProbabilities">One probability per genre of <see cref="GenreCatalog"/>, from the genre models.</param>
/// <param name="Exclude">A catalog row never to answer (the query movie itself).</param>
public sealed record MovieQuery(float[]? Plot, float[]? Poster = null, float[]? GenreProbabilities = null, int Exclude = -1);

/// <summary>A movie found, its blended score and why, in words.</summary>
public sealed record FoundMovie(CatalogMovie Movie, int Row, float Score, string Reason);

/// <summary>Weights of the blend; renormalised over the parts a query has.</summary>
public sealed record SimilarityWeights(float Plot = 0.6f, float Poster = 0.15f, float Genre = 0.25f)
{
    public static SimilarityWeights Default { get; } = new();
}

/// <summary>
/// "Movies like this": a weighted blend of plot cosine, poster cosine (movies with a poster) and the cosine between
/// the query's genre probabilities and each movie's genre set, over every catalog row (brute force; decision 0072).
/// </summary>
public sealed class SimilarMovies(DnaCatalog catalog, SimilarityWeights? weights = null)
{
    private readonly SimilarityWeights _weights = weights ?? SimilarityWeights.Default;

    public DnaCatalog Catalog => catalog;

    public IReadOnlyList<FoundMovie> Find(MovieQuery query, int limit = 10, Func<CatalogMovie, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Plot is null && query.Poster is null && query.GenreProbabilities is null)
        {
            throw new ArgumentException("A similarity query needs a plot, a poster or genre probabilities.", nameof(query));
        }
        var n = catalog.Count;
        var plot = query.Plot is null ? null : new float[n];
        if (plot is not null)
        {
            CheckWidth(query.Plot!, catalog.PlotWidth, "plot");
            VectorMath.DotRows(catalog.Plots, catalog.PlotWidth, query.Plot, plot);
        }
        var poster = query.Poster is null || catalog.Posters is null ? null : new float[n];
        if (poster is not null)
        {
            CheckWidth(query.Poster!, catalog.PosterWidth, "poster");
            VectorMath.DotRows(catalog.Posters, catalog.PosterWidth, query.Poster, poster);
        }
        var genre = query.GenreProbabilities is null ? null : GenreScores(query.GenreProbabilities);

        var blended = new float[n];
        for (var row = 0; row < n; row++)
        {
            float sum = 0, weight = 0;
            if (plot is not null)
            {
                sum += _weights.Plot * plot[row];
                weight += _weights.Plot;
            }
            if (poster is not null && catalog.HasPoster[row])
            {
                sum += _weights.Poster * poster[row];
                weight += _weights.Poster;
            }
            if (genre is not null)
            {
                sum += _weights.Genre * genre[row];
                weight += _weights.Genre;
            }
            blended[row] = weight > 0 ? sum / weight : 0;
        }
        var top = TopK.Select(blended, limit, row => row != query.Exclude && (keep is null || keep(catalog.Movies[row])));
        var likely = query.GenreProbabilities is { } p ? LikelyGenres(p) : GenreSet.Empty;
        return [.. top.Select(t => new FoundMovie(catalog.Movies[t.Row], t.Row, t.Score,
            Reasons.For(catalog.Movies[t.Row], likely, plot?[t.Row], poster is not null && catalog.HasPoster[t.Row] ? poster[t.Row] : null)))];
    }

    /// <summary>Cosine between the probabilities and each movie's genre indicator vector.</summary>
    private float[] GenreScores(float[] probabilities)
    {
        if (probabilities.Length != GenreCatalog.Count)
        {
            throw new ArgumentException($"{probabilities.Length} genre probabilities; the catalog has {GenreCatalog.Count} genres.", nameof(probabilities));
        }
        var norm = TensorPrimitives.Norm(probabilities);
        var scores = new float[catalog.Count];
        for (var row = 0; row < scores.Length; row++)
        {
            var genres = catalog.Movies[row].Genres;
            if (genres.Count == 0 || norm == 0)
            {
                continue;
            }
            float sum = 0;
            foreach (var label in genres.Labels())
            {
                sum += probabilities[label];
            }
            scores[row] = sum / (norm * MathF.Sqrt(genres.Count));
        }
        return scores;
    }

    /// <summary>The genres the reason may say a movie shares: probable ones, at least the most probable.</summary>
    private static GenreSet LikelyGenres(float[] probabilities)
    {
        var set = GenreSet.Empty;
        var best = 0;
        for (var label = 0; label < probabilities.Length; label++)
        {
            if (probabilities[label] >= 0.4f)
            {
                set = set.With(label);
            }
            if (probabilities[label] > probabilities[best])
            {
                best = label;
            }
        }
        return set.With(best);
    }

    private static void CheckWidth(float[] vector, int width, string what)
    {
        if (vector.Length != width)
        {
            throw new ArgumentException($"The {what} vector has {vector.Length} values; the catalog's have {width}.");
        }
    }
}
