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
