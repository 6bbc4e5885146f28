using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Evaluation;

/// <summary>A query of the evaluation: its genres, the genre listed first, and its own catalog row (never a neighbour).</summary>
public sealed record EvaluationQuery(GenreSet Genres, int FirstGenre, int CatalogRow);

/// <summary>
/// Neighbour quality of one method: genre-overlap@k is the mean Jaccard between a query's genres and each of its k
/// neighbours'; precision@k the share of neighbours that have the query's first genre.
/// </summary>
public sealed record NeighbourQuality(string Method, int Queries, int K, double GenreOverlap, double Precision);

public static class SimilarityEvaluation
{
    public const int K = 10;

    public static NeighbourQuality Measure(string method, IReadOnlyList<GenreSet> catalogGenres, IReadOnlyList<EvaluationQuery> queries,
        Func<int, IReadOnlyList<int>> neighboursOf)
    {
        ArgumentNullException.ThrowIfNull(catalogGenres);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(neighboursOf);
        double overlap = 0, precision = 0;
        var perQuery = new (double Overlap, double Precision)[queries.Count];
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, q =>
        {
            var query = queries[q];
            var neighbours = neighboursOf(q);
            double o = 0, p = 0;
            foreach (var row in neighbours)
            {
                o += Jaccard(query.Genres, catalogGenres[row]);
                p += catalogGenres[row].Contains(query.FirstGenre) ? 1 : 0;
            }
            perQuery[q] = (o / K, p / K);
        });
        foreach (var (o, p) in perQuery)
        {
            overlap += o;
            precision += p;
        }
        return new NeighbourQuality(method, queries.Count, K, overlap / Math.Max(queries.Count, 1), precision / Math.Max(queries.Count, 1));
    }

    public static double Jaccard(GenreSet a, GenreSet b)
    {
        var union = new GenreSet(a.Bits | b.Bits).Count;
        return union == 0 ? 0 : (double)new GenreSet(a.Bits & b.Bits).Count / union;
    }

    /// <summary>Nearest rows by cosine over a row-major matrix of unit vectors.</summary>
    public static IReadOnlyList<int> Dense(float[] matrix, int width, float[] query, int exclude)
    {
        var scores = new float[matrix.Length / width];
        VectorMath.DotRows(matrix, width, query, scores);
        return [.. TopK.Select(scores, K, exclude).Select(t => t.Row)];
    }

    /// <summary>Ten distinct rows drawn at random (seeded per query, so a rerun gives the same figure).</summary>
    public static IReadOnlyList<int> Random(int catalogSize, int query, int exclude)
    {
        var random = new Random(query * 7919 + 17);
        var rows = new HashSet<int>();
        while (rows.Count < Math.Min(K, catalogSize - 1))
        {
            var row = random.Next(catalogSize);
            if (row != exclude)
            {
                rows.Add(row);
            }
        }
        return [.. rows];
    }
}
