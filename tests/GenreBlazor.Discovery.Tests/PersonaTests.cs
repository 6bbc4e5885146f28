using GenreBlazor.Discovery.Taste;

namespace GenreBlazor.Discovery.Tests;

/// <summary>Personas over the half-circle catalog of <see cref="TasteTests"/>: movies 0–14 are comedies, 15–29 horror.</summary>
public sealed class PersonaTests
{
    private static MovieLensRatings TwoCrowds()
    {
        var ratings = new List<Rating>();
        for (var user = 1; user <= 12; user++)
        {
            // Users 1–8 like comedies near 0°, users 9–12 horror near 180°.
            var first = user <= 8 ? user % 3 : 25 + user % 3;
            ratings.AddRange(Enumerable.Range(first, 3).Select(m => new Rating(user, m, 5f, 1000 + m)));
            ratings.Add(new Rating(user, 10, 2f, 2000));
        }
        return new MovieLensRatings(ratings, ratings.Count, 12, 30);
    }

    [Fact]
    public void Two_crowds_become_two_personas_named_from_their_genres_and_a_taste_finds_its_own()
    {
        var catalog = TasteTests.HalfCircle();
        var model = PersonaModel.Build(catalog, TwoCrowds(), halfLifeDays: null, popularityWeight: 1.5f, seed: 3, "test", minK: 2, maxK: 3);
        Assert.Equal(2, model.K);
        Assert.True(model.SilhouetteByK[2] > model.SilhouetteByK[3]);
        Assert.Equal([("The Laugh Seeker", 8), ("The Horror Hound", 4)], model.Personas.Select(p => (p.Name, p.Size)));
        Assert.Equal(("Comedy", 1.0, 1.5), (model.Personas[0].Genres[0].Genre, model.Personas[0].Genres[0].Share, model.Personas[0].Genres[0].Lift));

        var horror = TasteVector.Of(catalog, [new LikedMovie("tmdb-128", DateTimeOffset.UnixEpoch)], null)!;
        Assert.Equal("The Horror Hound", model.Closest(horror)!.Persona.Name);
        var comedy = TasteVector.Of(catalog, [new LikedMovie("tmdb-103", DateTimeOffset.UnixEpoch)], null)!;
        Assert.Equal("The Laugh Seeker", model.Closest(comedy)!.Persona.Name);

        // Likes count the viewers who rated a movie ≥ 4: movie 2 is in every comedy crowd start (0, 1 and 2), movie 0 in one; the 2-star movie 10 in none.
        Assert.False(model.Likes.ContainsKey("tmdb-110"));
        var prior = model.PopularityPrior(catalog);
        Assert.Equal(1f, prior.Max());
        Assert.Equal(0f, prior[10]);
        Assert.True(prior[2] > prior[0]);
    }

    [Fact]
    public void A_personas_file_round_trips_and_a_broken_one_is_named()
    {
        var catalog = TasteTests.HalfCircle();
        var model = PersonaModel.Build(catalog, TwoCrowds(), 365, 1.5f, 3, "test", 2, 2);
        var path = Path.Combine(Path.GetTempPath(), $"taste-personas-{Guid.NewGuid():N}.json");
        try
        {
            model.Write(path);
            var back = PersonaModel.Read(path);
            Assert.Equal(model.Personas.Select(p => (p.Name, p.Size)), back.Personas.Select(p => (p.Name, p.Size)));
            Assert.Equal(model.Personas[0].Centroid, back.Personas[0].Centroid);
            Assert.Equal(model.Likes, back.Likes);
            Assert.Equal((365.0, 1.5f, 2), (back.HalfLifeDays!.Value, back.PopularityWeight, back.K));
            File.WriteAllText(path, "{\"personas\": 3}");
            Assert.Contains("genreblazor personas", Assert.Throws<InvalidDataException>(() => PersonaModel.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new[] { "Thriller", "Crime" }, "The Hard-Boiled Suspense Seeker")]
    [InlineData(new[] { "Action", "Science Fiction", "Adventure" }, "The Futurist Blockbuster Fan")]
    [InlineData(new[] { "Horror" }, "The Horror Hound")]
    [InlineData(new string[0], "The Eclectic Viewer")]
    public void Names_come_from_the_two_most_distinctive_genres(string[] genres, string expected) =>
        Assert.Equal(expected, PersonaNames.Name(genres, new HashSet<string>()));

    [Fact]
    public void A_taken_name_uses_the_next_genre()
    {
        var taken = new HashSet<string> { "The Hard-Boiled Suspense Seeker" };
        Assert.Equal("The Fearless Suspense Seeker", PersonaNames.Name(["Thriller", "Crime", "Horror"], taken));
        Assert.Equal("The Suspense Seeker", PersonaNames.Name(["Thriller", "Crime"], taken));
        Assert.Equal("The Suspense Seeker 2", PersonaNames.Name(["Thriller"], taken));
    }
}
