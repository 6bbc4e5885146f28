using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GenreBlazor.Storage;

namespace GenreBlazor.Lifecycle.Jobs;

/// <summary>
/// The jobs table. At most one job is queued or running at a time across every replica: such a job carries
/// <c>active = 'active'</c> under a UNIQUE constraint, so a second request loses its insert, whichever replica makes it.
/// A runner takes a job by compare-and-set (queued, or running with a lapsed lease → running under its own lease) and
/// renews the lease while it works; everything a runner writes afterwards is conditioned on still holding it, so a
/// runner that lost its lease (paused past it, or taken over) cannot overwrite its successor.
/// </summary>
public sealed class JobStore(AppStore store, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The tables, as a schema part of the store.</summary>
    public static StoreSchema Schema { get; } = new("jobs", _ =>
    [
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, parameters TEXT NOT NULL, state TEXT NOT NULL, active TEXT NULL UNIQUE, step TEXT NULL, " +
        "progress DOUBLE PRECISION NOT NULL, steps TEXT NOT NULL, requested_by TEXT NOT NULL, created TEXT NOT NULL, started TEXT NULL, finished TEXT NULL, " +
        "runner TEXT NULL, lease_until TEXT NULL, attempts BIGINT NOT NULL, cancel_requested BIGINT NOT NULL, result TEXT NULL, error TEXT NULL);" +
        "CREATE TABLE job_log (job_id TEXT NOT NULL, line BIGINT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (job_id, line))",
    ]);

    /// <summary>
    /// Queues a job unless one is queued or running already (then that one is returned, not created). A given
    /// <paramref name="id"/> makes the request idempotent: replicas firing the same scheduled run create it once.
    /// </summary>
    public async Task<JobRequest> EnqueueAsync(string kind, object parameters, string requestedBy, string? id = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var now = _clock.GetUtcNow();
        id ??= $"job-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var inserted = await store.ExecuteAsync(
            "INSERT INTO jobs (id, kind, parameters, state, active, step, progress, steps, requested_by, created, attempts, cancel_requested) " +
            "VALUES (@id, @kind, @parameters, 'queued', 'active', NULL, 0, '{}', @by, @created, 0, 0) ON CONFLICT DO NOTHING",
            cancellationToken, ("id", id), ("kind", kind), ("parameters", JsonSerializer.Serialize(parameters, Json)), ("by", requestedBy),
            ("created", StoreTime.Format(now))).ConfigureAwait(false);
        if (inserted == 1)
        {
            return new JobRequest((await GetAsync(id, cancellationToken).ConfigureAwait(false))!, true);
        }
        var existing = await ActiveAsync(cancellationToken).ConfigureAwait(false) ?? await GetAsync(id, cancellationToken).ConfigureAwait(false);
        return existing is null
            ? await EnqueueAsync(kind, parameters, requestedBy, id, cancellationToken).ConfigureAwait(false) // the active one finished in between
            : new JobRequest(existing, false);
    }

    /// <summary>One job, or null.</summary>
    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync(Select + " WHERE id = @id", Read, cancellationToken, ("id", id)).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>The job queued or running, if any.</summary>
    public async Task<Job?> ActiveAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync(Select + " WHERE active IS NOT NULL", Read, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>The newest jobs first, optionally of one kind.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(string? kind = null, int limit = 50, CancellationToken cancellationToken = default) =>
        kind is null
            ? await store.QueryAsync(Select + " ORDER BY created DESC, id DESC LIMIT @limit", Read, cancellationToken, ("limit", (long)limit)).ConfigureAwait(false)
            : await store.QueryAsync(Select + " WHERE kind = @kind ORDER BY created DESC, id DESC LIMIT @limit", Read, cancellationToken, ("kind", kind), ("limit", (long)limit))
                .ConfigureAwait(false);

    /// <summary>The log lines after <paramref name="afterLine"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JobLogLine>> LogAsync(string id, int afterLine = 0, CancellationToken cancellationToken = default) =>
        await store.QueryAsync("SELECT line, at, text FROM job_log WHERE job_id = @id AND line > @after ORDER BY line",
            r => new JobLogLine((int)r.GetInt64(0), StoreTime.Parse(r.GetString(1)), r.GetString(2)), cancellationToken, ("id", id), ("after", (long)afterLine))
            .ConfigureAwait(false);

    /// <summary>
    /// Takes the active job for <paramref name="runner"/> when it is queued or its lease lapsed (its runner died or
    /// stopped) and is of one of <paramref name="kinds"/>: compare-and-set, so of two runners trying at once one wins. Null when there is nothing to take.
    /// </summary>
    public async Task<Job?> TryClaimAsync(string runner, TimeSpan lease, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var active = await ActiveAsync(cancellationToken).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        if (active is null || !kinds.Contains(active.Kind) || (active.State == JobState.Running && active.LeaseUntil > now))
        {
            return null;
        }
        var taken = await store.ExecuteAsync(
            "UPDATE jobs SET state = 'running', runner = @runner, lease_until = @until, attempts = attempts + 1, started = COALESCE(started, @now) " +
            "WHERE id = @id AND active IS NOT NULL AND (state = 'queued' OR (state = 'running' AND lease_until < @now))",
            cancellationToken, ("runner", runner), ("until", StoreTime.Format(now + lease)), ("now", StoreTime.Format(now)), ("id", active.Id)).ConfigureAwait(false);
        return taken == 1 ? await GetAsync(active.Id, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Renews the lease and records the step and progress. Null when the lease is no longer <paramref name="runner"/>'s; else whether a cancel was asked for.</summary>
    public async Task<bool?> HeartbeatAsync(string id, string runner, TimeSpan lease, string? step, double progress, CancellationToken cancellationToken = default)
    {
        var renewed = await store.ExecuteAsync(
            "UPDATE jobs SET lease_until = @until, step = @step, progress = @progress WHERE id = @id AND runner = @runner AND state = 'running'",
            cancellationToken, ("until", StoreTime.Format(_clock.GetUtcNow() + lease)), ("step", step), ("progress", Math.Clamp(progress, 0, 1)), ("id", id),
            ("runner", runner)).ConfigureAwait(false);
        if (renewed == 0)
        {
            return null;
        }
        return await store.QueryAsync("SELECT cancel_requested FROM jobs WHERE id = @id", r => r.GetInt64(0) != 0, cancellationToken, ("id", id))
            .ConfigureAwait(false) is [var cancel] && cancel;
    }

    /// <summary>Records a finished step and what it produced; false when the lease is no longer <paramref name="runner"/>'s.</summary>
    public Task<bool> CompleteStepAsync(string id, string runner, string step, JsonElement output, CancellationToken cancellationToken = default) =>
        store.InTransactionAsync(async session =>
        {
            var rows = await session.QueryAsync("SELECT steps FROM jobs WHERE id = @id AND runner = @runner AND state = 'running'", r => r.GetString(0),
                cancellationToken, ("id", id), ("runner", runner)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return false;
            }
            var steps = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(rows[0], Json) ?? [];
            steps[step] = output;
            await session.ExecuteAsync("UPDATE jobs SET steps = @steps WHERE id = @id", cancellationToken, ("steps", JsonSerializer.Serialize(steps, Json)), ("id", id))
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Appends a line to the job's log (only its lease holder writes, so line numbers do not race).</summary>
    public async Task<int> AppendLogAsync(string id, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (int)await store.InTransactionAsync(async session =>
        {
            var line = (await session.ScalarAsync<long?>("SELECT MAX(line) FROM job_log WHERE job_id = @id", cancellationToken, ("id", id)).ConfigureAwait(false) ?? 0) + 1;
            await session.ExecuteAsync("INSERT INTO job_log (job_id, line, at, text) VALUES (@id, @line, @at, @text)", cancellationToken,
                ("id", id), ("line", line), ("at", StoreTime.Format(_clock.GetUtcNow())), ("text", text)).ConfigureAwait(false);
            return line;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the job (succeeded, failed or cancelled), freeing the one active slot; false when the lease is no longer <paramref name="runner"/>'s.</summary>
    public async Task<bool> FinishAsync(string id, string runner, JobState state, JsonElement? result, string? error, CancellationToken cancellationToken = default)
    {
        if (state is JobState.Queued or JobState.Running)
        {
            throw new ArgumentException("A job finishes succeeded, failed or cancelled.", nameof(state));
        }
        return await store.ExecuteAsync(
            "UPDATE jobs SET state = @state, active = NULL, finished = @now, runner = NULL, lease_until = NULL, result = @result, error = @error, " +
            "progress = CASE WHEN @state = 'succeeded' THEN 1 ELSE progress END WHERE id = @id AND runner = @runner AND state = 'running'",
            cancellationToken, ("state", Name(state)), ("now", StoreTime.Format(_clock.GetUtcNow())), ("result", result?.GetRawText()), ("error", error),
            ("id", id), ("runner", runner)).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives the lease up at once (the runner is stopping), so another runner resumes the job without waiting for it to lapse.</summary>
    public Task ReleaseAsync(string id, string runner, CancellationToken cancellationToken = default) =>
        store.ExecuteAsync("UPDATE jobs SET lease_until = @past, runner = NULL WHERE id = @id AND runner = @runner AND state = 'running'", cancellationToken,
            ("past", StoreTime.Format(DateTimeOffset.UnixEpoch)), ("id", id), ("runner", runner));

    /// <summary>
    /// Asks a job to stop: a queued one is cancelled at once, a running one gets the flag its runner polls. Null when
    /// there is no such job; the job as it is now otherwise (unchanged when it had ended already).
    /// </summary>
    public async Task<Job?> RequestCancelAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await store.ExecuteAsync(
            "UPDATE jobs SET state = 'cancelled', active = NULL, cancel_requested = 1, finished = @now, error = 'cancelled before it started' WHERE id = @id AND state = 'queued'",
            cancellationToken, ("now", StoreTime.Format(_clock.GetUtcNow())), ("id", id)).ConfigureAwait(false) == 1)
        {
            await AppendLogAsync(id, "Cancelled before it started.", cancellationToken).ConfigureAwait(false);
        }
        await store.ExecuteAsync("UPDATE jobs SET cancel_requested = 1 WHERE id = @id AND state = 'running'", cancellationToken, ("id", id)).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private const string Select = "SELECT id, kind, parameters, state, step, progress, steps, requested_by, created, started, finished, runner, lease_until, attempts, " +
        "cancel_requested, result, error FROM jobs";

    private static Job Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Element(r.GetString(2)), Parse(r.GetString(3)), Text(r, 4), r.GetDouble(5),
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.GetString(6), Json) ?? [], r.GetString(7), StoreTime.Parse(r.GetString(8)),
        Time(r, 9), Time(r, 10), Text(r, 11), Time(r, 12), (int)r.GetInt64(13), r.GetInt64(14) != 0, Text(r, 15) is { } result ? Element(result) : null, Text(r, 16));

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string? Text(DbDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private static DateTimeOffset? Time(DbDataReader r, int column) => r.IsDBNull(column) ? null : StoreTime.Parse(r.GetString(column));

    internal static string Name(JobState state) => state.ToString().ToLowerInvariant();

    private static JobState Parse(string state) => Enum.Parse<JobState>(state, ignoreCase: true);
}
