using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Operators;
using GenreBlazor.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests;

/// <summary>The app with an operator key, text-only retraining on the shared data, and a store folder that outlives one app (a restart is a second app on it).</summary>
public sealed class RetrainingApp(string folder) : IsolatedApp("retrain-web-", folder)
{
    public const string Key = "retrain-operator-key-0123456789";

    protected override string ProfilesPath => Path.Combine(Folder, "profiles");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder
            .UseSetting("Operators:ApiKeyHashes:0", OperatorSecrets.HashKey(Key))
            .UseSetting("Retraining:Data", SharedData.Movies)
            .UseSetting("Retraining:WorkFolder", Path.Combine(Folder, "work"))
            .UseSetting("Retraining:Embeddings", "false")
            .UseSetting("Retraining:Lease", "00:00:05")
            .UseSetting("Retraining:Heartbeat", "00:00:00.200")
            .UseSetting("Retraining:PollInterval", "00:00:00.500");
    }

    public HttpClient Operator() => Operator(this);

    /// <summary>An operator's client of this app or of one derived from it with <c>WithWebHostBuilder</c>.</summary>
    public static HttpClient Operator(WebApplicationFactory<Program> app) => KeyedClient(app, Key);
}

public sealed class RetrainingApiTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _folder = Directory.CreateTempSubdirectory("retrain-web-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SharedMoviesFact]
    public async Task An_operator_starts_a_retraining_a_second_start_is_refused_and_cancel_ends_it_cancelled()
    {
        await using var app = new RetrainingApp(_folder);
        using var anonymous = app.CreateClient();
        using var client = app.Operator();

        var refused = await anonymous.PostAsync("/api/jobs/retrain", null);
        using var started = await client.PostAsync("/api/jobs/retrain", null);
        using var again = await client.PostAsync("/api/jobs/retrain", null);
        var job = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = job.GetProperty("id").GetString()!;
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>();
        using var cancel = await client.PostAsync($"/api/jobs/{id}/cancel", null);
        var ended = await WaitAsync(client, id, j => j.GetProperty("state").GetString() is not ("queued" or "running"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/api/jobs/{id}", started.Headers.Location?.OriginalString);
        Assert.Equal("retrain", job.GetProperty("kind").GetString());
        Assert.Equal("operator (API key)", job.GetProperty("requestedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, conflict.GetProperty("activeJob").GetString());
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", ended.Job.GetProperty("state").GetString());
        Assert.True(ended.Job.GetProperty("cancelRequested").GetBoolean());
        Assert.Contains(ended.Log, l => l.StartsWith("Cancelled", StringComparison.Ordinal));
        using var versions = await client.GetAsync("/api/models");
        Assert.Single((await versions.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions").EnumerateArray()); // nothing registered
        using var cancelAgain = await client.PostAsync($"/api/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        using var unknown = await client.GetAsync("/api/jobs/job-none");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [SharedMoviesFact]
    public async Task A_runner_stopped_mid_job_is_resumed_by_the_next_app_to_success_with_one_registration()
    {
        string id;
        await using (var first = new RetrainingApp(_folder))
        {
            using var client = first.Operator();
            using var started = await client.PostAsync("/api/jobs/retrain", null);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            // Stop the app while it trains: the snapshot step is done, the training is not.
            var training = await WaitAsync(client, id, j => j.GetProperty("step").GetString() == "train" || j.GetProperty("state").GetString() != "running");
            Assert.Equal("running", training.Job.GetProperty("state").GetString());
        }

        await using var second = new RetrainingApp(_folder);
        using var operatorClient = second.Operator();
        var done = await WaitAsync(operatorClient, id, j => j.GetProperty("state").GetString() is not ("queued" or "running"));
        using var models = await operatorClient.GetAsync("/api/models");
        var versions = (await models.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions").EnumerateArray().ToList();
        using var list = await operatorClient.GetAsync("/api/jobs?kind=retrain");

        Assert.Equal("succeeded", done.Job.GetProperty("state").GetString());
        Assert.Equal(2, done.Job.GetProperty("attempts").GetInt32());
        Assert.Contains(done.Log, l => l.StartsWith("Stopped by", StringComparison.Ordinal));
        Assert.Contains(done.Log, l => l.StartsWith("Resumed by", StringComparison.Ordinal));
        Assert.Contains("snapshot: finished before the restart, kept.", done.Log);
        Assert.Single(done.Log, l => l.StartsWith("register:", StringComparison.Ordinal));
        var version = done.Job.GetProperty("result").GetProperty("version").GetString();
        Assert.Equal(2, versions.Count); // the committed champion and this one challenger
        var challenger = Assert.Single(versions, v => v.GetProperty("version").GetString() == version);
        Assert.Equal(["challenger"], challenger.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.InRange(challenger.GetProperty("metrics").GetProperty("textMicroF1").GetDouble(), 0.45, 0.7);
        Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    internal static async Task<(JsonElement Job, List<string> Log)> WaitAsync(HttpClient client, string id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await client.GetAsync($"/api/jobs/{id}");
            response.EnsureSuccessStatusCode();
            var detail = await response.Content.ReadFromJsonAsync<JsonElement>();
            var job = detail.GetProperty("job");
            var log = detail.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
            if (until(job))
            {
                return (job, log);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} did not get there in {Patience}: {job}\n{string.Join('\n', log)}");
            }
            await Task.Delay(100);
        }
    }
}
