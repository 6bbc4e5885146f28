using System.Text.Json;
using GenreBlazor.Core.Data;
using GenreBlazor.Testing.Tmdb;

namespace GenreBlazor.Cli.Tests;

/// <summary><c>ingest</c> as a user runs it, against a fake TMDB on 127.0.0.1: killed part-way, run again, then trained on.</summary>
public sealed class IngestCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("life-ingest-cli-").FullName;
    private FakeTmdbServer _tmdb = null!;

    public async Task InitializeAsync() => _tmdb = await FakeTmdbServer.StartAsync(FakeTmdbCatalogue.Learnable(150));

    public async Task DisposeAsync()
    {
        await _tmdb.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Ingest(params string[] more) =>
    [
        "ingest", "--base-url", _tmdb.BaseUrl.AbsoluteUri, "--api-key", _tmdb.ApiKey, "--out", Path.Combine(_folder, "export"),
        "--store", Path.Combine(_folder, "store.db"), "--no-posters", .. more,
    ];

    [Fact]
    public async Task An_ingest_killed_part_way_resumes_to_exactly_the_fakes_movies_and_train_accepts_the_export()
    {
        // The first 429 must be waited out; page 5 never answers the first time, and the process is killed while it waits.
        _tmdb.Faults(r => r.Number == 2 ? FakeTmdbFault.TooManyRequests(1)
            : r.Path == "/3/discover/movie" && r.Query.GetValueOrDefault("page") == "5" && !_tmdb.Requests.Any(o => o.Number < r.Number && o.Query.GetValueOrDefault("page") == "5")
                ? FakeTmdbFault.Stall(TimeSpan.FromMinutes(3)) : null);
        using (var killed = CliRunner.Start(Ingest()))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!_tmdb.Requests.Any(r => r.Query.GetValueOrDefault("page") == "5") && !killed.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(100);
            }
            if (killed.HasExited)
            {
                Assert.Fail("The ingest ended before it could be killed: " + await killed.StandardError.ReadToEndAsync());
            }
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }
        Assert.Equal(80, DetailRequests().Distinct().Count()); // four pages, then killed waiting for the fifth

        var resumed = CliRunner.Run(Ingest("--json"));

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        using var report = JsonDocument.Parse(resumed.Output);
        Assert.True(report.RootElement.GetProperty("resumed").GetBoolean());
        Assert.Equal(70, report.RootElement.GetProperty("handled").GetInt32());
        Assert.Equal(150, report.RootElement.GetProperty("snapshot").GetProperty("rows").GetInt32());
        var details = DetailRequests();
        Assert.Equal((151, 150), (details.Count, details.Distinct().Count())); // each movie fetched once, but the one throttled with a 429
        var movies = Path.Combine(_folder, "export", "movies.csv");
        var exported = MovieCsvReader.Read(movies, strict: true).Movies;
        Assert.Equal(_tmdb.Movies.Select(m => $"tmdb-{m.Id}").Order(), exported.Select(m => m.Id).Order());
        Assert.Equal(_tmdb.Movies.Single(m => m.Id == 5042).ImdbId, exported.Single(m => m.Id == "tmdb-5042").ImdbId);

        var train = CliRunner.Run("train", "--data", movies, "--out", Path.Combine(_folder, "bundle"), "--no-embeddings", "--version", "ingested");

        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        Assert.Contains("Read 150 movies", train.Output);
        Assert.True(File.Exists(Path.Combine(_folder, "bundle", "manifest.json")));
    }

    private List<string> DetailRequests() => _tmdb.Requests.Where(r => r.Path.StartsWith("/3/movie/", StringComparison.Ordinal)).Select(r => r.Path).ToList();

    [Fact]
    public void A_wrong_key_fails_with_TMDBs_message_and_a_bad_date_is_refused_before_anything_runs()
    {
        var wrong = CliRunner.Run("ingest", "--base-url", _tmdb.BaseUrl.AbsoluteUri, "--api-key", "wrong", "--out", Path.Combine(_folder, "x"),
            "--store", Path.Combine(_folder, "store.db"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Invalid API key", wrong.Error);

        var date = CliRunner.Run(Ingest("--since", "31/01/2024"));
        Assert.Equal(2, date.ExitCode);
        Assert.Contains("not a date", date.Error);
    }
}
