using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenreBlazor.Web.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests;

/// <summary>The HTTP API, hosted in-process with the committed model bundle.</summary>
public sealed class ApiTests(GenreBlazorFactory factory) : IClassFixture<GenreBlazorFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private Task<HttpResponseMessage> PostJson(string json) =>
        client.PostAsync("/api/predict", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Predicts_every_genre_with_the_top3_and_the_decision()
    {
        var response = await client.PostAsJsonAsync("/api/predict", new { plot = "A family moves into a haunted house where a vengeful ghost terrorises their children at night." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.False(string.IsNullOrEmpty(body.ModelVersion));
        Assert.Equal(19, body.Genres.Count);
        Assert.Equal(19, body.Genres.Select(g => g.Genre).Distinct().Count());
        Assert.Equal(body.Genres.OrderByDescending(g => g.Probability).Select(g => g.Genre), body.Genres.Select(g => g.Genre));
        Assert.Equal(body.Genres.Take(3).Select(g => g.Genre), body.Top3);
        Assert.Equal("Horror", body.Top3[0]);
        Assert.All(body.Genres, g => Assert.Equal(g.Probability >= g.Threshold, g.Predicted));
        Assert.Equal(body.Genres.Where(g => g.Predicted).Select(g => g.Genre).Order(), body.Predicted.Order());
        Assert.Contains("Horror", body.Predicted);
    }

    [Theory]
    [InlineData("{\"plot\": \"\"}", "empty")]
    [InlineData("{\"plot\": \"   \\n\\t \"}", "empty")]
    [InlineData("{\"plot\": 42}", "string field \\\"plot\\\"")]
    [InlineData("{\"text\": \"a plot\"}", "string field \\\"plot\\\"")]
    [InlineData("[\"a plot\"]", "string field \\\"plot\\\"")]
    [InlineData("{\"plot\": \"unterminated", "not valid JSON")]
    [InlineData("plot=hello", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task Bad_bodies_get_400_problem_details(string json, string expected)
    {
        var response = await PostJson(json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(expected.Replace("\\\"", "\""), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_plot_over_the_limit_gets_400_and_a_body_over_the_limit_gets_413()
    {
        var tooLong = await PostJson(JsonSerializer.Serialize(new { plot = new string('a', 5001) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("the limit is 5,000", (await ProblemOf(tooLong)).GetProperty("detail").GetString());

        var megabyte = await PostJson(JsonSerializer.Serialize(new { plot = new string('x', 1_000_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, megabyte.StatusCode);
        Assert.Equal(413, (await ProblemOf(megabyte)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Other_content_types_get_415()
    {
        var response = await client.PostAsync("/api/predict", new StringContent("A plot.", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await ProblemOf(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("<script>alert('x')</script> A spy infiltrates the embassy.")]
    [InlineData("Un espía 🕵️‍♂️ se infiltra en la embajada 🎬🔥 — ¡acción!")]
    [InlineData("جاسوس يتسلل إلى السفارة في ليلة عاصفة")]
    [InlineData("\u0000\u0001\u0002\uFFFD\uFFFE binary \u001B[31m junk")]
    public async Task Odd_but_valid_plots_get_an_answer(string plot)
    {
        var response = await client.PostAsJsonAsync("/api/predict", new { plot });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.Equal(19, body.Genres.Count);
        Assert.All(body.Genres, g => Assert.InRange(g.Probability, 0f, 1f));
    }

    [Fact]
    public async Task Fifty_concurrent_requests_all_get_the_same_answer()
    {
        var plot = new { plot = "Two astronauts stranded on Mars must grow food to survive until a rescue mission arrives." };
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostAsJsonAsync("/api/predict", plot)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Health_reports_the_loaded_model()
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("modelVersion").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_describes_predict()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var predict = document.GetProperty("paths").GetProperty("/api/predict").GetProperty("post");
        Assert.True(predict.GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(predict.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Pages_render_on_the_server()
    {
        var home = await client.GetStringAsync("/");
        Assert.Contains("Which genres is this movie?", home);
        // The framework's script under its fingerprinted name (no import map: the CSP allows no inline script).
        Assert.Matches("<script src=\"_framework/blazor\\.web\\.[a-z0-9]+\\.js\"", home);
        var model = await client.GetStringAsync("/model");
        Assert.Contains("This product uses the TMDB API but is not endorsed or certified by TMDB.", model);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page")).StatusCode);
    }
}
