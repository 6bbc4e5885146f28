using System.Buffers;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;

namespace GenreBlazor.Discovery.Similarity;

/// <summary>
/// Free-text search over the catalog's plot vectors: the query is embedded with the catalog's embedder and every
/// row is scored by cosine (brute force with System.Numerics.Tensors; decision 0072 measures it at 16k and what a
/// million would need).
/// </summary>
public sealed class SemanticSearch(DnaCatalog catalog, PlotEmbedder embedder)
{
    public const int MaxLimit = 100;

    public DnaCatalog Catalog => catalog;

    public IReadOnlyList<FoundMovie> Search(string query, SearchFilter? filter = null, int limit = 10)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (embedder.Name != catalog.Embedder)
        {
            throw new InvalidOperationException($"The catalog was embedded with {catalog.Embedder}, the query embedder is {embedder.Name}.");
        }
        return Nearest(embedder.Embed(query), filter, limit, exclude: -1, likeTitle: null);
    }

    /// <summary>Nearest plots to a vector, with reasons naming <paramref name="likeTitle"/> when the vector is a seed movie's.</summary>
    public IReadOnlyList<FoundMovie> Nearest(float[] plot, SearchFilter? filter, int limit, int exclude, string? likeTitle)
    {
        ArgumentNullException.ThrowIfNull(plot);
        limit = Math.Clamp(limit, 1, MaxLimit);
        filter ??= SearchFilter.None;
        // One pooled buffer per query: a fresh 64 KB array per search is garbage the server would collect under load.
        var buffer = ArrayPool<float>.Shared.Rent(catalog.Count);
        try
        {
            var scores = buffer.AsSpan(0, catalog.Count);
            VectorMath.DotRows(catalog.Plots, catalog.PlotWidth, plot, scores);
            var top = TopK.Select(scores, limit, exclude, filter == SearchFilter.None ? null : row => filter.Keeps(catalog.Movies[row]));
            return [.. top.Select(t => new FoundMovie(catalog.Movies[t.Row], t.Row, t.Score,
                Reasons.For(catalog.Movies[t.Row], filter.Genres, t.Score, null, likeTitle)))];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
