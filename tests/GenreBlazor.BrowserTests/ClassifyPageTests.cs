using System.Globalization;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The Classify page driven by a real browser against the app served by Kestrel on 127.0.0.1.</summary>
public sealed class ClassifyPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SpacePlot =
        "Stranded on a derelict spaceship drifting past Jupiter, an astronaut and a damaged robot must repair the reactor before the alien parasite aboard wakes up.";

    private static async Task<IReadOnlyList<string>> PredictedAsync(IPage page) =>
        await page.Locator("[data-testid=predicted-set] .chip").AllTextContentsAsync();

    private static async Task ClassifyAsync(IPage page, string plot)
    {
        await page.GetByTestId("plot-input").FillAsync(plot);
        await page.GetByTestId("classify").ClickAsync();
        await page.Locator("li.genre-line").First.WaitForAsync();
    }

    [Fact]
    public async Task Type_a_plot_classify_and_see_every_genre_with_the_top3_and_the_predicted_set()
    {
        var page = await fixture.OpenAsync();
        await ClassifyAsync(page, SpacePlot);

        Assert.Equal(19, await page.Locator("li.genre-line").CountAsync());
        var top = await page.Locator("li.top").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.genre)");
        Assert.Equal(3, top.Length);
        Assert.Equal("Science Fiction", top[0]);
        Assert.Equal("Top 1", await page.Locator("li.top-1 .rank-badge").TextContentAsync());
        var predicted = await PredictedAsync(page);
        Assert.Contains("Science Fiction", predicted);
        var probabilities = await page.Locator("li.genre-line").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.probability))");
        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
        Assert.Equal(SpacePlot, await page.GetByTestId("shown-plot").TextContentAsync());

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "classify.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("GENREBLAZOR_UPDATE_SCREENSHOTS") == "1")
        {
            // The README's picture comes from here: GENREBLAZOR_UPDATE_SCREENSHOTS=1 dotnet test …
            File.Copy(Path.Combine("screenshots", "classify.png"), Path.Combine(Tests.SharedData.RepositoryRoot, "docs", "images", "classify.png"), overwrite: true);
        }
    }

    [Fact]
    public async Task Moving_the_threshold_slider_changes_the_predicted_set_live()
    {
        var page = await fixture.OpenAsync();
        await ClassifyAsync(page, SpacePlot);
        var tuned = await PredictedAsync(page);

        await page.GetByTestId("mode-global").CheckAsync();
        // the slider is re-rendered with the global range (0…1) before it is filled
        await Assertions.Expect(page.GetByTestId("threshold-slider")).ToHaveAttributeAsync("min", "0");
        await page.GetByTestId("threshold-slider").FillAsync("0.95");
        await Assertions.Expect(page.GetByTestId("threshold-value")).ToHaveTextAsync("0.95");
        var strict = await PredictedAsync(page);
        var probabilities = await page.Locator("li.genre-line").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.probability))");
        Assert.Equal(probabilities.Count(p => p >= 0.95), strict.Count);

        await page.GetByTestId("threshold-slider").FillAsync("0.02");
        await Assertions.Expect(page.GetByTestId("threshold-value")).ToHaveTextAsync("0.02");
        var loose = await PredictedAsync(page);
        Assert.Equal(probabilities.Count(p => p >= 0.02), loose.Count);
        Assert.True(loose.Count > strict.Count);

        await page.GetByTestId("threshold-reset").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mode-shift")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("threshold-slider")).ToHaveAttributeAsync("min", "-0.5");
        Assert.Equal(tuned, await PredictedAsync(page));

        // Shifting the tuned thresholds up by 0.5 leaves only near-certain genres.
        await page.GetByTestId("threshold-slider").FillAsync("0.5");
        await Assertions.Expect(page.GetByTestId("threshold-value")).ToHaveTextAsync("+0.50");
        Assert.True((await PredictedAsync(page)).Count <= tuned.Count);
    }

    [Fact]
    public async Task Ctrl_Enter_classifies_and_the_character_count_follows_the_text()
    {
        var page = await fixture.OpenAsync();
        var input = page.GetByTestId("plot-input");
        await input.FillAsync("A lonely cowboy drifts into a lawless frontier town.");
        await Assertions.Expect(page.GetByTestId("plot-count")).ToContainTextAsync("52 / 5,000 characters");
        await input.PressAsync("Control+Enter");
        await page.Locator("li.genre-line").First.WaitForAsync();
        Assert.Equal("Western", await page.Locator("li.top-1").GetAttributeAsync("data-genre"));
    }

    [Fact]
    public async Task Empty_plots_are_refused_and_markup_in_a_plot_stays_text()
    {
        var page = await fixture.OpenAsync();
        await page.GetByTestId("plot-input").FillAsync("   ");
        await page.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("The plot is empty");

        const string hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> A thief plans one last heist.";
        await ClassifyAsync(page, hostile);
        Assert.Equal(hostile, await page.GetByTestId("shown-plot").TextContentAsync());
        Assert.Equal(0, await page.Locator(".shown-plot img, .shown-plot script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        await Assertions.Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_limit_is_enforced_and_shown_when_a_huge_text_is_pasted()
    {
        var page = await fixture.OpenAsync();
        var huge = string.Concat(Enumerable.Repeat("A detective investigates. ", 40_000)); // about 1 MB
        await page.GetByTestId("plot-input").FillAsync(huge);
        await Assertions.Expect(page.GetByTestId("plot-count")).ToContainTextAsync("5,000 / 5,000 characters — limit reached");
        await page.GetByTestId("classify").ClickAsync();
        await page.Locator("li.genre-line").First.WaitForAsync();
        Assert.Equal(5000, (await page.GetByTestId("shown-plot").TextContentAsync())!.Length);
    }

    [Fact]
    public async Task Fifty_rapid_clicks_and_a_second_tab_leave_both_circuits_up()
    {
        var first = await fixture.OpenAsync();
        var second = await fixture.OpenAsync();
        await first.GetByTestId("plot-input").FillAsync(SpacePlot);
        await second.GetByTestId("plot-input").FillAsync("A lonely cowboy drifts into a lawless frontier town and faces the outlaw gang.");
        var button = first.GetByTestId("classify");
        for (var i = 0; i < 50; i++)
        {
            await button.ClickAsync(new() { Delay = 0 });
        }
        // Whether the page's quota (30 at once, 10 more every 10 s) refuses the end of the burst depends on how fast
        // the clicks come; CircuitQuotaTests shows the refusal with a quota that does not refill.
        await second.GetByTestId("classify").ClickAsync();
        await first.Locator("li.genre-line").First.WaitForAsync();
        await second.Locator("li.genre-line").First.WaitForAsync();
        Assert.Equal("Science Fiction", await first.Locator("li.top-1").GetAttributeAsync("data-genre"));
        Assert.Equal("Western", await second.Locator("li.top-1").GetAttributeAsync("data-genre"));
        await Assertions.Expect(second.GetByTestId("error")).ToHaveCountAsync(0);
        Assert.False(await first.Locator("#blazor-error-ui").IsVisibleAsync());
        Assert.False(await second.Locator("#blazor-error-ui").IsVisibleAsync());
        // Still interactive after the burst: Clear spends no quota and empties the page.
        await first.GetByTestId("clear").ClickAsync();
        await Assertions.Expect(first.Locator("li.genre-line")).ToHaveCountAsync(0);
        await Assertions.Expect(first.GetByTestId("shown-plot")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task At_phone_width_the_results_stack_below_the_input()
    {
        var page = await fixture.OpenAsync(width: 390, height: 844);
        await ClassifyAsync(page, SpacePlot);
        var input = (await page.Locator(".plot-input").BoundingBoxAsync())!;
        var results = (await page.Locator(".plot-results").BoundingBoxAsync())!;
        Assert.True(results.Y >= input.Y + input.Height, $"results at y={results.Y}, input ends at {input.Y + input.Height}");
        Assert.True(input.Width <= 390);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth} px wide at 390");
    }

    [Fact]
    public async Task Keyboard_reaches_the_plot_and_focus_is_visible()
    {
        var page = await fixture.OpenAsync();
        // After navigation focus rests on the page heading (for screen readers); the next Tab is the plot.
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("plot-input")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("A lonely cowboy drifts into a lawless frontier town.");
        // every keystroke is kept (the server's echo of the text never overwrites newer typing), and reaches the server
        await Assertions.Expect(page.GetByTestId("plot-input")).ToHaveValueAsync("A lonely cowboy drifts into a lawless frontier town.");
        await Assertions.Expect(page.GetByTestId("plot-count")).ToContainTextAsync("52 / 5,000 characters");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("li.top-1")).ToHaveAttributeAsync("data-genre", "Western");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        Assert.Equal("Plot summary", await page.EvaluateAsync<string>("() => document.activeElement.labels[0].textContent"));
    }

    [Fact]
    public async Task The_model_page_shows_version_figures_and_the_tmdb_credit()
    {
        var page = await fixture.OpenAsync("model");
        Assert.False(string.IsNullOrWhiteSpace(await page.GetByTestId("model-version").TextContentAsync()));
        var micro = double.Parse((await page.GetByTestId("micro-f1").TextContentAsync())!, CultureInfo.InvariantCulture);
        Assert.InRange(micro, 0.5, 1.0);
        await Assertions.Expect(page.GetByTestId("tmdb-credit")).ToHaveTextAsync("This product uses the TMDB API but is not endorsed or certified by TMDB.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Classify", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Which genres is this movie?");
    }

    [Fact]
    public async Task The_theme_switch_turns_the_page_dark_and_the_choice_survives_a_reload()
    {
        var page = await fixture.OpenAsync(theme: "light");
        var main = page.Locator("main#main");
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "light");
        var lightBackground = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.NotEqual(lightBackground, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));

        await page.ReloadAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // The cookie lets the server prerender the dark theme: the page never flashes light.
        await Assertions.Expect(main).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "genreblazor-theme" && c.Value == "dark");
    }

    [Fact]
    public async Task A_first_visit_follows_the_browsers_colour_scheme()
    {
        var page = await fixture.OpenAsync(colorScheme: ColorScheme.Dark);
        await Assertions.Expect(page.Locator("main#main")).ToHaveAttributeAsync("data-theme", "dark");
        var light = await fixture.OpenAsync(colorScheme: ColorScheme.Light);
        await Assertions.Expect(light.Locator("main#main")).ToHaveAttributeAsync("data-theme", "light");
    }
}
