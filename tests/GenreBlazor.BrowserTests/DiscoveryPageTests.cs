using GenreBlazor.Tests;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The app with the committed catalog DNA, and the plots of the shared movies CSV for movie pages.</summary>
public sealed class DiscoveryFixture : BrowserFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> AppSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Discovery__MoviesPath"] = Tests.SharedData.Movies,
        });
}

/// <summary>"Movies like this" on Classify and a movie's page, in a real browser against the committed catalog.</summary>
public sealed class DiscoveryPageTests(DiscoveryFixture fixture) : IClassFixture<DiscoveryFixture>
{
    private const string HeistPlot =
        "A crew of professional thieves plans to rob a casino vault in Las Vegas, but a detective is closing in and one of them may be an informant.";

    // The committed DNA loads in the background after the app starts; the first panel may wait for it.
    private static readonly LocatorAssertionsToHaveCountOptions LoadWait = new() { Timeout = 60_000 };

    [Fact]
    public async Task Classify_a_plot_see_ten_similar_movies_and_open_one()
    {
        var page = await fixture.OpenAsync();
        await page.GetByTestId("plot-input").FillAsync(HeistPlot);
        await page.GetByTestId("classify").ClickAsync();
        await page.Locator("li.genre-line").First.WaitForAsync();

        var panel = page.GetByTestId("similar-panel");
        await Assertions.Expect(panel.GetByTestId("found-movie")).ToHaveCountAsync(10, LoadWait);
        var reasons = await panel.GetByTestId("found-reason").AllTextContentsAsync();
        Assert.All(reasons, r => Assert.Matches("(?i)plot|shares", r));
        Assert.Contains(await panel.GetByTestId("found-genres").AllTextContentsAsync(), g => g.Contains("Crime", StringComparison.Ordinal));

        var first = panel.GetByTestId("found-title").First;
        var title = (await first.TextContentAsync())!;
        await first.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/movies/"));
        await Assertions.Expect(page.GetByTestId("movie-title")).ToContainTextAsync(title, new() { Timeout = 30_000 });
        if (File.Exists(Tests.SharedData.Movies))
        {
            Assert.False(string.IsNullOrWhiteSpace(await page.GetByTestId("movie-overview").TextContentAsync()));
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("movie-overview-missing")).ToContainTextAsync("not on this server");
        }
        await Assertions.Expect(page.GetByTestId("found-movie")).ToHaveCountAsync(10);
        Assert.DoesNotContain(title, await page.GetByTestId("found-title").AllTextContentsAsync());

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "movie.png"), FullPage = true });
    }
}

/// <summary>
/// "Movies like this" for an uploaded poster: the Classify page passes the poster it classified to the panel, which
/// looks for movies by the poster model's backbone features as /api/similar's multipart form does.
/// </summary>
public sealed class PosterLikeThisTests(DiscoveryFixture fixture) : IClassFixture<DiscoveryFixture>, IDisposable
{
    private static readonly LocatorAssertionsToHaveCountOptions LoadWait = new() { Timeout = 60_000 };
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-themes-poster-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<ILocator> ClassifyPosterAsync(string path)
    {
        var page = await fixture.OpenAsync();
        await BrowserFixture.FileInputReadyAsync(page, "poster-file");
        await page.GetByTestId("poster-file").SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("poster model alone", new() { Timeout = 30_000 });
        var panel = page.GetByTestId("similar-panel");
        await Assertions.Expect(panel.GetByTestId("found-movie")).ToHaveCountAsync(10, LoadWait);
        return panel;
    }

    [Fact]
    public async Task A_poster_alone_finds_movies_like_it_by_its_look()
    {
        var path = Path.Combine(folder, "night.png");
        File.WriteAllBytes(path, TestImages.Png(300, 450, (x, y) => ((byte)(20 + x % 30), (byte)(10 + y % 20), 40)));
        var panel = await ClassifyPosterAsync(path);
        await Assertions.Expect(panel.Locator(".hint").First).ToContainTextAsync("the poster's look (the poster model's backbone features)");
        // No plot, so no theme.
        await Assertions.Expect(panel.GetByTestId("similar-theme")).ToHaveCountAsync(0);
    }

