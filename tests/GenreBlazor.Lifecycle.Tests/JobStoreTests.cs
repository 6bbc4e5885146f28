using System.Text.Json;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Tests;

namespace GenreBlazor.Lifecycle.Tests;

public sealed class JobStoreTests(Stores stores) : IClassFixture<Stores>
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    private static readonly string[] Kinds = [JobKinds.Retrain, JobKinds.Ingest];

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Only_one_job_is_active_and_of_two_runners_claiming_it_one_wins(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, JobStore.Schema);
        var jobs = new JobStore(store);

        var first = await jobs.EnqueueAsync(JobKinds.Retrain, new { data = "a.csv" }, "ops");
        var second = await jobs.EnqueueAsync(JobKinds.Ingest, new { }, "other");
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => jobs.TryClaimAsync($"runner-{i}", Lease, Kinds)));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.Equal(JobState.Queued, first.Job.State);
        Assert.Equal("a.csv", first.Job.Parameters.GetProperty("data").GetString());
        var won = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(JobState.Running, won.State);
        Assert.Equal(1, won.Attempts);
        Assert.StartsWith("runner-", won.Runner);
        Assert.Null(await jobs.TryClaimAsync("late", Lease, Kinds));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lapsed_lease_is_taken_over_with_the_finished_steps_and_the_old_runner_can_no_longer_write(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, JobStore.Schema);
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var jobs = new JobStore(store, clock);
        var job = (await jobs.EnqueueAsync(JobKinds.Retrain, new { }, "ops")).Job;

        Assert.NotNull(await jobs.TryClaimAsync("dead", Lease, Kinds));
        Assert.True(await jobs.CompleteStepAsync(job.Id, "dead", "train", JsonSerializer.SerializeToElement(new { bundle = "/b" })));
        Assert.False(await jobs.HeartbeatAsync(job.Id, "dead", Lease, "evaluate", 0.8));
        Assert.Null(await jobs.TryClaimAsync("heir", Lease, Kinds)); // still leased
        clock.Now += Lease + TimeSpan.FromSeconds(1);
        var resumed = await jobs.TryClaimAsync("heir", Lease, Kinds);

        Assert.NotNull(resumed);
        Assert.Equal(2, resumed.Attempts);
        Assert.Equal("heir", resumed.Runner);
        Assert.Equal("/b", resumed.CompletedSteps["train"].GetProperty("bundle").GetString());
        Assert.Equal("evaluate", resumed.Step);
        Assert.Null(await jobs.HeartbeatAsync(job.Id, "dead", Lease, "x", 0.9));
        Assert.False(await jobs.CompleteStepAsync(job.Id, "dead", "evaluate", JsonSerializer.SerializeToElement(1)));
        Assert.False(await jobs.FinishAsync(job.Id, "dead", JobState.Failed, null, "late"));
        Assert.True(await jobs.FinishAsync(job.Id, "heir", JobState.Succeeded, JsonSerializer.SerializeToElement(new { version = "v2" }), null));
        var done = (await jobs.GetAsync(job.Id))!;
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Equal(1, done.Progress);
        Assert.Equal("v2", done.Result!.Value.GetProperty("version").GetString());
        Assert.Null(await jobs.ActiveAsync());
        Assert.True((await jobs.EnqueueAsync(JobKinds.Ingest, new { }, "ops")).Created); // the slot is free again
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_queued_job_is_cancelled_at_once_a_running_one_gets_the_flag_and_the_log_keeps_its_order(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, JobStore.Schema);
        var jobs = new JobStore(store);
        var queued = (await jobs.EnqueueAsync(JobKinds.Retrain, new { }, "ops")).Job;

        var cancelled = await jobs.RequestCancelAsync(queued.Id);
        var running = (await jobs.EnqueueAsync(JobKinds.Retrain, new { }, "ops")).Job;
        await jobs.TryClaimAsync("r", Lease, Kinds);
        var before = await jobs.HeartbeatAsync(running.Id, "r", Lease, "train", 0.5);
        await jobs.RequestCancelAsync(running.Id);
        var after = await jobs.HeartbeatAsync(running.Id, "r", Lease, "train", 0.6);
        foreach (var line in new[] { "one", "two", "<b>three</b>" })
        {
            await jobs.AppendLogAsync(running.Id, line);
        }

        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.False(before);
        Assert.True(after);
        Assert.Equal(JobState.Running, (await jobs.GetAsync(running.Id))!.State); // the runner ends it
        Assert.Equal(["one", "two", "<b>three</b>"], (await jobs.LogAsync(running.Id)).Select(l => l.Text));
        Assert.Equal(["<b>three</b>"], (await jobs.LogAsync(running.Id, afterLine: 2)).Select(l => l.Text));
        Assert.Null(await jobs.RequestCancelAsync("job-none"));
        Assert.Equal(2, (await jobs.ListAsync(JobKinds.Retrain)).Count);
        Assert.Empty(await jobs.ListAsync(JobKinds.Ingest));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_scheduled_id_creates_one_job_and_a_runner_leaves_kinds_it_does_not_know(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, JobStore.Schema);
        var jobs = new JobStore(store);

        var a = await jobs.EnqueueAsync(JobKinds.Ingest, new { }, "schedule", id: "sched-202612020300");
        var b = await jobs.EnqueueAsync(JobKinds.Ingest, new { }, "schedule", id: "sched-202612020300");

        Assert.True(a.Created);
        Assert.False(b.Created);
        Assert.Single(await jobs.ListAsync());
        Assert.Null(await jobs.TryClaimAsync("retrain-only", Lease, [JobKinds.Retrain]));
        Assert.NotNull(await jobs.TryClaimAsync("ingest", Lease, [JobKinds.Ingest]));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
