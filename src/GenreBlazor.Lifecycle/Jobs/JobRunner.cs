using System.Text.Json;

namespace GenreBlazor.Lifecycle.Jobs;

/// <summary>Runs the jobs of one kind.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Runs the job (resuming it when <see cref="JobContext.Completed"/> finds finished steps); returns its result.</summary>
    Task<JsonElement> RunAsync(JobContext context);
}

/// <summary>How long a lease lasts and how often it is renewed (which is also how soon a cancel request is noticed).</summary>
/// <param name="Lease">A runner that stops renewing (its process died) loses the job this long after its last renewal.</param>
/// <param name="Heartbeat">How often the lease is renewed, the progress written and the cancel flag read.</param>
public sealed record JobLeaseOptions(TimeSpan Lease, TimeSpan Heartbeat)
{
    public static JobLeaseOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
}

/// <summary>A running job as its handler sees it: its parameters, the steps done before a restart, the log, progress and cancellation.</summary>
public sealed class JobContext
{
    private readonly JobStore _store;
    private readonly string _runner;
    private readonly Action<string>? _echo;
    private readonly Dictionary<string, JsonElement> _completed;
    private (string? Step, double Progress) _position;

    internal JobContext(Job job, JobStore store, string runner, Action<string>? echo, CancellationToken cancellationToken)
    {
        Job = job;
        _store = store;
        _runner = runner;
        _echo = echo;
        _completed = new Dictionary<string, JsonElement>(job.CompletedSteps, StringComparer.Ordinal);
        _position = (job.Step, job.Progress);
        CancellationToken = cancellationToken;
    }

    public Job Job { get; }

    /// <summary>Cancelled when an operator cancels the job, the runner stops, or the lease is lost.</summary>
    public CancellationToken CancellationToken { get; }

    internal (string? Step, double Progress) Position => _position;

    /// <summary>The job's parameters as <typeparamref name="T"/>.</summary>
    public T Parameters<T>() => Job.Parameters.Deserialize<T>(JobJson.Options) ?? throw new InvalidOperationException($"Job {Job.Id} has no parameters.");

    /// <summary>What <paramref name="step"/> produced, when it finished before (this run or one before a restart).</summary>
    public bool Completed<T>(string step, out T output)
    {
        if (_completed.TryGetValue(step, out var element))
        {
            output = element.Deserialize<T>(JobJson.Options)!;
            return true;
        }
        output = default!;
        return false;
    }

    /// <summary>Records that <paramref name="step"/> finished with <paramref name="output"/>: a resumed job does not run it again.</summary>
    public async Task CompleteAsync<T>(string step, T output)
    {
        var element = JsonSerializer.SerializeToElement(output, JobJson.Options);
        if (!await _store.CompleteStepAsync(Job.Id, _runner, step, element, CancellationToken.None).ConfigureAwait(false))
        {
            throw new OperationCanceledException("The job's lease was lost to another runner.");
        }
        _completed[step] = element;
    }

    /// <summary>Where the job is; written to the store at the next heartbeat (not at every call: training reports often).</summary>
    public void Report(string step, double progress) => _position = (step, Math.Clamp(progress, 0, 1));

    /// <summary>Adds a line to the job's log.</summary>
    public async Task LogAsync(string text)
    {
        _echo?.Invoke(text);
        await _store.AppendLogAsync(Job.Id, text, CancellationToken.None).ConfigureAwait(false);
    }
}

/// <summary>JSON of job parameters, step outputs and results.</summary>
public static class JobJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// Takes the active job from the store when it is free (queued, or its lease lapsed) and runs it under a lease
/// renewed every heartbeat; the heartbeat also writes progress and reads the cancel flag. A cancel request ends the
/// job <see cref="JobState.Cancelled"/>; a stopping runner gives its lease up and leaves the job running, so the next
/// runner (this process restarted, or another replica) resumes it from its last completed step.
/// </summary>
public sealed class JobRunner(JobStore store, IEnumerable<IJobHandler> handlers, JobLeaseOptions lease, string runner, Action<string>? echo = null)
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>This runner's name in the store.</summary>
    public string Name => runner;

    /// <summary>A runner name unique to this process.</summary>
    public static string NewName() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs the active job if it is free; null when there was none to take. Returns the job as it ended (or as it was left, when stopping).</summary>
    public async Task<Job?> RunNextAsync(CancellationToken stopping)
    {
        var job = await store.TryClaimAsync(runner, lease.Lease, _handlers.Keys, stopping).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var context = new JobContext(job, store, runner, echo, work.Token);
        var cancelled = false;
        var lost = false;
        using var beating = new CancellationTokenSource();
        var heartbeat = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(lease.Heartbeat);
            try
            {
                while (await timer.WaitForNextTickAsync(beating.Token).ConfigureAwait(false))
                {
                    var (step, progress) = context.Position;
                    var state = await store.HeartbeatAsync(job.Id, runner, lease.Lease, step, progress, beating.Token).ConfigureAwait(false);
                    if (state is null || state == true)
                    {
                        (lost, cancelled) = (state is null, state == true);
                        await work.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the job ended
            }
        }, CancellationToken.None);

        if (job.Attempts > 1)
        {
            await context.LogAsync($"Resumed by {runner} (attempt {job.Attempts}); finished steps are kept: {(job.CompletedSteps.Count == 0 ? "none" : string.Join(", ", job.CompletedSteps.Keys))}.").ConfigureAwait(false);
        }
        JobState end;
        JsonElement? result = null;
        string? error = null;
        try
        {
            result = await _handlers[job.Kind].RunAsync(context).ConfigureAwait(false);
            end = JobState.Succeeded;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            await beating.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            if (lost)
            {
                return await store.GetAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
            }
            if (!cancelled && stopping.IsCancellationRequested)
            {
                await context.LogAsync($"Stopped by {runner} shutting down during '{context.Position.Step}'; the next runner resumes it from its last finished step.").ConfigureAwait(false);
                await store.ReleaseAsync(job.Id, runner, CancellationToken.None).ConfigureAwait(false);
                return await store.GetAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
            }
            end = JobState.Cancelled;
            error = $"cancelled during '{context.Position.Step}'";
        }
#pragma warning disable CA1031 // whatever a step throws, the job ends failed with the reason, and the runner goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            end = JobState.Failed;
            error = e.Message;
        }
        await beating.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        await context.LogAsync(end switch
        {
            JobState.Succeeded => "Succeeded.",
            JobState.Cancelled => $"Cancelled ({error}).",
            _ => $"Failed: {error}",
        }).ConfigureAwait(false);
        await store.FinishAsync(job.Id, runner, end, result, error, CancellationToken.None).ConfigureAwait(false);
        return await store.GetAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
    }
}
