using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenreBlazor.Testing.Tmdb;

/// <summary>A movie the fake TMDB serves.</summary>
public sealed record FakeTmdbMovie(
    int Id,
    string Title,
    string Overview,
    DateOnly ReleaseDate,
    IReadOnlyList<int> GenreIds,
    string Language = "en",
    string? ImdbId = null,
    string? PosterPath = null,
    double Popularity = 1,
    bool Adult = false);

/// <summary>A request as the fake TMDB saw it.</summary>
/// <param name="Number">1-based, in arrival order.</param>
/// <param name="Path">The path without the query, e.g. <c>/3/discover/movie</c>.</param>
/// <param name="Query">The query parameters (the <c>api_key</c> included, as sent).</param>
/// <param name="Authorization">The Authorization header, if any.</param>
public sealed record FakeTmdbRequest(int Number, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization);

/// <summary>A fault the fake answers a request with instead of its data.</summary>
public abstract record FakeTmdbFault
{
    /// <summary>429 with <c>Retry-After: seconds</c> and TMDB's status body.</summary>
    public static FakeTmdbFault TooManyRequests(int retryAfterSeconds = 1) => new StatusFault(429, retryAfterSeconds);

    /// <summary>A server error (500 or 503) with TMDB's status body.</summary>
    public static FakeTmdbFault ServerError(int status = 500) => new StatusFault(status, null);

    /// <summary>200 with a body that is not JSON.</summary>
    public static FakeTmdbFault MalformedJson() => new MalformedFault();

    /// <summary>No answer for <paramref name="delay"/>, then the data.</summary>
    public static FakeTmdbFault Stall(TimeSpan delay) => new StallFault(delay);
}

internal sealed record StatusFault(int Status, int? RetryAfter) : FakeTmdbFault;

internal sealed record MalformedFault : FakeTmdbFault;

internal sealed record StallFault(TimeSpan Delay) : FakeTmdbFault;

/// <summary>
/// A stand-in for TMDB on 127.0.0.1 (Kestrel) speaking the v3 JSON shapes GenreBlazor uses: <c>/3/configuration</c>,
/// <c>/3/genre/movie/list</c>, <c>/3/discover/movie</c> (20 a page, release-date window, sort order, at most 500 pages),
/// <c>/3/movie/{id}</c> (with <c>append_to_response=external_ids</c>), <c>/3/movie/changes</c>, and the image server at
/// <c>/t/p/{size}/{file}</c>. It checks the API key or read token like TMDB (401 with status code 7), records every
/// request, and answers the ones the test's fault script picks with 429 + <c>Retry-After</c>, a 5xx, malformed JSON or a
/// stall.
/// </summary>
public sealed class FakeTmdbServer : IAsyncDisposable
{
    /// <summary>TMDB's movie genres and their real ids.</summary>
    public static IReadOnlyDictionary<int, string> Genres { get; } = new Dictionary<int, string>
    {
        [28] = "Action", [12] = "Adventure", [16] = "Animation", [35] = "Comedy", [80] = "Crime", [99] = "Documentary",
        [18] = "Drama", [10751] = "Family", [14] = "Fantasy", [36] = "History", [27] = "Horror", [10402] = "Music",
        [9648] = "Mystery", [10749] = "Romance", [878] = "Science Fiction", [10770] = "TV Movie", [53] = "Thriller",
        [10752] = "War", [37] = "Western",
    };

    private const int PageSize = 20;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeTmdbRequest> _requests = new();
    private readonly ConcurrentQueue<(int Number, TimeSpan At)> _arrivals = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, byte[]> _images = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<FakeTmdbMovie> _movies;
    private volatile IReadOnlyList<(int Id, DateOnly Day)> _changes = [];
    private Func<FakeTmdbRequest, FakeTmdbFault?> _faults = _ => null;
    private int _count;

