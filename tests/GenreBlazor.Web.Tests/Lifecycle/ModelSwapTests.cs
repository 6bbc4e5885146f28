using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Storage;
using GenreBlazor.Tests;
using GenreBlazor.Web.Api;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Lifecycle;

/// <summary>Promote and roll back in the running app, over HTTP, while predictions run: no restart, no failed request.</summary>
public sealed class ModelSwapTests(ModelApp app) : IClassFixture<ModelApp>
{
    private static readonly byte[] Poster = TestImages.Png(120, 180, (x, y) => ((byte)(150 + x % 50), 20, (byte)(y % 40)));

    private const string Plot = "A family moves into a haunted house where a vengeful ghost terrorises their children at night.";

    private static async Task<string> PredictAsync(HttpClient client, bool withPoster)
    {
        HttpResponseMessage response;
        if (withPoster)
        {
            using var form = new MultipartFormDataContent { { new StringContent(Plot), "plot" }, { new ByteArrayContent(Poster), "poster", "poster.png" } };
            response = await client.PostAsync("/api/predict", form);
        }
        else
        {
            response = await client.PostAsJsonAsync("/api/predict", new { plot = Plot });
        }
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var answer = JsonSerializer.Deserialize<PredictResponse>(body, JsonSerializerOptions.Web)!;
        // Every model of one answer comes from one snapshot.
        Assert.All(answer.Models?.Values ?? [], m => Assert.Equal(answer.ModelVersion, m.ModelVersion));
        return answer.ModelVersion;
    }

    [Fact]
    public async Task A_promotion_swaps_the_model_under_concurrent_predictions_without_a_failed_request_and_a_rollback_from_another_process_returns_it()
    {
        var client = app.CreateClient();
        var first = await PredictAsync(client, withPoster: false);
        var operatorClient = app.Operator();

        var listed = await operatorClient.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(first, listed.GetProperty("serving").GetString());
        var champion = Assert.Single(listed.GetProperty("versions").EnumerateArray());
        Assert.Equal(first, champion.GetProperty("version").GetString());
        Assert.Equal(["champion"], champion.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));

        await app.Services.GetRequiredService<ModelRegistry>().RegisterAsync(app.SecondBundle);
        var oldModel = app.Services.GetRequiredService<GenreModelHost>().Current;

        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var seen = new List<string>();
            while (!stop.IsCancellationRequested || seen.Count < 3)
            {
                seen.Add(await PredictAsync(client, withPoster: w < 2));
            }
            return seen;
        })).ToList();

        await Task.Delay(300);
        var promoted = await operatorClient.PostAsync($"/api/models/{app.SecondVersion}/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var change = (await promoted.Content.ReadFromJsonAsync<ModelEndpoints.ModelChange>())!;
        Assert.Equal(app.SecondVersion, change.Champion);
        Assert.Equal(first, change.Previous);
        Assert.Equal(app.SecondVersion, change.Serving);
        Assert.Equal(0, change.Comparison!.Delta, 6);
        await Task.Delay(500);
        await stop.CancelAsync();
        var done = await Task.WhenAll(workers);

        Assert.Contains(done, seen => seen.Contains(first));
        Assert.Contains(done, seen => seen.Contains(app.SecondVersion));
        // Each worker's requests follow one another: once one saw the new version, none after it saw the old one.
        Assert.All(done, seen => Assert.DoesNotContain(first, seen.SkipWhile(v => v == first)));
        Assert.Equal(app.SecondVersion, await PredictAsync(client, withPoster: true));
        // The old snapshot's ONNX sessions are released once its requests ended: it can no longer be leased.
        Assert.False(oldModel.TryAcquire());

        // The CLI's way: another process opens the same store and rolls back; the app's poller swaps within its interval.
        await using (var store = AppStore.Open(new StoreOptions { ConnectionString = app.StorePath }, app.Folder))
        {
            var change2 = await new ModelRegistry(store, new StoreSettings(store)).RollbackAsync();
            Assert.Equal(first, change2.Champion);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string now;
        while ((now = await PredictAsync(client, withPoster: false)) != first && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(first, now);
        Assert.Equal(first, (await operatorClient.GetFromJsonAsync<JsonElement>("/api/models")).GetProperty("serving").GetString());
    }

    [Fact]
    public async Task Model_api_is_for_operators_and_refusals_are_problem_details()
    {
        var visitor = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync("/api/models/rollback", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync($"/api/models/{app.SecondVersion}/promote", null)).StatusCode);

        var client = app.Operator();
        var missing = await client.PostAsync("/api/models/no-such-version/promote", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-version", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var serving = app.Services.GetRequiredService<GenreModelHost>().Current.Version;
        var again = await client.PostAsync($"/api/models/{serving}/promote", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already the champion", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
