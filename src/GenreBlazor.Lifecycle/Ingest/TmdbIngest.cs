using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GenreBlazor.Imaging;
using GenreBlazor.Tmdb;

namespace GenreBlazor.Lifecycle.Ingest;

/// <summary>What to ingest.</summary>
/// <param name="OutputFolder">Where <c>movies.csv</c>, <c>posters.csv</c> and <c>posters/</c> are written.</param>
/// <param name="Since">First primary release date discovered (all dates when null).</param>
/// <param name="MaxMovies">Most movies handled by one run definition, kept or dropped (all when null).</param>
/// <param name="Posters">Whether posters are downloaded.</param>
/// <param name="PosterSize">TMDB poster size downloaded.</param>
/// <param name="PosterLimits">The limits a poster must keep (the app's decoder limits by default).</param>
public sealed record IngestRequest(string OutputFolder, DateOnly? Since = null, int? MaxMovies = null, bool Posters = true, string PosterSize = "w342",
    ImageLimits? PosterLimits = null)
{
    /// <summary>The cursor's name: one per release-date window, so a run with another <c>--since</c> starts its own.</summary>
    public string CursorName => "discover:" + (Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "all");
}

/// <summary>How far a run is.</summary>
/// <param name="Seen">Movies handled so far (this run definition, resumed runs included).</param>
/// <param name="Total">Movies TMDB reports for the window (capped at the limit), once the first page is read.</param>
/// <param name="Page">The discover page being read.</param>
public sealed record IngestProgress(int Seen, int? Total, int Page);

/// <summary>What a run did.</summary>
/// <param name="Snapshot">The exported snapshot.</param>
/// <param name="Resumed">Whether it continued a run that had stopped part-way.</param>
/// <param name="Handled">Movies this run handled itself (not counting those of the run it resumed).</param>
public sealed record IngestResult(DatasetSnapshot Snapshot, bool Resumed, int Handled);

/// <summary>
/// Pulls movies from TMDB's <c>/discover/movie</c> (oldest release first, from <see cref="IngestRequest.Since"/>), reads
/// each one's details for its genres and IMDb id, cleans it (<see cref="MovieCleaning"/>), downloads its poster within
/// the decoder's limits, and upserts it by TMDB id with the cursor step in one transaction. A run that stops — killed,
/// cancelled, or TMDB failing past the client's retries — continues from the cursor the next time. A complete run
/// exports the data and records a snapshot.
/// </summary>
public sealed partial class TmdbIngest(TmdbClient tmdb, IngestStore store)
{
    // The client's pipeline retries 429s and 5xx; a 200 whose body is not JSON is not an HTTP failure, so it is retried here.
    private const int MalformedRetries = 3;

    /// <summary>Runs (or resumes) an ingest and exports its snapshot.</summary>
    public async Task<IngestResult> RunAsync(IngestRequest request, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(request.OutputFolder);
        var cursor = await store.CursorAsync(request.CursorName, cancellationToken).ConfigureAwait(false);
        if (cursor.Complete)
        {
            cursor = new IngestCursor(request.CursorName, 1, 0, 0, false);
        }
        var resumed = cursor.Seen > 0;
        var startSeen = cursor.Seen;
        var images = request.Posters ? await Patiently(() => tmdb.GetImagesAsync(cancellationToken), cancellationToken).ConfigureAwait(false) : null;
        var query = new DiscoverQuery(request.Since);
        var limits = request.PosterLimits ?? ImageLimits.Default;

        while (!cursor.Complete)
        {
            var page = await Patiently(() => tmdb.DiscoverMoviesAsync(query, cursor.Page, cancellationToken), cancellationToken).ConfigureAwait(false);
            var total = request.MaxMovies is { } max ? Math.Min(max, page.TotalResults) : page.TotalResults;
            for (var i = cursor.Index; i < page.Results.Count && !LimitReached(request, cursor); i++)
            {
                var next = cursor with { Index = i + 1, Seen = cursor.Seen + 1 };
                await IngestOneAsync(page.Results[i].Id, request, images, limits, next, cancellationToken).ConfigureAwait(false);
                cursor = next;
                progress?.Report(new IngestProgress(cursor.Seen, total, cursor.Page));
            }
            cursor = LimitReached(request, cursor) || cursor.Page >= Math.Min(page.TotalPages, 500)
                ? cursor with { Complete = true }
                : cursor with { Page = cursor.Page + 1, Index = 0 };
            await store.SaveCursorAsync(cursor, cancellationToken).ConfigureAwait(false);
        }

        var snapshot = await DatasetExport.ExportAsync(store, request.OutputFolder, cancellationToken).ConfigureAwait(false);
        return new IngestResult(snapshot, resumed, cursor.Seen - startSeen);
    }

    private static bool LimitReached(IngestRequest request, IngestCursor cursor) => request.MaxMovies is { } max && cursor.Seen >= max;

    private async Task IngestOneAsync(int id, IngestRequest request, TmdbImages? images, ImageLimits limits, IngestCursor next, CancellationToken cancellationToken)
    {
        var details = await Patiently(() => tmdb.GetMovieAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (details is null)
        {
            await store.DropAsync(id, MovieCleaning.Reasons.Gone, next, cancellationToken).ConfigureAwait(false);
            return;
        }
        var (movie, dropped) = MovieCleaning.Clean(details);
        if (movie is null)
        {
            await store.DropAsync(id, dropped!, next, cancellationToken).ConfigureAwait(false);
            return;
        }
        var (file, problem) = images is null || movie.PosterPath is null ? (null, null)
            : await PosterAsync(movie, images, request, limits, cancellationToken).ConfigureAwait(false);
        await store.KeepAsync(movie, file, problem, next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The poster's file relative to the output folder, or why there is none; a file already there (a resumed run) is kept.</summary>
    private async Task<(string? File, string? Problem)> PosterAsync(IngestedMovie movie, TmdbImages images, IngestRequest request, ImageLimits limits,
        CancellationToken cancellationToken)
    {
        if (!ImdbId().IsMatch(movie.ImdbId))
        {
            return (null, "no IMDb id to name the poster by");
        }
        var folder = Path.Combine(request.OutputFolder, "posters");
        foreach (var extension in new[] { ".jpg", ".png" })
        {
            if (File.Exists(Path.Combine(folder, movie.ImdbId + extension)))
            {
                return ($"posters/{movie.ImdbId}{extension}", null);
            }
        }
        byte[] bytes;
        try
        {
            bytes = await tmdb.DownloadPosterAsync(images, movie.PosterPath!, request.PosterSize, limits.MaxEncodedBytes, cancellationToken).ConfigureAwait(false);
            // The same checks as an upload: a poster the app would refuse is not exported for training.
            _ = ImageDecoder.Decode(bytes, limits, targetMinSide: 224);
        }
        catch (TmdbException e)
        {
            return (null, "download failed: " + e.Message);
        }
        catch (ImageDecodeException e)
        {
            return (null, $"refused ({e.Kind}): {e.Message}");
        }
        var extensionOf = ImageFormatSniffer.Identify(bytes) == ImageFormat.Png ? ".png" : ".jpg";
        Directory.CreateDirectory(folder);
        await DatasetExport.WriteWholeAsync(Path.Combine(folder, movie.ImdbId + extensionOf), bytes, cancellationToken).ConfigureAwait(false);
        return ($"posters/{movie.ImdbId}{extensionOf}", null);
    }

    private static async Task<T> Patiently<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (TmdbException e) when (e.Status == HttpStatusCode.OK && attempt < MalformedRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex("^tt[0-9]{5,10}$")]
    private static partial Regex ImdbId();
}
