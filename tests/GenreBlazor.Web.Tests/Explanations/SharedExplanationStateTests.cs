using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Testing.Bedrock;
using GenreBlazor.Testing.Services;

namespace GenreBlazor.Web.Tests.Explanations;

/// <summary>
/// Two apps as two replicas: one store file and one real redis-server, each with its own memory. What one paid for,
/// the other reuses from Redis; both count against one token ledger; <c>/health</c> reports the store and Redis.
/// </summary>
public sealed class SharedExplanationStateTests
{
    private const string Plot = "A family moves into a haunted house where a vengeful ghost terrorises their children at night. Shared.";

    [Fact]
    public async Task An_answer_one_replica_paid_for_is_reused_by_the_other_through_Redis_and_both_count_one_ledger()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var bedrock = await FakeBedrockServer.StartAsync((request, _) => FakeModel.Says(FakeModel.GroundedAnswer(request), inputTokens: 410, outputTokens: 52));
        var folder = Directory.CreateTempSubdirectory("genreblazor-shared-").FullName;
        var store = Path.Combine(folder, "store.db");
        void Shared(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) => builder.UseSetting("Cache:Redis", redis.Configuration + ",connectTimeout=20000,asyncTimeout=20000");
        await using var one = new ExplanationAppFactory(bedrock, bedrockEnabled: true, Shared, store);
        await using var other = new ExplanationAppFactory(bedrock, bedrockEnabled: true, Shared, store);

        // Both replicas connect to Redis first (a loaded machine may take a while): the cache must not miss for that.
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(one)).Status);
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(other)).Status);

        var first = await ExplainAsync(one);
        var second = await ExplainAsync(other);

        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean(), string.Join("\n", one.Logs.Lines.Concat(other.Logs.Lines).Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Category + ": " + l.Message)));
        Assert.Equal(first.GetProperty("explanation").GetString(), second.GetProperty("explanation").GetString());
        Assert.Single(bedrock.Requests);
        var seenByOther = await other.UsageAsync();
        Assert.Equal((462L, 1L, 1L, 1L), (seenByOther.TotalTokens, seenByOther.BedrockCalls, seenByOther.BedrockAnswers, seenByOther.CacheHits));
        Assert.Equal(seenByOther, await one.UsageAsync());

        var health = await HealthAsync(other);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("SQLite store answers", health.Body.GetProperty("checks").GetProperty("store").GetString());
        Assert.Equal("Redis answers", health.Body.GetProperty("checks").GetProperty("redis").GetString());

        await redis.DisposeAsync();
        var down = await HealthAsync(other);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.StartsWith("Redis does not answer", down.Body.GetProperty("checks").GetProperty("redis").GetString());
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<JsonElement> ExplainAsync(ExplanationAppFactory app)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/explain", new { plot = Plot });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("source").GetString() == "bedrock",
            "The local explainer stood in: " + string.Join("\n", app.FallbackLines.Select(l => l.Message)));
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(ExplanationAppFactory app)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }
}
