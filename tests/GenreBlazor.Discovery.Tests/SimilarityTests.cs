using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Tests;

public sealed class SimilarityTests(SmallCatalog small) : IClassFixture<SmallCatalog>
{
    [Fact]
    public void Embeddings_are_unit_length_and_close_plots_are_closer_than_unrelated_ones()
    {
        var heist = small.Embedder.Embed("Thieves plan to rob a bank vault.");
        Assert.Equal(384, heist.Length);
        Assert.Equal(1.0, Math.Sqrt(heist.Sum(x => (double)x * x)), 3);
        var search = new SemanticSearch(small.Catalog, small.Embedder);
        var found = search.Search("Thieves plan to rob a bank vault.", limit: 2);
        Assert.Equal(["m3", "m4"], found.Select(f => f.Movie.Id).Order());
    }

    [Fact]
    public void Similar_to_a_haunting_plot_finds_the_other_haunting_first_and_says_why()
    {
        var similar = new SimilarMovies(small.Catalog);
        var probabilities = new float[GenreCatalog.Count];
        probabilities[GenreCatalog.IndexOf("Horror")] = 0.9f;
        var found = similar.Find(new MovieQuery(small.Vectors[0], GenreProbabilities: probabilities, Exclude: 0), limit: 3);
        Assert.Equal("m2", found[0].Movie.Id);
        Assert.DoesNotContain(found, f => f.Row == 0);
        Assert.StartsWith("Shares Horror; plot", found[0].Reason);
        Assert.True(found[0].Score > found[1].Score);
    }

    [Fact]
    public void Genre_probabilities_alone_rank_by_genre()
    {
        var similar = new SimilarMovies(small.Catalog);
        var probabilities = new float[GenreCatalog.Count];
        probabilities[GenreCatalog.IndexOf("Western")] = 1f;
        var found = similar.Find(new MovieQuery(null, GenreProbabilities: probabilities), limit: 1);
        Assert.Equal("m8", Assert.Single(found).Movie.Id);
        Assert.Throws<ArgumentException>(() => similar.Find(new MovieQuery(null)));
    }

    [Theory]
    [InlineData("Thriller", null, null, null, new[] { "m2", "m3", "m4" })]
    [InlineData("Thriller", 1993, 1999, null, new[] { "m2", "m3" })]
    [InlineData(null, null, 1970, null, new[] { "m8" })]
    [InlineData(null, 2000, null, "fr", new[] { "m5" })]
    public void Search_filters_keep_only_matching_movies(string? genre, int? from, int? to, string? language, string[] expected)
    {
        var movies = SmallCatalog.Movies.ToList();
        movies[4] = movies[4] with { Language = "fr" };
        var catalog = DnaBuilder.Build(small.Embedder.Name, movies, small.Vectors);
        var filter = new SearchFilter(genre is null ? default : GenreSet.FromNames([genre]), default, from, to, language);
        var found = new SemanticSearch(catalog, small.Embedder).Search("a story", filter, limit: 10);
        Assert.Equal(expected, found.Select(f => f.Movie.Id).Order());
    }

    [Fact]
    public void A_dna_file_round_trips_in_int8_keeping_the_neighbours()
    {
        var poster = new Dictionary<string, float[]> { ["tt1"] = [0.6f, 0.8f, 0f] };
        var movies = SmallCatalog.Movies.Select((m, i) => i == 2 ? m with { ImdbId = "tt1" } : m).ToList();
        var catalog = DnaBuilder.Build(small.Embedder.Name, movies, small.Vectors, poster);
        var path = Path.Combine(Path.GetTempPath(), $"disc-dna-{Guid.NewGuid():N}.bin");
        try
        {
            DnaFile.Write(catalog, path);
            var back = DnaFile.Read(path);
            Assert.Equal(catalog.Movies, back.Movies);
            Assert.Equal(1, back.PostersHeld);
            Assert.True(back.HasPoster[2]);
            for (var i = 0; i < catalog.Count; i++)
            {
                var cosine = catalog.Plot(i).ToArray().Zip(back.Plot(i).ToArray(), (a, b) => a * b).Sum();
                Assert.True(cosine > 0.999f, $"row {i}: cosine {cosine}");
            }
            File.WriteAllBytes(path, [1, 2, 3]);
            var error = Assert.Throws<InvalidDataException>(() => DnaFile.Read(path));
            Assert.Contains("genreblazor dna", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("The Last Score", 3)]
    [InlineData("the last score", 3)]
    [InlineData("The  Last Score!", 3)]
    [InlineData("Last Score", -1)]
    public void Titles_are_found_case_and_punctuation_aside(string title, int row) => Assert.Equal(row, small.Catalog.FindTitle(title));
}
