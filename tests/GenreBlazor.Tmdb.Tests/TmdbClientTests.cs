using System.Net;
using GenreBlazor.Testing.Tmdb;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Tmdb.Tests;

/// <summary>The client against a fake TMDB on 127.0.0.1 that speaks TMDB's v3 JSON and misbehaves on request.</summary>
public sealed class TmdbClientTests : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private FakeTmdbServer _tmdb = null!;

    public static IReadOnlyList<FakeTmdbMovie> Catalogue(int count) => Enumerable.Range(1, count).Select(i => new FakeTmdbMovie(
        1000 + i, $"Movie {i}", $"Plot of movie {i}: someone wants something and pays for it.", Start.AddDays(i % 90),
        i % 3 == 0 ? [27, 53] : [18], i % 5 == 0 ? "fr" : "en", $"tt{9000000 + i}", $"/poster{i}.jpg")).ToList();

    public async Task InitializeAsync() => _tmdb = await FakeTmdbServer.StartAsync(Catalogue(53));

    public async Task DisposeAsync() => await _tmdb.DisposeAsync();

    private TmdbClient Client(Action<TmdbOptions>? more = null) => FakeTmdbClients.Create(_tmdb, more).Client;

    [Fact]
    public async Task Configuration_genres_and_a_movie_with_its_IMDb_id_are_read_with_an_api_key()
    {
        var client = Client();

        var images = await client.GetImagesAsync();
        var genres = await client.GetMovieGenresAsync();
        var movie = await client.GetMovieAsync(1003);

        Assert.Contains("w342", images.PosterSizes);
        Assert.EndsWith("/t/p/", images.BaseUrl.AbsoluteUri);
        Assert.Equal(19, genres.Count);
        Assert.Contains(new TmdbGenre(878, "Science Fiction"), genres);
        Assert.NotNull(movie);
        Assert.Equal(("Movie 3", "tt9000003", "/poster3.jpg"), (movie.Title, movie.ImdbId, movie.PosterPath));
        Assert.Equal(["Horror", "Thriller"], movie.Genres.Select(g => g.Name));
        Assert.All(_tmdb.Requests, r => Assert.Equal(_tmdb.ApiKey, r.Query["api_key"]));
        Assert.Equal("external_ids", _tmdb.Requests[^1].Query["append_to_response"]);
        Assert.Null(await client.GetMovieAsync(999_999));
    }

    [Fact]
    public async Task A_read_token_goes_in_the_authorization_header_and_the_key_stays_out_of_the_address()
    {
        var client = Client(o => { o.ApiKey = null; o.ReadToken = _tmdb.ReadToken; });

        Assert.Equal(19, (await client.GetMovieGenresAsync()).Count);

        var request = Assert.Single(_tmdb.Requests);
        Assert.Equal($"Bearer {_tmdb.ReadToken}", request.Authorization);
        Assert.False(request.Query.ContainsKey("api_key"));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_at_once_with_TMDBs_message()
    {
        var client = Client(o => o.ApiKey = "wrong");

        var error = await Assert.ThrowsAsync<TmdbException>(() => client.GetMovieGenresAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("Invalid API key", error.Message);
        Assert.Single(_tmdb.Requests); // 401 is not retried
        Assert.Contains("No TMDB credentials", (await Assert.ThrowsAsync<TmdbException>(() => Client(o => o.ApiKey = null).GetMovieGenresAsync())).Message);
    }

    [Fact]
    public async Task Discover_pages_through_a_release_window_in_date_order()
    {
        var client = Client();
        var query = new DiscoverQuery(Start.AddDays(10), Start.AddDays(60));
        var seen = new List<TmdbMovieSummary>();

        var first = await client.DiscoverMoviesAsync(query, 1);
        seen.AddRange(first.Results);
        for (var page = 2; page <= first.TotalPages; page++)
        {
            seen.AddRange((await client.DiscoverMoviesAsync(query, page)).Results);
        }

        var expected = _tmdb.Movies.Where(m => m.ReleaseDate >= Start.AddDays(10) && m.ReleaseDate <= Start.AddDays(60)).ToList();
        Assert.Equal(expected.Count, first.TotalResults);
        Assert.Equal(expected.Select(m => m.Id).Order(), seen.Select(m => m.Id).Order());
        Assert.Equal(seen.OrderBy(m => m.ReleaseDate, StringComparer.Ordinal).Select(m => m.Id), seen.Select(m => m.Id));
        Assert.Equal("2024-01-11", _tmdb.Requests[0].Query["primary_release_date.gte"]);
        Assert.Equal("primary_release_date.asc", _tmdb.Requests[0].Query["sort_by"]);
        Assert.Equal("false", _tmdb.Requests[0].Query["include_adult"]);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_it_asks_for()
    {
        _tmdb.Faults(r => r.Number == 1 ? FakeTmdbFault.TooManyRequests(retryAfterSeconds: 1) : null);
        var client = Client();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(19, (await client.GetMovieGenresAsync()).Count);

        Assert.Equal(2, _tmdb.Requests.Count);
        // Behaviour, not speed: the retry must not come before the second the server asked for (its back-off alone is 5 ms).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Server_errors_are_retried_and_malformed_json_is_a_clear_error()
    {
        _tmdb.Faults(r => r.Number <= 2 ? FakeTmdbFault.ServerError(r.Number == 1 ? 500 : 503) : null);
        var client = Client();

        Assert.NotNull(await client.GetMovieAsync(1001));
        Assert.Equal(3, _tmdb.Requests.Count);

        _tmdb.Faults(_ => FakeTmdbFault.MalformedJson());
        var error = await Assert.ThrowsAsync<TmdbException>(() => client.DiscoverMoviesAsync(new DiscoverQuery(), 1));
        Assert.Contains("/discover/movie with malformed JSON", error.Message);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_trips_the_breaker_and_requests_stop_reaching_it()
    {
        _tmdb.Faults(_ => FakeTmdbFault.ServerError());
        var client = Client(o => { o.MaxRetries = 3; o.BreakDuration = TimeSpan.FromSeconds(30); });
        var errors = new List<TmdbException>();

        for (var i = 0; i < 6; i++)
        {
            errors.Add(await Assert.ThrowsAsync<TmdbException>(() => client.GetMovieGenresAsync()));
        }

        Assert.Contains(errors, e => e.Message.Contains("requests pause for a while", StringComparison.Ordinal));
        var reached = _tmdb.Requests.Count;
        await Assert.ThrowsAsync<TmdbException>(() => client.GetMovieGenresAsync());
        Assert.Equal(reached, _tmdb.Requests.Count);
        Assert.True(reached < 6 * 4, $"{reached} attempts reached the server");
    }

    [Fact]
    public async Task The_client_keeps_to_its_rate_retries_included()
    {
        var client = Client(o => o.RequestsPerSecond = 4);

        await Task.WhenAll(Enumerable.Range(1, 16).Select(i => client.GetMovieAsync(1000 + i)));

        var times = ArrivalTimes();
        Assert.Equal(16, times.Count);
        // A bucket of 4 refilled 4 a second: at most 8 requests in any one second (the full bucket and one refill).
        var busiest = times.Max(t => times.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)));
        Assert.InRange(busiest, 1, 8);
    }

    [Fact]
    public async Task Posters_download_within_the_size_limit_and_nothing_else_is_fetched()
    {
        _tmdb.Image("/poster7.jpg", new byte[3000]);
        var client = Client();
        var images = await client.GetImagesAsync();

        Assert.Equal(3000, (await client.DownloadPosterAsync(images, "/poster7.jpg", "w342", maxBytes: 5000)).Length);
        Assert.Contains("at most 2,000", (await Assert.ThrowsAsync<TmdbException>(() => client.DownloadPosterAsync(images, "/poster7.jpg", "w342", 2000))).Message);
        var before = _tmdb.Requests.Count;
        Assert.Contains("not a TMDB image path", (await Assert.ThrowsAsync<TmdbException>(() => client.DownloadPosterAsync(images, "/../../etc/passwd", "w342", 5000))).Message);
        Assert.Contains("not a TMDB image size", (await Assert.ThrowsAsync<TmdbException>(() => client.DownloadPosterAsync(images, "/poster7.jpg", "x/../y", 5000))).Message);
        Assert.Equal(before, _tmdb.Requests.Count);
    }

    [Fact]
    public async Task Changes_are_read_per_window_of_at_most_fourteen_days()
    {
        _tmdb.Changes([(1001, Start.AddDays(2)), (1002, Start.AddDays(20)), (1001, Start.AddDays(3))]);
        var client = Client();

        var changes = await client.GetMovieChangesAsync(Start, Start.AddDays(14), 1);

        Assert.Equal([1001], changes.Results.Select(c => c.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetMovieChangesAsync(Start, Start.AddDays(15), 1));
    }

    private List<TimeSpan> ArrivalTimes() => _tmdb.RequestTimes.Select(t => t - _tmdb.RequestTimes[0]).ToList();
}
