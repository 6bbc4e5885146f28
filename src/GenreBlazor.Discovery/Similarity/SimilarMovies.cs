using System.Buffers;
using System.Numerics;
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
public sealed class SimilarMovies
{
    private readonly DnaCatalog _catalog;
    private readonly SimilarityWeights _weights;
    private readonly int[] _posterRows;
    private readonly float[] _genreScale;

    public SimilarMovies(DnaCatalog catalog, SimilarityWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _weights = weights ?? SimilarityWeights.Default;
        // Only one movie in seven has a poster: scanning just those rows spares the other rows' zero dot products.
        _posterRows = [.. Enumerable.Range(0, catalog.Count).Where(row => catalog.HasPoster[row])];
        _genreScale = [.. catalog.Movies.Select(m => m.Genres.Count == 0 ? 0f : 1f / MathF.Sqrt(m.Genres.Count))];
    }

    public DnaCatalog Catalog => _catalog;

    public IReadOnlyList<FoundMovie> Find(MovieQuery query, int limit = 10, Func<CatalogMovie, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Plot is null && query.Poster is null && query.GenreProbabilities is null)
        {
            throw new ArgumentException("A similarity query needs a plot, a poster or genre probabilities.", nameof(query));
        }
        if (query.Plot is not null)
        {
            CheckWidth(query.Plot, _catalog.PlotWidth, "plot");
        }
        var posters = query.Poster is not null && _catalog.Posters is not null;
        if (posters)
        {
            CheckWidth(query.Poster!, _catalog.PosterWidth, "poster");
        }
        if (query.GenreProbabilities is { } probabilities && probabilities.Length != GenreCatalog.Count)
        {
            throw new ArgumentException($"{probabilities.Length} genre probabilities; the catalog has {GenreCatalog.Count} genres.", nameof(query));
        }

        // Every part into pooled buffers, blended in place: no per-query arrays of the catalog's size, none per row.
        var n = _catalog.Count;
        var pool = ArrayPool<float>.Shared;
        var blended = pool.Rent(n);
        var plot = query.Plot is null ? null : pool.Rent(n);
        var poster = posters ? pool.Rent(n) : null;
        try
        {
            var blend = blended.AsSpan(0, n);
            blend.Clear();
            float weight = 0;
            if (plot is not null)
            {
                VectorMath.DotRows(_catalog.Plots, _catalog.PlotWidth, query.Plot, plot.AsSpan(0, n));
                TensorPrimitives.MultiplyAdd(plot.AsSpan(0, n), _weights.Plot, blend, blend);
                weight += _weights.Plot;
            }
            if (query.GenreProbabilities is { } p)
            {
                AddGenreScores(p, _weights.Genre, blend);
                weight += _weights.Genre;
            }
            if (poster is not null)
            {
                // Renormalised per row: a movie with a poster is weighed over one more part than one without.
                foreach (var row in _posterRows)
                {
                    poster[row] = TensorPrimitives.Dot(_catalog.Poster(row), query.Poster);
                    blend[row] = (blend[row] + _weights.Poster * poster[row]) / (weight + _weights.Poster);
                }
                var posterless = weight > 0 ? 1 / weight : 0;
                for (var row = 0; row < n; row++)
                {
                    if (!_catalog.HasPoster[row])
                    {
                        blend[row] *= posterless;
                    }
                }
            }
            else if (weight > 0)
            {
                TensorPrimitives.Multiply(blend, 1 / weight, blend);
            }

            var top = TopK.Select(blend, limit, query.Exclude, keep is null ? null : row => keep(_catalog.Movies[row]));
            var likely = query.GenreProbabilities is { } q ? LikelyGenres(q) : GenreSet.Empty;
            return [.. top.Select(t => new FoundMovie(_catalog.Movies[t.Row], t.Row, t.Score,
                Reasons.For(_catalog.Movies[t.Row], likely, plot?[t.Row], poster is not null && _catalog.HasPoster[t.Row] ? poster[t.Row] : null)))];
        }
        finally
        {
            pool.Return(blended);
            if (plot is not null)
            {
                pool.Return(plot);
            }
            if (poster is not null)
            {
                pool.Return(poster);
            }
        }
    }

    /// <summary>Adds weight × the cosine between the probabilities and each movie's genre indicator vector.</summary>
    private void AddGenreScores(float[] probabilities, float weight, Span<float> blend)
    {
        var norm = TensorPrimitives.Norm(probabilities);
        if (norm == 0)
        {
            return;
        }
        var scale = weight / norm;
        for (var row = 0; row < blend.Length; row++)
        {
            // The genre bits walked directly: GenreSet.Labels() would allocate an enumerator for every row.
            var bits = _catalog.Movies[row].Genres.Bits;
            float sum = 0;
            while (bits != 0)
            {
                sum += probabilities[BitOperations.TrailingZeroCount(bits)];
                bits &= bits - 1;
            }
            blend[row] += scale * sum * _genreScale[row];
        }
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
