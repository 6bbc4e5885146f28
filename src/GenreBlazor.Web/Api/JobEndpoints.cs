using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Retraining;
using GenreBlazor.Web.Jobs;
using GenreBlazor.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GenreBlazor.Web.Api;

/// <summary>
/// The jobs for operators: start a retraining or an ingest (202, or 409 while another job is queued or running, on any
/// replica), list them, read one with its log, cancel one. Everything here is <see cref="OperatorAccess.Policy"/>.
/// Paths of data are not taken over HTTP: the server's configuration (section <c>Retraining</c>) names them.
/// </summary>
public static class JobEndpoints
{
    /// <summary>What <c>POST /api/jobs/retrain</c> may ask (both optional: configuration decides).</summary>
    public sealed record RetrainRequest(bool? Posters, bool? AutoPromote);

    /// <summary>What <c>POST /api/jobs/ingest</c> may ask.</summary>
    public sealed record IngestRequest(DateOnly? Since, int? MaxMovies, bool? Posters);

    /// <summary>A job with its log.</summary>
    public sealed record JobDetail(Job Job, IReadOnlyList<JobLogLine> Log);

    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Operators").RequireAuthorization(OperatorAccess.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/retrain", ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RetrainRequest? body, HttpContext http, JobStore jobs, JobSignal signal,
                CancellationToken cancellationToken) =>
                StartAsync(jobs, signal, JobKinds.Retrain, new RetrainParameters(Posters: body?.Posters, AutoPromote: body?.AutoPromote), http, cancellationToken))
            .WithName("StartRetraining").WithSummary("Queue a retraining job: ingest (when TMDB is configured), train, evaluate, register the challenger, promote by policy (operator)")
            .Produces<Job>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/ingest", ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] IngestRequest? body, HttpContext http, JobStore jobs, JobSignal signal,
                TmdbAvailability tmdb, CancellationToken cancellationToken) =>
            {
                if (!tmdb.Configured)
                {
                    return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This server cannot ingest",
                        detail: "TMDB is not configured: set TMDB:ApiKey or TMDB:ReadToken (environment TMDB__ApiKey, TMDB__ReadToken) and restart."));
                }
                if (body?.MaxMovies is < 1)
                {
                    return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The ingest was not queued", detail: "maxMovies must be at least 1."));
                }
                return StartAsync(jobs, signal, JobKinds.Ingest, new IngestParameters(body?.Since, body?.MaxMovies, body?.Posters ?? true), http, cancellationToken);
            })
            .WithName("StartIngest").WithSummary("Queue an ingest job from TMDB into the store, with its export and snapshot (operator)")
            .Produces<Job>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("", async (string? kind, JobStore jobs, CancellationToken cancellationToken) =>
                kind is not null && !JobKinds.All.Contains(kind)
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown job kind", detail: $"kind is one of {string.Join(", ", JobKinds.All)}.")
                    : Results.Ok(await jobs.ListAsync(kind, cancellationToken: cancellationToken)))
            .WithName("ListJobs").WithSummary("The newest jobs first, optionally of one kind (operator)").Produces<IReadOnlyList<Job>>();

        group.MapGet("/{id}", async (string id, JobStore jobs, CancellationToken cancellationToken) =>
                await jobs.GetAsync(id, cancellationToken) is { } job
                    ? Results.Ok(new JobDetail(job, await jobs.LogAsync(id, cancellationToken: cancellationToken)))
                    : NotFound(id))
            .WithName("GetJob").WithSummary("One job with its state, step, progress, result and log (operator)")
            .Produces<JobDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/cancel", async (string id, JobStore jobs, CancellationToken cancellationToken) =>
            {
                var before = await jobs.GetAsync(id, cancellationToken);
                if (before is null)
                {
                    return NotFound(id);
                }
                var job = before.IsActive ? await jobs.RequestCancelAsync(id, cancellationToken) : before;
                return job is { CancelRequested: true } && (before.IsActive || job.IsActive)
                    ? Results.Accepted($"/api/jobs/{id}", job)
                    : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job has ended", detail: $"Job {id} is {job!.State.ToString().ToLowerInvariant()} already.");
            })
            .WithName("CancelJob").WithSummary("Cancel a job: a queued one at once, a running one at its runner's next heartbeat (operator)")
            .Produces<Job>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<IResult> StartAsync(JobStore jobs, JobSignal signal, string kind, object parameters, HttpContext http, CancellationToken cancellationToken)
    {
        var request = await jobs.EnqueueAsync(kind, parameters, http.User.Identity?.Name ?? "operator", cancellationToken: cancellationToken);
        if (!request.Created)
        {
            var active = request.Job;
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another job is active",
                detail: $"Job {active.Id} ({active.Kind}, {active.State.ToString().ToLowerInvariant()}, asked by {active.RequestedBy}) must end first: one job runs at a time. " +
                $"Follow it at GET /api/jobs/{active.Id} or cancel it with POST /api/jobs/{active.Id}/cancel.",
                extensions: new Dictionary<string, object?> { ["activeJob"] = active.Id });
        }
        signal.Wake();
        return Results.Accepted($"/api/jobs/{request.Job.Id}", request.Job);
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such job", detail: $"No job '{id}'; GET /api/jobs lists them.");
}
