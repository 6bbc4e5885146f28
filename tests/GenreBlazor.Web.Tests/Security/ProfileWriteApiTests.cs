using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Operators;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Api;

namespace GenreBlazor.Web.Tests.Security;

/// <summary>
/// Server-wide profile changes over the API need an operator key: without one nothing changes for anybody; with it the
/// change decides for every client. A visitor's own profile in a request decides that answer only.
/// </summary>
public sealed class ProfileWriteApiTests(ProfileWriteApiTests.App app) : IClassFixture<ProfileWriteApiTests.App>
{
    public const string Key = "gbo_profile-write-tests-key-0123456789abcdef";
    private const string Plot = "A cowboy rides into a frontier town to face the outlaw gang that killed his brother.";

    public sealed class App() : HostedApp(new Dictionary<string, string?>
    {
        ["Operators:ApiKeyHashes:0"] = OperatorSecrets.HashKey(Key),
        ["Limits:Enabled"] = "false",
    });

    private static string AllAtOne() => ThresholdProfile.FromArray("all at one", Enumerable.Repeat(1f, GenreCatalog.Count).ToArray(), null).ToJson();

    private HttpRequestMessage Request(HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    private static async Task<PredictResponse> PredictAsync(HttpClient client, object? body = null) =>
        (await (await client.PostAsJsonAsync("/api/predict", body ?? new { plot = Plot })).Content.ReadFromJsonAsync<PredictResponse>())!;

    [Fact]
    public async Task Without_the_key_every_server_wide_change_is_refused_and_nothing_changes_for_anyone()
    {
        var visitor = app.ClientFrom("127.0.0.1");
        var before = await PredictAsync(visitor);
        Assert.NotEmpty(before.Predicted);

        foreach (var key in new string?[] { null, Key + "-wrong" })
        {
            var expected = key is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            foreach (var request in new[]
            {
                Request(HttpMethod.Put, "/api/profiles/all%20at%20one", key, AllAtOne()),
                Request(HttpMethod.Post, "/api/profiles/all%20at%20one/activate", key),
                Request(HttpMethod.Delete, "/api/profiles/all%20at%20one", key),
                Request(HttpMethod.Delete, "/api/profiles/active", key),
            })
            {
                var response = await visitor.SendAsync(request);
                Assert.Equal(expected, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        var list = await visitor.GetFromJsonAsync<JsonElement>("/api/profiles");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("active").ValueKind);
        Assert.Empty(list.GetProperty("profiles").EnumerateArray());
        Assert.Equal(before.Predicted, (await PredictAsync(visitor)).Predicted);
    }

    [Fact]
    public async Task With_the_key_a_saved_and_activated_profile_decides_for_every_client_until_it_is_deactivated()
    {
        var operatorClient = app.ClientFrom("127.0.0.1");
        var visitor = app.ClientFrom("127.0.0.2");
        var strict = Enumerable.Range(0, GenreCatalog.Count).Select(i => 0.9f + i * 0.001f).ToArray();
        var body = JsonSerializer.Serialize(new { models = new { text = GenreCatalog.All.Select((g, i) => (g, strict[i])).ToDictionary(p => p.g, p => p.Item2) } });

        var saved = await operatorClient.SendAsync(Request(HttpMethod.Put, "/api/profiles/Strict%20one", Key, body));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Strict one", ThresholdProfile.Parse(await saved.Content.ReadAsStringAsync(), "answer").Name);

        var activated = await operatorClient.SendAsync(Request(HttpMethod.Post, "/api/profiles/Strict%20one/activate", Key));
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        try
        {
            var answer = await PredictAsync(visitor);
            Assert.Equal("Strict one", answer.ThresholdProfile);
            Assert.All(answer.Genres, g => Assert.Equal(strict[GenreCatalog.IndexOf(g.Genre)], g.Threshold));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.SendAsync(Request(HttpMethod.Delete, "/api/profiles/active", Key))).StatusCode);
        }
        Assert.Null((await PredictAsync(visitor)).ThresholdProfile);

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.SendAsync(Request(HttpMethod.Delete, "/api/profiles/Strict%20one", Key))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.SendAsync(Request(HttpMethod.Delete, "/api/profiles/Strict%20one", Key))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.SendAsync(Request(HttpMethod.Post, "/api/profiles/nope/activate", Key))).StatusCode);
    }

    [Theory]
    [InlineData("{\"models\":{\"text\":{\"Action\":2}}}", "no threshold")]
    [InlineData("{\"name\":\"other\",\"models\":{}}", "names the profile")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{\"models\":", "not valid JSON")]
    public async Task An_invalid_profile_is_refused_with_the_reason_even_from_an_operator(string json, string reason)
    {
        var response = await app.ClientFrom("127.0.0.1").SendAsync(Request(HttpMethod.Put, "/api/profiles/bad", Key, json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_visitors_own_profile_in_the_request_decides_that_answer_only()
    {
        var visitor = app.ClientFrom("127.0.0.3");
        var own = JsonDocument.Parse(AllAtOne()).RootElement;

        var mine = await PredictAsync(visitor, new { plot = Plot, profile = own });
        Assert.Equal("all at one", mine.ThresholdProfile);
        Assert.Empty(mine.Predicted);
        Assert.All(mine.Genres, g => Assert.Equal(1f, g.Threshold));

        var explained = await (await visitor.PostAsJsonAsync("/api/explain", new { plot = Plot, profile = own })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("all at one", explained.GetProperty("thresholdProfile").GetString());

        var others = await PredictAsync(app.ClientFrom("127.0.0.4"));
        Assert.Null(others.ThresholdProfile);
        Assert.NotEmpty(others.Predicted);

        var broken = await visitor.PostAsJsonAsync("/api/predict", new { plot = Plot, profile = new { name = "x", models = new { text = new Dictionary<string, float> { ["Action"] = 0.5f } } } });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("no threshold", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
