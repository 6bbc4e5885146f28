using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Testing.Tmdb;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests;

/// <summary>
/// The Data page's action end to end: an operator queues an ingest job against a TMDB-shaped server on 127.0.0.1, the
/// app's runner pulls every movie into the store, and the new snapshot is listed by <c>/api/data/snapshots</c> with
/// its statistics.
/// </summary>
public sealed class IngestJobApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ingest-web-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_operator_ingests_from_TMDB_and_the_snapshot_appears_on_the_data_API()
    {
        var movies = FakeTmdbCatalogue.Learnable(30);
        await using var tmdb = await FakeTmdbServer.StartAsync(movies);
        tmdb.Faults(r => r.Number == 3 ? FakeTmdbFault.TooManyRequests(retryAfterSeconds: 1) : null);
        await using var app = new RetrainingApp(_folder).WithWebHostBuilder(b => b
            .UseSetting("TMDB:BaseUrl", tmdb.BaseUrl.ToString())
            .UseSetting("TMDB:ApiKey", tmdb.ApiKey));
        using var client = RetrainingApp.Operator(app);

        using var anonymous = app.CreateClient();
        var refused = await anonymous.PostAsJsonAsync("/api/jobs/ingest", new { posters = false });
        using var started = await client.PostAsJsonAsync("/api/jobs/ingest", new { posters = false });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var (job, log) = await RetrainingApiTests.WaitAsync(client, id, j => j.GetProperty("state").GetString() is not ("queued" or "running"));

        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"{job}\n{string.Join('\n', log)}");
        Assert.Contains(tmdb.Requests, r => r.Path.StartsWith("/3/discover/movie", StringComparison.Ordinal));
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/data/snapshots"));
        var snapshot = list.RootElement.GetProperty("sources").EnumerateArray().First(s => s.GetProperty("kind").GetString() == "Snapshot");
        using var report = JsonDocument.Parse(await client.GetStringAsync($"/api/data/snapshots/{snapshot.GetProperty("id").GetString()}"));
        var genres = report.RootElement.GetProperty("profile").GetProperty("genres");
        var expected = movies.SelectMany(m => m.GenreIds).Select(g => FakeTmdbServer.Genres[g]).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(expected, e => Assert.Equal(e.Value, genres.GetProperty(e.Key).GetInt32()));
    }
}
