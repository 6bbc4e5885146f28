using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Testing.Bedrock;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests.Explanations;

/// <summary>
/// The Bedrock call limit (<c>Bedrock:MaxConcurrentCalls</c>, <c>MaxQueuedCalls</c>, <c>CallQueueWait</c>) against a
/// fake Bedrock Runtime that holds every call open until the test lets go: never more calls open than the limit, a
/// queued call goes out when a slot frees, and a call beyond the queue or past the wait is answered locally at once
/// with the reason.
/// </summary>
public sealed class BedrockConcurrencyTests
{
    private const string Haunted = "A family moves into a haunted house where a vengeful ghost terrorises their children at night.";

    private static ExplanationAppFactory App(FakeBedrockServer server, int slots, int queue, double waitSeconds) =>
        new(server, bedrockEnabled: true, builder => builder
            .UseSetting("Bedrock:MaxConcurrentCalls", slots.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Bedrock:MaxQueuedCalls", queue.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Bedrock:CallQueueWait", ExplanationAppFactory.Seconds(waitSeconds)));

    /// <summary>A fake Bedrock that holds every call open until <paramref name="release"/>, then gives a grounded answer.</summary>
    private static Task<FakeBedrockServer> HeldServer(Task release) =>
        FakeBedrockServer.StartAsync((request, _) => FakeReply.HeldUntil(release, FakeModel.Says(FakeModel.GroundedAnswer(request))));

    private static async Task<JsonElement> ExplainAsync(HttpClient client, string plot)
    {
        var response = await client.PostAsJsonAsync("/api/explain", new { plot });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Six_explanations_at_once_with_two_slots_and_two_queued_open_two_calls_queue_two_and_answer_two_locally_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await HeldServer(release.Task);
        await using var app = App(server, slots: 2, queue: 2, waitSeconds: 60);
        using var client = app.CreateClient();

        var calls = Enumerable.Range(1, 6).Select(i => Task.Run(() => ExplainAsync(client, $"{Haunted} Call {i}."))).ToList();
        await Until(() => calls.Count(c => c.IsCompleted) == 2, "the two calls beyond the queue were answered");
        // The two calls with a slot may still be on their way (signing, the connection) when the refusals come back.
        await Until(() => server.InFlight == 2, "the two calls with a slot reached Bedrock");
        await Task.Delay(200); // room for a third call to arrive, if the limit let one through

        var early = string.Join(" | ", calls.Where(c => c.IsCompleted).Select(c => c.Result.GetProperty("fallbackReason").ToString()));
        Assert.True(server.Requests.Count == 2, $"{server.Requests.Count} requests reached Bedrock; answered: {early}");
        Assert.Equal(2, server.InFlight);
        foreach (var refused in calls.Where(c => c.IsCompleted).Select(c => c.Result))
        {
            Assert.Equal("local", refused.GetProperty("source").GetString());
            var why = refused.GetProperty("fallbackReason").GetString()!;
            Assert.StartsWith("Bedrock is busy: 2 call(s) already in flight", why);
            Assert.Contains("the queue of waiting calls is full", why);
        }

        release.SetResult();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(4, answers.Count(a => a.GetProperty("source").GetString() == "bedrock"));
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(2, server.MaxInFlight);
        Assert.Equal(2, app.FallbackLines.Count(l => l.Message.Contains("Bedrock is busy", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_that_finds_no_free_slot_within_the_wait_is_answered_locally_and_the_held_call_still_gets_bedrocks_answer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await HeldServer(release.Task);
        await using var app = App(server, slots: 1, queue: 4, waitSeconds: 0.3);
        using var client = app.CreateClient();

        var held = Task.Run(() => ExplainAsync(client, $"{Haunted} The held call."));
        await Until(() => server.InFlight == 1, "the first call reached Bedrock");
        var waited = await ExplainAsync(client, $"{Haunted} The waiting call.");

        Assert.Equal("local", waited.GetProperty("source").GetString());
        Assert.Equal("Bedrock is busy: 1 call(s) already in flight on this server and none finished within 0.3 s",
            waited.GetProperty("fallbackReason").GetString());
        Assert.Single(server.Requests);
        Assert.False(held.IsCompleted);

        release.SetResult();
        Assert.Equal("bedrock", (await held).GetProperty("source").GetString());
        Assert.Single(server.Requests);
    }
}
