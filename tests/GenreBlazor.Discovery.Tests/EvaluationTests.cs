using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Evaluation;

namespace GenreBlazor.Discovery.Tests;

public sealed class EvaluationTests
{
    private static GenreSet G(params string[] names) => GenreSet.FromNames(names);

    [Fact]
    public void Genre_overlap_and_precision_are_computed_over_ten_neighbours()
    {
        var catalog = Enumerable.Range(0, 12).Select(i => i < 5 ? G("Horror") : G("Horror", "Comedy")).ToList();
        var query = new EvaluationQuery(G("Horror"), GenreCatalog.IndexOf("Horror"), -1);
        var quality = SimilarityEvaluation.Measure("fixed", catalog, [query], _ => [.. Enumerable.Range(0, 10)]);
        Assert.Equal((5 * 1.0 + 5 * 0.5) / 10, quality.GenreOverlap, 6);
        Assert.Equal(1.0, quality.Precision, 6);
        Assert.Equal(1.0 / 3, SimilarityEvaluation.Jaccard(G("Horror", "Comedy", "Drama"), G("Horror")), 6);
    }

    [Fact]
    public void Random_neighbours_are_distinct_repeatable_and_never_the_query()
    {
        var a = SimilarityEvaluation.Random(50, query: 3, exclude: 7);
        Assert.Equal(10, a.Distinct().Count());
        Assert.DoesNotContain(7, a);
        Assert.Equal(a, SimilarityEvaluation.Random(50, query: 3, exclude: 7));
    }

    [Fact]
    public void Tf_idf_neighbours_share_rare_words()
    {
        var tfIdf = new TfIdfNeighbours(["a bank heist by thieves", "a ghost in the house", "the thieves rob a bank", "a love story in paris",
            "a house by the sea", "ghost hunters", "cowboys", "astronauts", "a chef", "a dog", "a cat", "a war"]);
        var nearest = tfIdf.Nearest("thieves plan a bank heist", exclude: 0);
        Assert.Equal(2, nearest[0]);
        Assert.DoesNotContain(0, nearest);
    }

    [Fact]
    public void The_embedding_cache_returns_what_was_saved_and_reads_a_damaged_file_as_empty()
    {
        var path = Path.Combine(Path.GetTempPath(), $"disc-cache-{Guid.NewGuid():N}.vectors");
        try
        {
            var cache = EmbeddingCache.Open(path, 3);
            cache.Add("plot one", [1f, 2f, 3f]);
            cache.Save();
            var again = EmbeddingCache.Open(path, 3);
            Assert.True(again.TryGet("plot one", out var vector));
            Assert.Equal([1f, 2f, 3f], vector);
            Assert.False(again.TryGet("plot two", out _));
            Assert.Equal(0, EmbeddingCache.Open(path, 4).Count);
            File.WriteAllBytes(path, [9, 9]);
            Assert.Equal(0, EmbeddingCache.Open(path, 3).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
