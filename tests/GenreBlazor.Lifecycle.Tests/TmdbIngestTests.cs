using GenreBlazor.Core.Data;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Tests;
using GenreBlazor.Testing.Tmdb;
using GenreBlazor.Tests;
using GenreBlazor.Tmdb;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Lifecycle.Tests;

/// <summary>The ingest against a fake TMDB on 127.0.0.1 that pages, throttles, fails and sends broken JSON, on both stores.</summary>
public sealed class TmdbIngestTests(Stores stores) : IClassFixture<Stores>, IAsyncLifetime
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    private readonly string _folder = Directory.CreateTempSubdirectory("life-ingest-").FullName;
    private readonly List<ServiceProvider> _services = [];
    private FakeTmdbServer _tmdb = null!;
    private IReadOnlyList<FakeTmdbMovie> _learnable = null!;

    public async Task InitializeAsync()
    {
        _learnable = FakeTmdbCatalogue.Learnable(50);
        var first = _learnable[0];
        var last = _learnable[^1].ReleaseDate;
        var odd = new List<FakeTmdbMovie>
        {
            new(9001, first.Title, "Another story under the very same title and year, which the shared data keeps once.", first.ReleaseDate, [18]),
            new(9002, "Copy", first.Overview, last.AddDays(1), [18]),
            new(9003, "Short", "Too short.", last.AddDays(2), [18]),
            new(9004, "No genre", "A long enough overview of a movie that lists no genre at all on TMDB.", last.AddDays(3), []),
            new(9005, "Marked up", "<p>A <b>marked-up</b> overview&nbsp;with\n line breaks, long enough to keep.</p>", last.AddDays(4), [35], ImdbId: "tt9900005"),
        };
        var movies = _learnable.Select((m, i) => i switch
        {
            < 5 => m with { PosterPath = $"/p{i}.png" },
            5 => m with { PosterPath = "/broken.jpg" },
            6 => m with { PosterPath = "/missing.jpg" },
            _ => m,
        }).Concat(odd).ToList();
        _tmdb = await FakeTmdbServer.StartAsync(movies);
        for (var i = 0; i < 5; i++)
        {
            _tmdb.Image($"/p{i}.png", TestImages.Png(30, 45, (x, y) => ((byte)(x * 8), (byte)(y * 5), (byte)(i * 40))));
        }
        _tmdb.Image("/broken.jpg", "this is not an image"u8.ToArray());
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _services)
        {
            await provider.DisposeAsync();
        }
        await _tmdb.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private TmdbClient Client()
    {
        var (services, client) = FakeTmdbClients.Create(_tmdb, o => o.RequestsPerSecond = 200);
        _services.Add(services);
        return client;
    }

    private IEnumerable<int> ExpectedIds => _learnable.Select(m => m.Id).Append(9005);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_movie_arrives_once_through_429s_5xx_and_broken_JSON_cleaned_and_exported_with_its_snapshot(StoreProvider provider)
    {
        var firstOf = new HashSet<string>();
        _tmdb.Faults(request =>
        {
            var key = request.Path + "?" + request.Query.GetValueOrDefault("page");
            lock (firstOf)
            {
                return request.Number == 2 ? FakeTmdbFault.TooManyRequests(1)
                    : key == "/3/discover/movie?2" && firstOf.Add(key) ? FakeTmdbFault.ServerError()
                    : request.Path == $"/3/movie/{_learnable[30].Id}" && firstOf.Add(request.Path) ? FakeTmdbFault.MalformedJson()
                    : null;
            }
        });
        await using var store = await stores.OpenAsync(provider, IngestStore.Schema);
        var ingest = new TmdbIngest(Client(), new IngestStore(store));

        var run = await ingest.RunAsync(new IngestRequest(_folder));

        var movies = MovieCsvReader.Read(Path.Combine(_folder, DatasetExport.MoviesFile), strict: true);
        Assert.Equal(ExpectedIds.Select(id => $"tmdb-{id}").Order(), movies.Movies.Select(m => m.Id).Order());
        var marked = movies.Movies.Single(m => m.Id == "tmdb-9005");
        Assert.Equal("A marked-up overview with line breaks, long enough to keep.", marked.Overview);
        Assert.Equal("tt9900005", marked.ImdbId);
        var snapshot = run.Snapshot;
        Assert.Equal((51, movies.Fingerprint), (snapshot.Rows, snapshot.Fingerprint));
        Assert.Equal(new Dictionary<string, int>
        {
            [MovieCleaning.Reasons.DuplicateTitleYear] = 1,
            [MovieCleaning.Reasons.DuplicateOverview] = 1,
            [MovieCleaning.Reasons.ShortOverview] = 1,
            [MovieCleaning.Reasons.NoGenres] = 1,
            [IngestStore.PosterProblem] = 2,
        }, snapshot.Dropped);
        Assert.Equal(movies.Movies.Count(m => m.Language == "fr"), snapshot.Languages["fr"]);
        Assert.Equal(snapshot.Rows, snapshot.Languages.Values.Sum());
        Assert.Equal(1, snapshot.Genres["Comedy"]);
        Assert.Equal(_learnable.Count(m => m.GenreIds[0] == 27), snapshot.Genres["Horror"]);
        var posters = PosterCsvReader.Read(Path.Combine(_folder, DatasetExport.PostersFile), strict: true);
        Assert.Equal(5, snapshot.Posters);
        Assert.Equal(_learnable.Take(5).Select(m => m.ImdbId).Order(), posters.Posters.Select(p => p.ImdbId).Order());
        Assert.All(posters.Posters, p => Assert.True(File.Exists(p.File), p.File));
        var stored = Assert.Single(await new IngestStore(store).SnapshotsAsync());
        Assert.Equal((snapshot.Id, snapshot.Rows, snapshot.Posters, snapshot.Fingerprint), (stored.Id, stored.Rows, stored.Posters, stored.Fingerprint));
        Assert.Equal(snapshot.Genres, stored.Genres);
        Assert.Equal(snapshot.Languages, stored.Languages);
        Assert.Equal(snapshot.Dropped, stored.Dropped);
        Assert.Equal(2, _tmdb.Requests.Count(r => r.Path == "/3/discover/movie" && r.Query["page"] == "2")); // the 500 was retried once
        Assert.Equal(2, _tmdb.Requests.Count(r => r.Path == $"/3/movie/{_learnable[30].Id}")); // the broken JSON too
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_run_cancelled_part_way_resumes_from_its_cursor_and_ends_with_every_movie_once(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, IngestStore.Schema);
        using var stop = new CancellationTokenSource();
        var first = new TmdbIngest(Client(), new IngestStore(store));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(new IngestRequest(_folder, Posters: false),
            new Inline(p => { if (p.Seen == 27) { stop.Cancel(); } }), stop.Token));

        var cursor = await new IngestStore(store).CursorAsync(new IngestRequest(_folder).CursorName);
        Assert.Equal((27, 2, 7, false), (cursor.Seen, cursor.Page, cursor.Index, cursor.Complete));
        var before = DetailRequests();

        var second = await new TmdbIngest(Client(), new IngestStore(store)).RunAsync(new IngestRequest(_folder, Posters: false));

        Assert.True(second.Resumed);
        Assert.Equal(55 - 27, second.Handled);
        var again = DetailRequests().Skip(before.Count).ToList();
        Assert.Empty(again.Intersect(before)); // nothing fetched twice: it continued, not restarted
        Assert.Equal(55, before.Count + again.Count);
        var movies = MovieCsvReader.Read(Path.Combine(_folder, DatasetExport.MoviesFile), strict: true).Movies;
        Assert.Equal(ExpectedIds.Select(id => $"tmdb-{id}").Order(), movies.Select(m => m.Id).Order());
        Assert.False(File.Exists(Path.Combine(_folder, "posters")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_limited_run_stops_at_its_limit_and_a_second_complete_run_upserts_instead_of_duplicating(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, IngestStore.Schema);
        var limited = await new TmdbIngest(Client(), new IngestStore(store)).RunAsync(new IngestRequest(_folder, MaxMovies: 12, Posters: false));
        Assert.Equal((12, 11), (limited.Handled, limited.Snapshot.Rows)); // the 12th is a title + year duplicate, dropped at export

        var full = await new TmdbIngest(Client(), new IngestStore(store)).RunAsync(new IngestRequest(_folder, Posters: false));
        var again = await new TmdbIngest(Client(), new IngestStore(store)).RunAsync(new IngestRequest(_folder, Posters: false));

        Assert.False(full.Resumed);
        Assert.Equal((51, 51), (full.Snapshot.Rows, again.Snapshot.Rows));
        Assert.Equal(full.Snapshot.Fingerprint, again.Snapshot.Fingerprint);
        Assert.Equal(3, (await new IngestStore(store).SnapshotsAsync()).Count);
    }

    private List<string> DetailRequests() =>
        _tmdb.Requests.Where(r => r.Path.StartsWith("/3/movie/", StringComparison.Ordinal)).Select(r => r.Path).ToList();

    // Reports on the ingest's own thread, so the cancel lands exactly after the movie it names.
    private sealed class Inline(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
