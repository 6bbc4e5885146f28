using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenreBlazor.Lifecycle.Jobs;

/// <summary>Where a job is in its life (in JSON as the store has it: <c>queued</c>, <c>running</c>…).</summary>
[JsonConverter(typeof(JobStateJson))]
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

internal sealed class JobStateJson() : JsonStringEnumConverter<JobState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>The kinds of job the runner knows.</summary>
public static class JobKinds
{
    public const string Retrain = "retrain";
    public const string Ingest = "ingest";

    public static IReadOnlyList<string> All { get; } = [Retrain, Ingest];
}

/// <summary>A long-running operator action kept in the store, so any replica shows it and a restart neither loses nor repeats it.</summary>
/// <param name="Id">e.g. <c>job-20261202T051500123Z-1a2b3c</c>.</param>
/// <param name="Kind"><see cref="JobKinds.Retrain"/> or <see cref="JobKinds.Ingest"/>.</param>
/// <param name="Parameters">What was asked (a JSON object; its shape depends on the kind).</param>
/// <param name="State">Its state.</param>
/// <param name="Step">The step running, or the last one that ran.</param>
/// <param name="Progress">0–1 over the whole job.</param>
/// <param name="CompletedSteps">The steps that finished, with what each produced: a resumed job skips them.</param>
/// <param name="RequestedBy">The operator, <c>schedule</c>, <c>drift alert</c> or <c>cli</c>.</param>
/// <param name="Created">When it was asked for.</param>
/// <param name="Started">When a runner first took it.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Runner">The runner holding its lease (process and host), while running.</param>
/// <param name="LeaseUntil">When the lease lapses unless renewed; a lapsed lease is taken over by another runner.</param>
/// <param name="Attempts">How many times a runner took it (more than 1: it was resumed).</param>
/// <param name="CancelRequested">Whether an operator asked to cancel it.</param>
/// <param name="Result">What it produced (JSON), once it succeeded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record Job(string Id, string Kind, JsonElement Parameters, JobState State, string? Step, double Progress,
    IReadOnlyDictionary<string, JsonElement> CompletedSteps, string RequestedBy, DateTimeOffset Created, DateTimeOffset? Started, DateTimeOffset? Finished,
    string? Runner, DateTimeOffset? LeaseUntil, int Attempts, bool CancelRequested, JsonElement? Result, string? Error)
{
    public bool IsActive => State is JobState.Queued or JobState.Running;
}

/// <summary>One line of a job's log.</summary>
public sealed record JobLogLine(int Line, DateTimeOffset At, string Text);

/// <summary>What asking for a job did: <paramref name="Created"/> is false when another job was active, which <paramref name="Job"/> then is.</summary>
public sealed record JobRequest(Job Job, bool Created);
