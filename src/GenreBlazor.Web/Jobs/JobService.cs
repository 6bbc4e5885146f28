using System.Globalization;
using GenreBlazor.Lifecycle.Drift;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Retraining;
using GenreBlazor.Storage;
using GenreBlazor.Web.Monitoring;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Jobs;

/// <summary>Whether this server can reach TMDB (an API key or a read token is configured).</summary>
public sealed record TmdbAvailability(bool Configured);

/// <summary>Wakes the runner at once when this replica queues a job (others find it at their next poll).</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// The app's job runner: takes the store's active job whenever it is free (queued, or left by a runner that stopped or
/// died), queues a retraining job at every <see cref="RetrainingOptions.Schedule"/> occurrence (an id per occurrence,
/// so replicas firing together queue it once) and, when <see cref="RetrainingOptions.OnDriftAlert"/> is on, when the
/// serving model's prediction drift is in alert (once per <see cref="RetrainingOptions.DriftCooldown"/>, claimed
/// across replicas by compare-and-set on a setting). After a job that promoted, the new champion is swapped in here at once.
/// </summary>
public sealed class JobService(JobRunner runner, JobStore jobs, JobSignal signal, StoreSettings settings, PredictionDrift drift, ChampionWatcher watcher,
    IOptions<RetrainingOptions> options, TimeProvider clock, ILogger<JobService> logger) : BackgroundService
{
    /// <summary>The setting holding when drift last started a job.</summary>
    public const string DriftSetting = "retraining.drift.last";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var schedule = string.IsNullOrWhiteSpace(o.Schedule) ? null : RetrainingSchedule.Parse(o.Schedule);
        var next = schedule?.Next(clock.GetUtcNow());
        if (next is not null)
        {
            logger.LogInformation("Retraining is scheduled ({Schedule}); next run {Next:u}", o.Schedule, next);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (next is { } due && clock.GetUtcNow() >= due)
                {
                    var queued = await jobs.EnqueueAsync(JobKinds.Retrain, new RetrainParameters(), "schedule",
                        "sched-" + due.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture), stoppingToken).ConfigureAwait(false);
                    if (queued.Created)
                    {
                        logger.LogInformation("Scheduled retraining queued as {Job}", queued.Job.Id);
                    }
                    else
                    {
                        logger.LogInformation("Scheduled retraining skipped: job {Job} is active", queued.Job.Id);
                    }
                    next = schedule!.Next(clock.GetUtcNow());
                }
                if (o.OnDriftAlert)
                {
                    await RetrainOnDriftAsync(o, stoppingToken).ConfigureAwait(false);
                }
                var job = await runner.RunNextAsync(stoppingToken).ConfigureAwait(false);
                if (job is not null)
                {
                    logger.LogInformation("Job {Job} ({Kind}) is {State}", job.Id, job.Kind, job.State);
                    await watcher.RefreshAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or StoreException or TimeoutException)
            {
                logger.LogWarning("The jobs could not be read from the store: {Reason}", e.Message);
            }
            var wait = o.PollInterval;
            if (next is { } upcoming && upcoming - clock.GetUtcNow() < wait)
            {
                wait = TimeSpan.FromTicks(Math.Max(0, (upcoming - clock.GetUtcNow()).Ticks));
            }
            try
            {
                await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RetrainOnDriftAsync(RetrainingOptions o, CancellationToken cancellationToken)
    {
        DriftReport report;
        try
        {
            report = drift.Report();
        }
        catch (InvalidOperationException)
        {
            return; // no serving model yet
        }
        var alerts = report.Genres.Where(g => g.Level == DriftLevel.Alert).Select(g => g.Genre).ToList();
        if (!report.Judged || alerts.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var last = await settings.GetAsync(DriftSetting, cancellationToken).ConfigureAwait(false);
        if (last is not null && now - StoreTime.Parse(last.Value) < o.DriftCooldown)
        {
            return;
        }
        if (await jobs.ActiveAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        // Of the replicas seeing the alert, the one whose compare-and-set wins queues the job.
        if (await settings.SetIfAsync(DriftSetting, StoreTime.Format(now), last?.Version ?? 0, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }
        var queued = await jobs.EnqueueAsync(JobKinds.Retrain, new RetrainParameters(), "drift alert: " + string.Join(", ", alerts), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        logger.LogWarning("Prediction drift in alert ({Genres}): retraining job {Job} queued", string.Join(", ", alerts), queued.Job.Id);
    }
}
