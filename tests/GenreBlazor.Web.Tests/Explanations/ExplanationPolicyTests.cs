using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;
using GenreBlazor.Testing.Bedrock;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Explanations;

/// <summary>When Bedrock is not asked at all: it is off, the daily budget is spent (also after a restart).</summary>
public sealed class ExplanationPolicyTests
{
    private const string Haunted = "A family moves into a haunted house where a vengeful ghost terrorises their children at night.";

    private static async Task<JsonElement> ExplainAsync(ExplanationAppFactory app, string plot)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/explain", new { plot });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task With_Bedrock_off_the_local_explainer_answers_with_the_models_own_evidence_and_nothing_is_sent()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeModel.Says("Never asked."));
        await using var app = new ExplanationAppFactory(server, bedrockEnabled: false);

        var answer = await ExplainAsync(app, Haunted);

        Assert.Empty(server.Requests);
        Assert.Equal("local", answer.GetProperty("source").GetString());
        Assert.Equal("Bedrock is off", answer.GetProperty("fallbackReason").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("model").ValueKind);
        Assert.Empty(app.FallbackLines); // off is a setting, not a fault

        // The evidence is the model's own split of its logits, and the text cites it.
        var text = app.Services.GetRequiredService<GenreModelHost>().Current.Bundle.Text;
        var evidence = EvidenceExtractor.Extract(text, Haunted);
        var horror = answer.GetProperty("evidence").GetProperty("Horror");
        var strongest = evidence.Strongest(GenreCatalog.IndexOf("Horror"), 5);
        Assert.Equal(strongest.Select(i => i.Text), horror.GetProperty("up").EnumerateArray().Select(i => i.GetProperty("text").GetString()));
        Assert.Equal(strongest[0].Contribution, horror.GetProperty("up")[0].GetProperty("push").GetSingle(), 5);
        Assert.Equal(strongest[0].TfIdf, horror.GetProperty("up")[0].GetProperty("tfIdf").GetSingle(), 5);
        Assert.True(horror.GetProperty("predicted").GetBoolean());
        var explanation = answer.GetProperty("explanation").GetString()!;
        Assert.Contains($"\"{strongest[0].Text}\" ({ExplanationFormat.Push(strongest[0].Contribution)})", explanation);
        Assert.Equal(explanation, answer.GetProperty("Explanation").GetString());
        var genres = answer.GetProperty("genres").EnumerateArray().Select(g => g.GetProperty("genre").GetString()).ToList();
        Assert.Equal(string.Join(", ", genres), answer.GetProperty("Genre").GetString());
        Assert.Equal(1, (await app.UsageAsync()).LocalOnly);
        Assert.Equal(0, (await app.UsageAsync()).BedrockCalls);
    }

    [Fact]
    public async Task The_daily_budget_stops_calls_once_spent_and_a_restart_remembers_it()
    {
        var storeFile = Path.Combine(Directory.CreateTempSubdirectory("genreblazor-budget-").FullName, "store.db");
        await using var server = await FakeBedrockServer.StartAsync((request, _) => FakeModel.Says(FakeModel.GroundedAnswer(request), inputTokens: 120, outputTokens: 30));
        void Budget(IWebHostBuilder builder) => builder.UseSetting("Bedrock:DailyTokenBudget", "200");

        await using (var app = new ExplanationAppFactory(server, bedrockEnabled: true, Budget, storeFile))
        {
            Assert.Equal("bedrock", (await ExplainAsync(app, Haunted + " One.")).GetProperty("source").GetString());   // 150 tokens
            Assert.Equal("bedrock", (await ExplainAsync(app, Haunted + " Two.")).GetProperty("source").GetString());   // 300 ≥ 200
            var third = await ExplainAsync(app, Haunted + " Three.");

            Assert.Equal("local", third.GetProperty("source").GetString());
            Assert.Equal("today's Bedrock token budget (200 tokens) is spent", third.GetProperty("fallbackReason").GetString());
            Assert.Equal(2, server.Requests.Count);
            Assert.Equal(300, (await app.UsageAsync()).TotalTokens);
            Assert.Contains("budget (200 tokens) is spent", Assert.Single(app.FallbackLines).Message);
        }

        await using (var restarted = new ExplanationAppFactory(server, bedrockEnabled: true, Budget, storeFile))
        {
            var after = await ExplainAsync(restarted, Haunted + " Four.");

            Assert.Equal("local", after.GetProperty("source").GetString());
            Assert.Contains("budget", after.GetProperty("fallbackReason").GetString());
            Assert.Equal(2, server.Requests.Count);
            Assert.Equal(300, (await restarted.UsageAsync()).TotalTokens);
        }
        Directory.Delete(Path.GetDirectoryName(storeFile)!, recursive: true);
    }

    [Fact]
    public async Task A_plot_with_no_predicted_genre_is_explained_locally_without_asking_Bedrock()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeModel.Says("Never asked."));
        await using var app = new ExplanationAppFactory(server, bedrockEnabled: true);
        // At the tuned thresholds a one-word nonsense plot may still get a genre; decide at 0.99 to make sure none is predicted.
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<GenreBlazor.Web.Explanations.ExplanationService>();
        var classification = app.Services.GetRequiredService<PlotClassifier>().Classify("Qwzx.", new ThresholdSettings(ThresholdMode.Global, Global: 0.99f));
        Assert.Equal(0, classification.Predicted.Count);

        var result = await service.ExplainAsync("Qwzx.", classification);

        Assert.Equal(GenreBlazor.Web.Explanations.ExplanationSource.Local, result.Source);
        Assert.Equal(GenreBlazor.Web.Explanations.LocalReason.NothingPredicted, result.Why);
        Assert.StartsWith("No genre reaches its threshold: the closest is ", result.Text);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_openapi_document_describes_explain()
    {
        await using var app = new ExplanationAppFactory(null, bedrockEnabled: false);
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var explain = document.GetProperty("paths").GetProperty("/api/explain").GetProperty("post");
        Assert.True(explain.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(explain.GetProperty("responses").TryGetProperty("415", out _));
        Assert.Contains("\"Genre\"", explain.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_model_page_shows_todays_usage()
    {
        await using var server = await FakeBedrockServer.StartAsync((request, _) => FakeModel.Says(FakeModel.GroundedAnswer(request), inputTokens: 1000, outputTokens: 234));
        await using var app = new ExplanationAppFactory(server, bedrockEnabled: true);
        Assert.Equal("bedrock", (await ExplainAsync(app, Haunted)).GetProperty("source").GetString());
        using var client = app.CreateClient();

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/model"));

        var panel = page.QuerySelector("[data-testid=explanation-usage]")!;
        Assert.Equal("1,234 of 200,000", panel.QuerySelector("[data-testid=usage-tokens]")!.TextContent);
        Assert.Equal("1", panel.QuerySelector("[data-testid=usage-calls]")!.TextContent);
        Assert.Equal("1 new, 0 reused from the cache", panel.QuerySelector("[data-testid=usage-answers]")!.TextContent);
        Assert.Equal("0", panel.QuerySelector("[data-testid=usage-fallbacks]")!.TextContent);
        Assert.Contains("Amazon Bedrock (anthropic.claude-3-haiku-20240307-v1:0, us-east-1)", panel.QuerySelector("[data-testid=usage-writer]")!.TextContent);
    }
}
