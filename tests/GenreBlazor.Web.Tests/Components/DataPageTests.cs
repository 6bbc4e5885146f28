using System.Net;
using System.Text.Json;
using Bunit;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Lifecycle.Tests;
using GenreBlazor.Web.Components.Pages.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Data page and <c>/api/data/snapshots</c> over a running app whose store holds two snapshots with known counts, and a small CSV.</summary>
public sealed class DataPageTests : ComponentContext, IClassFixture<DataPageTests.DataApp>
{
    private readonly DataApp app;

    public DataPageTests(DataApp app)
    {
        this.app = app;
        UseAppServices(app.Services);
    }

    /// <summary>An app with the two known snapshots in its store and <c>Data:CsvPath</c> naming a three-movie CSV.</summary>
    public sealed class DataApp : IAsyncLifetime
    {
        private readonly GenreBlazorFactory factory = new();
        private readonly string folder = Directory.CreateTempSubdirectory("data-page-").FullName;
        private WebApplicationFactory<Program> configured = null!;

        public IServiceProvider Services => configured.Services;

        public DatasetSnapshot First { get; private set; } = null!;

        public DatasetSnapshot Second { get; private set; } = null!;

        public HttpClient CreateClient() => configured.CreateClient();

        public async Task InitializeAsync()
        {
            var csv = Path.Combine(folder, "movies.csv");
            await File.WriteAllTextAsync(csv, "id,title,year,genres,overview,language,tmdb_id,imdb_id\n" +
                "m-1,One,2001,Western,\"A lone rider crosses the desert to settle an old debt.\",en,1,\n" +
                "m-2,Two,2002,Western|War,\"Two brothers ride to war on opposite sides.\",es,2,\n" +
                "m-3,Three,2003,War,\"A platoon holds a bridge for three days.\",es,3,\n");
            configured = factory.WithWebHostBuilder(b => b.UseSetting("Data:CsvPath", csv));
            (First, Second) = await KnownSnapshots.WriteAsync(configured.Services.GetRequiredService<IngestStore>(), Path.Combine(folder, "export"));
        }

        public async Task DisposeAsync()
        {
            await configured.DisposeAsync();
            await factory.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_newest_snapshot_shows_its_genre_counts_and_what_changed_since_the_first()
    {
        var page = Render<DataPage>();
        page.WaitForAssertion(() => Assert.Equal(app.Second.Id, page.Find("[data-testid=data-report]").GetAttribute("data-source")));
        Assert.Equal("4", page.Find("[data-testid=data-rows]").TextContent);
        var counts = page.Find("[data-testid=genre-counts] + details").TextContent;
        Assert.Contains("Drama: 2", counts);
        Assert.Contains("Action: 1", counts);
        Assert.Contains("Comedy: 1", counts);
        Assert.Contains("Rows added: 1, removed: 1, changed: 1", page.Find("[data-testid=row-changes]").TextContent);
        var genres = page.FindAll("[data-testid=genre-deltas] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(["Action+1", "Comedy−1"], genres);
        Assert.Equal(["en+1", "fr−1"], page.FindAll("[data-testid=language-deltas] tbody tr").Select(r => r.TextContent));
        Assert.NotNull(page.Find("[data-testid=ingest-action]"));

        await page.Find("[data-testid=data-source]").ChangeAsync(app.First.Id);
        page.WaitForAssertion(() => Assert.Equal(app.First.Id, page.Find("[data-testid=data-report]").GetAttribute("data-source")));
        Assert.Empty(page.FindAll("[data-testid=changes]"));
        Assert.Contains("1 genre: 2", page.Find("[data-testid=genres-per-movie] + details").TextContent);
        Assert.Contains("median 200", page.Find("[data-testid=overview-lengths]").TextContent);
    }

    [Fact]
    public async Task The_configured_CSV_and_the_bundle_summary_are_data_sets_too()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/data?set=csv");
        var page = Render<DataPage>();
        page.WaitForAssertion(() => Assert.Equal("csv", page.Find("[data-testid=data-report]").GetAttribute("data-source")));
        Assert.Contains("War: 2", page.Find("[data-testid=genre-counts] + details").TextContent);
        Assert.Contains("es: 2", page.Find("[data-testid=languages] + details").TextContent);

        await page.Find("[data-testid=data-source]").ChangeAsync("training");
        page.WaitForAssertion(() => Assert.Equal("training", page.Find("[data-testid=data-report]").GetAttribute("data-source")));
        Assert.Contains("14,851", page.Find("[data-testid=data-rows]").TextContent);
        Assert.Contains("genre counts and pairs", page.Find("[data-testid=data-note]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=genres-per-movie]"));
    }

    [Fact]
    public async Task The_API_lists_the_data_sets_and_answers_a_snapshot_s_statistics()
    {
        var client = app.CreateClient();
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/data/snapshots"));
        var ids = list.RootElement.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("id").GetString(), s.GetProperty("kind").GetString())).ToList();
        Assert.Equal([(app.Second.Id, "Snapshot"), (app.First.Id, "Snapshot"), ("csv", "Csv"), ("training", "Training")], ids);

        using var second = JsonDocument.Parse(await client.GetStringAsync($"/api/data/snapshots/{app.Second.Id}"));
        var profile = second.RootElement.GetProperty("profile");
        Assert.Equal(1, profile.GetProperty("genres").GetProperty("Action").GetInt32());
        Assert.Equal(4, profile.GetProperty("genresPerMovie").GetArrayLength());
        var changes = second.RootElement.GetProperty("changes");
        Assert.Equal(1, changes.GetProperty("added").GetInt32());
        Assert.Equal(-1, changes.GetProperty("genres").GetProperty("Comedy").GetInt32());

        var missing = await client.GetAsync("/api/data/snapshots/snap-nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
