using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests;

/// <summary>
/// What starts a retraining without an operator, in a running app: a cron schedule, and a drift alert on the serving
/// model when <c>Retraining:OnDriftAlert</c> is on. Each job is cancelled once it is seen (the pipeline itself is
/// <see cref="RetrainingApiTests"/>'s subject).
/// </summary>
public sealed class RetrainingTriggerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("retrain-trigger-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SharedMoviesFact]
    public async Task A_schedule_of_every_minute_queues_a_retraining_within_the_minute()
    {
        await using var app = new RetrainingApp(_folder).WithWebHostBuilder(b => b.UseSetting("Retraining:Schedule", "* * * * *"));
        using var client = RetrainingApp.Operator(app);

        var job = await FirstJobAsync(client, TimeSpan.FromSeconds(90));

        Assert.Equal("retrain", job.GetProperty("kind").GetString());
        Assert.Equal("schedule", job.GetProperty("requestedBy").GetString());
        await client.PostAsync($"/api/jobs/{job.GetProperty("id").GetString()}/cancel", null);
    }

    [SharedMoviesFact]
    public async Task A_drift_alert_queues_a_retraining_when_asked_to_and_a_stream_like_the_training_one_does_not()
    {
        await using var app = new RetrainingApp(_folder).WithWebHostBuilder(b => b
            .UseSetting("Retraining:OnDriftAlert", "true")
            .UseSetting("Monitoring:DriftWindow", "60")
            .UseSetting("Monitoring:DriftMinObservations", "40"));
        using var client = RetrainingApp.Operator(app);
        var heldOut = app.Services.GetRequiredService<GenreBlazor.Web.Serving.GenreModelHost>().Current.Workspace.Items.Select(i => i.Overview).ToList();
        var random = new Random(5);

        await PredictAsync(client, heldOut.OrderBy(_ => random.Next()).Take(60));
        await Task.Delay(TimeSpan.FromSeconds(2)); // four polls of the runner
        Assert.Empty(await JobsAsync(client));

        await PredictAsync(client, Enumerable.Repeat("A family moves into a haunted house where a vengeful ghost terrorises their children at night.", 60));
        var job = await FirstJobAsync(client, TimeSpan.FromSeconds(30));

        Assert.Equal("retrain", job.GetProperty("kind").GetString());
        Assert.StartsWith("drift alert: ", job.GetProperty("requestedBy").GetString(), StringComparison.Ordinal);
        Assert.Contains("Horror", job.GetProperty("requestedBy").GetString(), StringComparison.Ordinal);
        await client.PostAsync($"/api/jobs/{job.GetProperty("id").GetString()}/cancel", null);
    }

    private static async Task PredictAsync(HttpClient client, IEnumerable<string> plots)
    {
        foreach (var plot in plots)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/predict", new { plot })).StatusCode);
        }
    }

    private static async Task<List<JsonElement>> JobsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray()];

    private static async Task<JsonElement> FirstJobAsync(HttpClient client, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if ((await JobsAsync(client)).FirstOrDefault() is { ValueKind: JsonValueKind.Object } job)
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No job was queued within {patience}.");
            }
            await Task.Delay(250);
        }
    }
}