    // Terms of Endearment (1983), one of the catalog movies whose poster the DNA holds.
    private static string CatalogPoster => Path.Combine(SharedData.Folder, "posters", "tt0086425.jpg");

    private sealed class CatalogPosterFactAttribute : FactAttribute
    {
        public CatalogPosterFactAttribute()
        {
            if (!File.Exists(CatalogPoster))
            {
                Skip = $"{SharedData.OptionalResourceMarker} the shared poster {CatalogPoster} is absent.";
            }
        }
    }

    [CatalogPosterFact]
    public async Task A_catalog_movie_poster_finds_that_movie_because_its_poster_looks_alike()
    {
        var panel = await ClassifyPosterAsync(CatalogPoster);
        var movie = panel.GetByTestId("found-movie").Filter(new() { Has = panel.Page.GetByTestId("found-title").GetByText("Terms of Endearment", new() { Exact = true }) });
        await Assertions.Expect(movie).ToHaveCountAsync(1);
        await Assertions.Expect(movie.GetByTestId("found-reason")).ToContainTextAsync("poster looks alike");
    }
}

/// <summary>The Discover page in a real browser against the committed catalog, Bedrock off (the app's default).</summary>
public sealed class DiscoverPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions LoadWait = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_search_with_a_genre_filter_answers_only_that_genre()
    {
        var page = await fixture.OpenAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Discover" }).ClickAsync();
        await page.GetByTestId("search-query").FillAsync("a haunted house");
        await page.GetByTestId("search-genre").SelectOptionAsync("Comedy");
        await page.GetByTestId("search-year-from").FillAsync("1980");
        await page.GetByTestId("search-run").ClickAsync();

        var results = page.GetByTestId("found-movies");
        await Assertions.Expect(results.GetByTestId("found-movie")).ToHaveCountAsync(10, LoadWait);
        Assert.All(await results.GetByTestId("found-genres").AllTextContentsAsync(), g => Assert.Contains("Comedy", g.Split(" · ")));
        Assert.All(await results.Locator(".found-year").AllTextContentsAsync(), y => Assert.InRange(int.Parse(y.Trim('(', ')'), System.Globalization.CultureInfo.InvariantCulture), 1980, 2100));
        Assert.Contains(await results.GetByTestId("found-reason").AllTextContentsAsync(), r => r.StartsWith("Shares Comedy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_in_words_with_Bedrock_off_is_read_locally_and_names_its_seed()
    {
        var page = await fixture.OpenAsync("discover");
        await page.GetByTestId("discover-request").FillAsync("a thriller like Heat from the 90s");
        await page.GetByTestId("discover-run").ClickAsync();

        await Assertions.Expect(page.GetByTestId("discover-source")).ToHaveAttributeAsync("data-source", "local", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("discover-source")).ToContainTextAsync("Read by the local parser");
        await Assertions.Expect(page.GetByTestId("discover-seeds")).ToHaveTextAsync("Heat (1995)");
        await Assertions.Expect(page.GetByTestId("discover-genres")).ToHaveTextAsync("Thriller");
        await Assertions.Expect(page.GetByTestId("discover-years")).ToHaveTextAsync("1990–1999");

        var movies = page.GetByTestId("found-movie");
        await Assertions.Expect(movies).ToHaveCountAsync(10);
        Assert.All(await page.GetByTestId("found-genres").AllTextContentsAsync(), g => Assert.Contains("Thriller", g.Split(" · ")));
        Assert.All(await page.Locator(".found-year").AllTextContentsAsync(), y => Assert.InRange(int.Parse(y.Trim('(', ')'), System.Globalization.CultureInfo.InvariantCulture), 1990, 1999));
        Assert.DoesNotContain("Heat", await page.GetByTestId("found-title").AllTextContentsAsync());
        Assert.All(await page.GetByTestId("found-reason").AllTextContentsAsync(), r => Assert.Contains("to Heat", r));

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "discover.png"), FullPage = true });
    }
}
