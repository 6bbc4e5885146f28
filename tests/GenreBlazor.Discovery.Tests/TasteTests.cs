using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;

namespace GenreBlazor.Discovery.Tests;

/// <summary>
/// Taste vectors and picks over a catalog of plot vectors on a half circle (movie i at i·6°), so which movie is
/// nearest to which is known by angle alone.
/// </summary>
public sealed class TasteTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static DnaCatalog HalfCircle(int count = 30)
    {
        var movies = new List<CatalogMovie>();
        var plots = new float[count * 2];
        for (var i = 0; i < count; i++)
        {
            var angle = i * 6 * Math.PI / 180;
            plots[2 * i] = (float)Math.Cos(angle);
            plots[2 * i + 1] = (float)Math.Sin(angle);
            var genre = i < count / 2 ? "Comedy" : "Horror";
            movies.Add(new CatalogMovie($"tmdb-{100 + i}", $"Movie {i}", 2000 + i, GenreSet.FromNames([genre]), "en"));
        }
        return new DnaCatalog("test", movies, plots, 2);
    }

    private static float AngleOf(float[] vector) => (float)(Math.Atan2(vector[1], vector[0]) * 180 / Math.PI);

    [Fact]
    public void Without_decay_the_taste_is_the_mean_direction_and_with_it_an_older_like_weighs_half_per_half_life()
    {
        var catalog = HalfCircle();
        // Movie 0 at 0°, movie 15 at 90°, liked 30 days apart.
        var liked = new[] { new LikedMovie("tmdb-100", Start), new LikedMovie("tmdb-115", Start.AddDays(30)) };
        var flat = TasteVector.Of(catalog, liked, halfLife: null)!;
        Assert.Equal(45f, AngleOf(flat.Vector), 2);
        Assert.Equal([1f, 1f], flat.Weights);

        var decayed = TasteVector.Of(catalog, liked, TimeSpan.FromDays(30))!;
        Assert.Equal([0.5f, 1f], decayed.Weights);
        Assert.Equal((float)(Math.Atan2(1, 0.5) * 180 / Math.PI), AngleOf(decayed.Vector), 2);
        Assert.Equal(1.0, Math.Sqrt(decayed.Vector.Sum(x => (double)x * x)), 5);

        // A weight counts like repeated likes.
        var weighted = TasteVector.Of(catalog, [liked[0] with { Weight = 3 }, liked[1]], halfLife: null)!;
        Assert.Equal((float)(Math.Atan2(1, 3) * 180 / Math.PI), AngleOf(weighted.Vector), 2);
    }

    [Fact]
    public void Unknown_ids_are_left_out_and_nothing_known_gives_no_taste()
    {
        var catalog = HalfCircle();
        Assert.Null(TasteVector.Of(catalog, [new LikedMovie("tmdb-999", Start)], null));
        var taste = TasteVector.Of(catalog, [new LikedMovie("tmdb-999", Start), new LikedMovie("tmdb-105", Start)], null)!;
        Assert.Equal([5], taste.Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => TasteVector.Of(catalog, [new LikedMovie("tmdb-105", Start)], TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => TasteVector.Of(catalog, [new LikedMovie("tmdb-105", Start, -1)], null));
    }

    [Fact]
    public void Picks_leave_out_the_liked_movies_and_name_the_closest_liked_one()
    {
        var catalog = HalfCircle();
        var picks = new TastePicks(catalog);
        // Liked 0° long ago and 90° today: with a 10-day half-life the taste sits near 90°.
        var liked = new[] { new LikedMovie("tmdb-100", Start), new LikedMovie("tmdb-115", Start.AddDays(100)) };
        var recent = picks.Recommend(TasteVector.Of(catalog, liked, TimeSpan.FromDays(10))!, limit: 2);
        Assert.Equal(["Movie 14", "Movie 16"], recent.Select(p => p.Found.Movie.Title).Order());
        Assert.All(recent, p => Assert.Equal("Movie 15", p.BecauseOf.Title));
        Assert.StartsWith("Because you liked Movie 15: plot very close to Movie 15 (0.99)", recent[0].Found.Reason);

        // Without decay the taste is at 45°: movies 7 and 8 (42°, 48°), each because of the liked one nearer to it.
        var flat = picks.Recommend(TasteVector.Of(catalog, liked, null)!, limit: 2);
        Assert.Equal(["Movie 7", "Movie 8"], flat.Select(p => p.Found.Movie.Title).Order());
        Assert.Equal("Movie 0", flat.Single(p => p.Found.Movie.Title == "Movie 7").BecauseOf.Title);
        Assert.Equal("Movie 15", flat.Single(p => p.Found.Movie.Title == "Movie 8").BecauseOf.Title);
        Assert.Contains("shares Comedy", flat.Single(p => p.Found.Movie.Title == "Movie 7").Found.Reason);

        var all = picks.Recommend(TasteVector.Of(catalog, liked, null)!, limit: 100);
        Assert.Equal(28, all.Count);
        Assert.DoesNotContain(all, p => p.Found.Row is 0 or 15);
    }

    [Fact]
    public void A_popularity_prior_moves_a_popular_movie_up()
    {
        var catalog = HalfCircle();
        var popularity = new float[catalog.Count];
        popularity[29] = 1f;
        var taste = TasteVector.Of(catalog, [new LikedMovie("tmdb-100", Start)], null)!;
        Assert.Equal("Movie 1", new TastePicks(catalog).Recommend(taste, 1)[0].Found.Movie.Title);
        Assert.Equal("Movie 29", new TastePicks(catalog, popularity, 2f).Recommend(taste, 1)[0].Found.Movie.Title);
    }
}
