using System.Globalization;
using System.Text.Json;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Lifecycle.Jobs;

namespace GenreBlazor.Lifecycle.Retraining;

/// <summary>What an ingest job was asked.</summary>
/// <param name="Since">First release date discovered, yyyy-MM-dd (default: <see cref="RetrainingOptions.IngestSince"/>).</param>
/// <param name="MaxMovies">Most movies handled (default: <see cref="RetrainingOptions.IngestMaxMovies"/>).</param>
/// <param name="Posters">Whether posters are downloaded.</param>
public sealed record IngestParameters(DateOnly? Since = null, int? MaxMovies = null, bool Posters = true);

/// <summary>
/// The ingest job (the Data page's action): a TMDB ingest into the store and its export, under the job's lease. The
/// ingest checkpoints its own cursor, so a resumed job continues where the last runner stopped.
/// </summary>
public sealed class IngestJob(RetrainingOptions options, Func<string, string> resolve, Func<TmdbIngest?> ingest) : IJobHandler
{
    public string Kind => JobKinds.Ingest;

    public async Task<JsonElement> RunAsync(JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tmdb = ingest() ?? throw new InvalidOperationException("TMDB is not configured: set TMDB:ApiKey or TMDB:ReadToken (environment TMDB__ApiKey, TMDB__ReadToken).");
        var parameters = context.Parameters<IngestParameters>();
        var request = new IngestRequest(Path.Combine(resolve(options.WorkFolder), "data"), parameters.Since ?? options.IngestSince,
            parameters.MaxMovies ?? options.IngestMaxMovies, parameters.Posters);
        var run = await RunAsync(context, tmdb, request, "ingest", 0, 1).ConfigureAwait(false);
        return JsonSerializer.SerializeToElement(new { run.Snapshot, run.Resumed, run.Handled, Folder = request.OutputFolder }, JobJson.Options);
    }

    /// <summary>Runs an ingest as a job step, its progress between <paramref name="from"/> and <paramref name="to"/>, a log line per page.</summary>
    internal static async Task<IngestResult> RunAsync(JobContext context, TmdbIngest tmdb, IngestRequest request, string step, double from, double to)
    {
        var page = 0;
        var progress = new SynchronousProgress(p =>
        {
            context.Report(step, from + (to - from) * (p.Total is > 0 and var total ? Math.Clamp((double)p.Seen / total, 0, 1) : 0));
            if (Interlocked.Exchange(ref page, p.Page) != p.Page)
            {
                _ = context.LogAsync(string.Create(CultureInfo.InvariantCulture, $"{step}: page {p.Page}, {p.Seen:N0} of {p.Total:N0} movies"));
            }
        });
        await context.LogAsync($"{step}: from TMDB into {request.OutputFolder}" + (request.Since is { } since ? $", released from {since:yyyy-MM-dd}" : "") +
            (request.MaxMovies is { } max ? $", at most {max:N0} movies" : "")).ConfigureAwait(false);
        var run = await tmdb.RunAsync(request, progress, context.CancellationToken).ConfigureAwait(false);
        await context.LogAsync(string.Create(CultureInfo.InvariantCulture,
            $"{step}: {(run.Resumed ? "resumed and finished" : "finished")}, {run.Handled:N0} movies this run; snapshot {run.Snapshot.Id} with {run.Snapshot.Rows:N0} movies and {run.Snapshot.Posters:N0} posters"))
            .ConfigureAwait(false);
        return run;
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
