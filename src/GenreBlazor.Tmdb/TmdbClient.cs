using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace GenreBlazor.Tmdb;

/// <summary>Why a TMDB request failed: the status, TMDB's own message when it sent one, or what went wrong without an answer.</summary>
public sealed class TmdbException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status of the final answer, when there was one.</summary>
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The TMDB v3 endpoints GenreBlazor's ingest needs, over a typed <see cref="HttpClient"/> whose resilience pipeline
/// (see <see cref="TmdbRegistration"/>) retries 429s (honouring <c>Retry-After</c>), 5xx answers and timeouts, keeps to
/// a client-side rate, and stops asking for a while when most requests fail. Every failure surfaces as a
/// <see cref="TmdbException"/> whose message an operator can act on.
/// </summary>
public sealed partial class TmdbClient(HttpClient http, IOptions<TmdbOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Image base address and poster sizes (<c>/configuration</c>).</summary>
    public async Task<TmdbImages> GetImagesAsync(CancellationToken cancellationToken = default)
    {
        var configuration = await GetAsync<ConfigurationWire>("configuration", cancellationToken).ConfigureAwait(false);
        var images = configuration.Images ?? throw new TmdbException("TMDB's /configuration has no \"images\" section.");
        var baseUrl = images.SecureBaseUrl ?? images.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new TmdbException($"TMDB's /configuration names no usable image address ('{baseUrl}').");
        }
        return new TmdbImages(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"), images.PosterSizes ?? []);
    }

    /// <summary>TMDB's movie genres (<c>/genre/movie/list</c>).</summary>
    public async Task<IReadOnlyList<TmdbGenre>> GetMovieGenresAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<GenresWire>("genre/movie/list?language=en-US", cancellationToken).ConfigureAwait(false)).Genres ?? [];

    /// <summary>One page (1–500, TMDB's limit) of movies released in a window (<c>/discover/movie</c>), adult titles excluded.</summary>
    public Task<TmdbPage<TmdbMovieSummary>> DiscoverMoviesAsync(DiscoverQuery query, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, 500);
        var path = $"discover/movie?include_adult=false&include_video=false&language=en-US&page={page}&sort_by={Uri.EscapeDataString(query.SortBy)}";
        if (query.ReleasedFrom is { } from)
        {
            path += $"&primary_release_date.gte={from:yyyy-MM-dd}";
        }
        if (query.ReleasedTo is { } to)
        {
            path += $"&primary_release_date.lte={to:yyyy-MM-dd}";
        }
        return GetPageAsync<TmdbMovieSummary>(path, cancellationToken);
    }

    /// <summary>A movie's details with its IMDb id (<c>/movie/{id}?append_to_response=external_ids</c>); null when TMDB has no such movie.</summary>
    public async Task<TmdbMovie?> GetMovieAsync(int id, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        MovieWire movie;
        try
        {
            movie = await GetAsync<MovieWire>(string.Create(CultureInfo.InvariantCulture, $"movie/{id}?append_to_response=external_ids&language=en-US"), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TmdbException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
        var imdb = movie.ExternalIds?.ImdbId ?? movie.ImdbId;
        return new TmdbMovie(movie.Id, movie.Title, movie.Overview, movie.ReleaseDate, movie.Genres ?? [], movie.OriginalLanguage, movie.PosterPath,
            string.IsNullOrWhiteSpace(imdb) ? null : imdb, movie.Adult);
    }

    /// <summary>One page of the movies changed between two days (<c>/movie/changes</c>; TMDB allows at most 14 days).</summary>
    public Task<TmdbPage<TmdbChange>> GetMovieChangesAsync(DateOnly from, DateOnly to, int page, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        if (to < from || to.DayNumber - from.DayNumber > 14)
        {
            throw new ArgumentException($"TMDB's changes cover at most 14 days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is not such a window.", nameof(to));
        }
        return GetPageAsync<TmdbChange>($"movie/changes?start_date={from:yyyy-MM-dd}&end_date={to:yyyy-MM-dd}&page={page}", cancellationToken);
    }

    /// <summary>
    /// Downloads a poster from the image server, refusing more than <paramref name="maxBytes"/> before reading it all.
    /// Only TMDB-shaped file paths (<c>/abc123.jpg</c>) are fetched, so a tampered answer cannot point the client elsewhere.
    /// </summary>
    public async Task<byte[]> DownloadPosterAsync(TmdbImages images, string posterPath, string size, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!PosterPathPattern().IsMatch(posterPath ?? ""))
        {
            throw new TmdbException($"'{posterPath}' is not a TMDB image path.");
        }
        if (!SizePattern().IsMatch(size ?? ""))
        {
            throw new TmdbException($"'{size}' is not a TMDB image size.");
        }
        var uri = new Uri(images.BaseUrl, size + posterPath);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TmdbException($"The poster {posterPath} was not served: {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new TmdbException($"The poster {posterPath} is {response.Content.Headers.ContentLength:N0} bytes; at most {maxBytes:N0} are accepted.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new TmdbException($"The poster {posterPath} is larger than {maxBytes:N0} bytes, the most that is accepted.");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (Unanswered(e, cancellationToken) is { } reason)
        {
            throw new TmdbException($"The poster {posterPath} could not be downloaded: {reason}", null, e);
        }
    }

    private async Task<TmdbPage<T>> GetPageAsync<T>(string path, CancellationToken cancellationToken)
    {
        var page = await GetAsync<PageWire<T>>(path, cancellationToken).ConfigureAwait(false);
        return new TmdbPage<T>(page.Page, page.TotalPages, page.TotalResults, page.Results ?? []);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasCredentials)
        {
            throw new TmdbException("No TMDB credentials: set TMDB:ApiKey or TMDB:ReadToken (environment TMDB__ApiKey / TMDB__ReadToken, or --api-key).");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path, settings));
        if (!string.IsNullOrWhiteSpace(settings.ReadToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ReadToken);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var endpoint = path.Split('?')[0];
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TmdbException($"TMDB answered /{endpoint} with {(int)response.StatusCode} {response.ReasonPhrase}{StatusMessage(body)}.", response.StatusCode);
            }
            try
            {
                return JsonSerializer.Deserialize<T>(body, Json) ?? throw new TmdbException($"TMDB answered /{endpoint} with an empty document.");
            }
            catch (JsonException e)
            {
                throw new TmdbException($"TMDB answered /{endpoint} with malformed JSON ({e.Message}).", response.StatusCode, e);
            }
        }
        catch (Exception e) when (Unanswered(e, cancellationToken) is { } reason)
        {
            throw new TmdbException($"TMDB did not answer /{endpoint}: {reason}", null, e);
        }
    }

    // The key travels as a query parameter only when no bearer token is set.
    private static string Relative(string path, TmdbOptions settings) =>
        string.IsNullOrWhiteSpace(settings.ReadToken) ? $"{path}{(path.Contains('?') ? '&' : '?')}api_key={Uri.EscapeDataString(settings.ApiKey!)}" : path;

    private static string? Unanswered(Exception error, CancellationToken cancellationToken) => error switch
    {
        TmdbException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        BrokenCircuitException e => $"most recent requests failed, so requests pause for a while ({e.Message})",
        RateLimiterRejectedException => "the client's own rate limit queue is full",
        TimeoutRejectedException or TaskCanceledException or TimeoutException => "no answer in time, retries included",
        HttpRequestException e => e.Message,
        _ => null,
    };

    private static string StatusMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status_message", out var message) && message.ValueKind == JsonValueKind.String
                ? $": {message.GetString()}"
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex("^/[A-Za-z0-9_-]{1,100}\\.(jpg|jpeg|png)$")]
    private static partial Regex PosterPathPattern();

    [GeneratedRegex("^(w[0-9]{2,4}|original)$")]
    private static partial Regex SizePattern();

    private sealed record ConfigurationWire(ImagesWire? Images);

    private sealed record ImagesWire(string? BaseUrl, string? SecureBaseUrl, IReadOnlyList<string>? PosterSizes);

    private sealed record GenresWire(IReadOnlyList<TmdbGenre>? Genres);

    private sealed record PageWire<T>(int Page, int TotalPages, int TotalResults, IReadOnlyList<T>? Results);

    private sealed record ExternalIdsWire(string? ImdbId);

    private sealed record MovieWire(int Id, string? Title, string? Overview, string? ReleaseDate, IReadOnlyList<TmdbGenre>? Genres, string? OriginalLanguage,
        string? PosterPath, string? ImdbId, bool Adult, ExternalIdsWire? ExternalIds);
}