    private FakeTmdbServer(WebApplication app, IReadOnlyList<FakeTmdbMovie> movies, string apiKey, string readToken)
    {
        _app = app;
        _movies = movies;
        ApiKey = apiKey;
        ReadToken = readToken;
    }

    /// <summary>The API key the fake accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The v4 read token the fake accepts.</summary>
    public string ReadToken { get; }

    /// <summary>The v3 base address, e.g. <c>http://127.0.0.1:PORT/3</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<FakeTmdbRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>When each request arrived (since the server started), in arrival order.</summary>
    public IReadOnlyList<TimeSpan> RequestTimes => [.. _arrivals.OrderBy(a => a.Number).Select(a => a.At)];

    /// <summary>The movies served (replace to simulate new releases).</summary>
    public IReadOnlyList<FakeTmdbMovie> Movies { get => _movies; set => _movies = value; }

    /// <summary>Starts the fake with a catalogue.</summary>
    public static async Task<FakeTmdbServer> StartAsync(IReadOnlyList<FakeTmdbMovie> movies, string apiKey = "test-api-key", string readToken = "test-read-token")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeTmdbServer(app, movies, apiKey, readToken);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/3");
        return server;
    }

    /// <summary>Picks the requests to fault; null answers normally. Called once per request, before it is served.</summary>
    public void Faults(Func<FakeTmdbRequest, FakeTmdbFault?> script) => _faults = script;

    /// <summary>Serves <paramref name="bytes"/> at <c>/t/p/{any size}{path}</c>.</summary>
    public void Image(string posterPath, byte[] bytes) => _images[posterPath] = bytes;

    /// <summary>The movies <c>/3/movie/changes</c> reports, with the day each changed.</summary>
    public void Changes(IReadOnlyList<(int Id, DateOnly Day)> changes) => _changes = changes;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = new FakeTmdbRequest(Interlocked.Increment(ref _count), context.Request.Path.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.Authorization.FirstOrDefault());
        _requests.Enqueue(request);
        _arrivals.Enqueue((request.Number, _clock.Elapsed));

        switch (_faults(request))
        {
            case StatusFault status:
                if (status.RetryAfter is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                await Status(context, status.Status, status.Status == 429 ? 25 : 11,
                    status.Status == 429 ? "Your request count is over the allowed limit." : "Internal error: Something went wrong, contact TMDb.");
                return;
            case MalformedFault:
                context.Response.ContentType = "application/json;charset=utf-8";
                await context.Response.WriteAsync("{\"page\": 1, \"results\": [ {\"id\": 12, \"title\": \"cut sho");
                return;
            case StallFault stall:
                try
                {
                    await Task.Delay(stall.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                break;
        }

        var path = request.Path;
        if (path.StartsWith("/t/p/", StringComparison.Ordinal))
        {
            var file = path[path.IndexOf('/', "/t/p/".Length)..];
            if (_images.TryGetValue(file, out var bytes))
            {
                context.Response.ContentType = file.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg";
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            return;
        }
        if (!Authorised(request))
        {
            await Status(context, 401, 7, "Invalid API key: You must be granted a valid key.");
            return;
        }
        switch (path)
        {
            case "/3/configuration":
                await Write(context, new
                {
                    images = new
                    {
                        base_url = $"http://{context.Request.Host}/t/p/",
                        secure_base_url = $"http://{context.Request.Host}/t/p/",
                        poster_sizes = new[] { "w92", "w154", "w185", "w342", "w500", "w780", "original" },
                    },
                    change_keys = new[] { "overview", "genres", "title" },
                });
                return;
            case "/3/genre/movie/list":
                await Write(context, new { genres = Genres.Select(g => new { id = g.Key, name = g.Value }) });
                return;
            case "/3/discover/movie":
                await Discover(context, request);
                return;
            case "/3/movie/changes":
                await Changed(context, request);
                return;
        }
        if (path.StartsWith("/3/movie/", StringComparison.Ordinal) && int.TryParse(path["/3/movie/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var movie = _movies.FirstOrDefault(m => m.Id == id);
            if (movie is null)
            {
                await Status(context, 404, 34, "The resource you requested could not be found.");
                return;
            }
            var external = request.Query.GetValueOrDefault("append_to_response", "").Split(',').Contains("external_ids");
            await Write(context, new
            {
                id = movie.Id,
                title = movie.Title,
                original_title = movie.Title,
                overview = movie.Overview,
                release_date = movie.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                genres = movie.GenreIds.Select(g => new { id = g, name = Genres[g] }),
                original_language = movie.Language,
                poster_path = movie.PosterPath,
                imdb_id = movie.ImdbId,
                adult = movie.Adult,
                popularity = movie.Popularity,
                external_ids = external ? new { imdb_id = movie.ImdbId, wikidata_id = (string?)null } : null,
            });
            return;
        }
        await Status(context, 404, 34, "The resource you requested could not be found.");
    }

    private bool Authorised(FakeTmdbRequest request) =>
        request.Authorization == $"Bearer {ReadToken}" || (request.Authorization is null && request.Query.GetValueOrDefault("api_key") == ApiKey);

    private async Task Discover(HttpContext context, FakeTmdbRequest request)
    {
        IEnumerable<FakeTmdbMovie> movies = _movies.Where(m => !m.Adult || request.Query.GetValueOrDefault("include_adult") == "true");
        if (request.Query.TryGetValue("primary_release_date.gte", out var gte) && DateOnly.TryParse(gte, CultureInfo.InvariantCulture, out var from))
        {
            movies = movies.Where(m => m.ReleaseDate >= from);
        }
        if (request.Query.TryGetValue("primary_release_date.lte", out var lte) && DateOnly.TryParse(lte, CultureInfo.InvariantCulture, out var to))
        {
            movies = movies.Where(m => m.ReleaseDate <= to);
        }
        movies = request.Query.GetValueOrDefault("sort_by", "popularity.desc") switch
        {
            "primary_release_date.asc" => movies.OrderBy(m => m.ReleaseDate).ThenBy(m => m.Id),
            "primary_release_date.desc" => movies.OrderByDescending(m => m.ReleaseDate).ThenBy(m => m.Id),
            _ => movies.OrderByDescending(m => m.Popularity).ThenBy(m => m.Id),
        };
        await WritePage(context, request, movies.ToList(), m => new
        {
            adult = m.Adult,
            genre_ids = m.GenreIds,
            id = m.Id,
            original_language = m.Language,
            original_title = m.Title,
            overview = m.Overview,
            popularity = m.Popularity,
            poster_path = m.PosterPath,
            release_date = m.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            title = m.Title,
            video = false,
        });
    }

    private async Task Changed(HttpContext context, FakeTmdbRequest request)
    {
        var from = DateOnly.Parse(request.Query["start_date"], CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(request.Query["end_date"], CultureInfo.InvariantCulture);
        var changed = _changes.Where(c => c.Day >= from && c.Day <= to).Select(c => c.Id).Distinct().ToList();
        await WritePage(context, request, changed, id => new { id, adult = false });
    }

    private static async Task WritePage<T>(HttpContext context, FakeTmdbRequest request, IReadOnlyList<T> items, Func<T, object> shape)
    {
        var page = int.TryParse(request.Query.GetValueOrDefault("page", "1"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        if (page is < 1 or > 500)
        {
            context.Response.StatusCode = 400;
            await Write(context, new { success = false, status_code = 22, status_message = "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer." });
            return;
        }
        var total = Math.Min(500, (items.Count + PageSize - 1) / PageSize);
        await Write(context, new
        {
            page,
            results = items.Skip((page - 1) * PageSize).Take(PageSize).Select(shape),
            total_pages = total,
            total_results = items.Count,
        });
    }

    private static Task Status(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return Write(context, new { success = false, status_code = code, status_message = message });
    }

    private static Task Write(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json;charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
