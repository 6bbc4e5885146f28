using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests.Discovery;

/// <summary><c>POST /api/picks</c> over the tiny DNA, with a personas file the test clusters from made-up viewers.</summary>
public sealed class PicksApiTests(TinyDna dna) : IClassFixture<TinyDna>, IDisposable
{
    private readonly string _personas = Path.Combine(Path.GetTempPath(), $"taste-personas-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_personas);

    /// <summary>Six viewers of heists and chases, four of romance, comedy and animation.</summary>
    private void WritePersonas()
    {
        var catalog = DnaFile.Read(dna.Path);
        var ratings = new List<Rating>();
        string[][] crowds = [["t1", "t2", "t4"], ["t2", "t5", "t14"], ["t7", "t9"], ["t9", "t11"]];
        for (var user = 0; user < 10; user++)
        {
            var likes = crowds[user < 6 ? user % 2 : 2 + user % 2];
            ratings.AddRange(likes.Select((id, t) => new Rating(user, catalog.IndexOf(id), 5f, 1000 + t)));
        }
        PersonaModel.Build(catalog, new MovieLensRatings(ratings, ratings.Count, 10, 7), null, 0.5f, 1, "test viewers", 2, 2).Write(_personas);
    }

    private ExplanationAppFactory App(bool personas = true)
    {
        if (personas)
        {
            WritePersonas();
        }
        return new(null, false, builder => builder.UseSetting("Discovery:DnaPath", dna.Path).UseSetting("Picks:PersonasPath", personas ? _personas : "no-such-personas.json"));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Two_liked_heists_give_ten_other_movies_each_because_of_one_of_them_and_the_heist_persona()
    {
        await using var app = App();
        using var client = app.CreateClient();
        var answer = await Json(await client.PostAsJsonAsync("/api/picks", new
        {
            liked = new object[] { new { id = "t1", likedAt = "2024-01-01T00:00:00Z" }, new { id = "t2", likedAt = "2025-01-01T00:00:00Z" } },
        }));
        var movies = answer.GetProperty("movies").EnumerateArray().ToList();
        Assert.Equal(10, movies.Count);
        Assert.DoesNotContain(movies, m => m.GetProperty("id").GetString() is "t1" or "t2");
        Assert.All(movies, m => Assert.Matches("^Because you liked (Vault Job|The Last Score): ", m.GetProperty("reason").GetString()));
        Assert.Contains(movies.Take(3), m => m.GetProperty("genres").EnumerateArray().Any(g => g.GetString() == "Crime"));
        var persona = answer.GetProperty("persona");
        Assert.Equal(6, persona.GetProperty("size").GetInt32());
        Assert.Contains("Crime", persona.GetProperty("genres").EnumerateArray().Select(g => g.GetProperty("genre").GetString()));
        Assert.Empty(answer.GetProperty("unknown").EnumerateArray());

        var romance = await Json(await client.PostAsJsonAsync("/api/picks", new { liked = new[] { new { id = "t7" }, new { id = "nope" } }, limit = 3 }));
        Assert.Equal(3, romance.GetProperty("movies").GetArrayLength());
        Assert.Equal(4, romance.GetProperty("persona").GetProperty("size").GetInt32());
        Assert.Equal(["nope"], romance.GetProperty("unknown").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Without_the_personas_file_picks_still_come_and_no_persona_is_named()
    {
        await using var app = App(personas: false);
        using var client = app.CreateClient();
        var answer = await Json(await client.PostAsJsonAsync("/api/picks", new { liked = new[] { new { id = "t13" } } }));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("persona").ValueKind);
        Assert.Equal("Ghost Nursery", answer.GetProperty("movies")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_problem_details_that_say_why()
    {
        await using var app = App();
        using var client = app.CreateClient();
        foreach (var (body, message) in new[]
        {
            ("{}", "non-empty array"),
            ("{\"liked\": []}", "non-empty array"),
            ("{\"liked\": [{\"id\": \"zzz\"}]}", "None of the liked ids is in the catalog"),
            ("{\"liked\": [{\"likedAt\": \"2024-01-01T00:00:00Z\"}]}", "liked[0] has no"),
            ("{\"liked\": [{\"id\": \"t1\", \"weight\": -2}]}", "a weight is from 0 to 100"),
            ("{\"liked\": [{\"id\": \"t1\"}], \"limit\": 0}", "limit must be from 1 to 100"),
            ("{\"liked\": [{\"id\": \"t1\", \"likedAt\": \"yesterday\"}]}", "not a picks request"),
            ("not json", "not a picks request"),
            ("{\"liked\": [" + string.Join(",", Enumerable.Repeat("{\"id\": \"t1\"}", 201)) + "]}", "at most 200"),
        })
        {
            var response = await client.PostAsync("/api/picks", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(text.Contains(message, StringComparison.Ordinal), $"{body[..Math.Min(body.Length, 60)]}: {text}");
        }
        var plain = await client.PostAsync("/api/picks", new StringContent("t1", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
    }
}
