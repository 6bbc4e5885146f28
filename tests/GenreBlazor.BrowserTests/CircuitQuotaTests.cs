using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The app with a per-page quota of three classifications and two explanations that do not refill within a test.</summary>
public sealed class QuotaFixture : BrowserFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> AppSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Limits__CircuitClassify__TokenLimit"] = "3",
            ["Limits__CircuitClassify__TokensPerPeriod"] = "1",
            ["Limits__CircuitClassify__Period"] = "01:00:00",
            ["Limits__CircuitExplain__TokenLimit"] = "2",
            ["Limits__CircuitExplain__TokensPerPeriod"] = "1",
            ["Limits__CircuitExplain__Period"] = "01:00:00",
        });
}

/// <summary>
/// A page's (circuit's) own quota: past it the page says how long to wait and keeps what it showed; another tab of
/// the same browser has a quota of its own.
/// </summary>
public sealed class CircuitQuotaTests(QuotaFixture fixture) : IClassFixture<QuotaFixture>
{
    private const string SpacePlot = "An astronaut and a damaged robot must repair the reactor before the alien parasite aboard wakes up.";
    private const string WesternPlot = "A lonely cowboy drifts into a lawless frontier town and faces the outlaw gang.";

    [Fact]
    public async Task The_fourth_classification_is_refused_in_words_the_shown_result_stays_and_another_tab_is_served()
    {
        var first = await fixture.OpenAsync();
        await first.GetByTestId("plot-input").FillAsync(SpacePlot);
        for (var i = 0; i < 3; i++)
        {
            await first.GetByTestId("classify").ClickAsync();
            await first.Locator("li.genre-line").First.WaitForAsync();
            await Assertions.Expect(first.GetByTestId("error")).ToHaveCountAsync(0);
        }

        await first.GetByTestId("plot-input").FillAsync(WesternPlot);
        await first.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(first.GetByTestId("error")).ToContainTextAsync("many classifications in a short time; please wait");
        // The refused one changed nothing: the last result shown is still the space plot's.
        Assert.Equal("Science Fiction", await first.Locator("li.top-1").GetAttributeAsync("data-genre"));
        Assert.Equal(SpacePlot, await first.GetByTestId("shown-plot").TextContentAsync());

        var second = await fixture.OpenAsync();
        await second.GetByTestId("plot-input").FillAsync(WesternPlot);
        await second.GetByTestId("classify").ClickAsync();
        await second.Locator("li.genre-line").First.WaitForAsync();
        Assert.Equal("Western", await second.Locator("li.top-1").GetAttributeAsync("data-genre"));
        await Assertions.Expect(second.GetByTestId("error")).ToHaveCountAsync(0);
        Assert.False(await first.Locator("#blazor-error-ui").IsVisibleAsync());
    }

    [Fact]
    public async Task Fifty_rapid_clicks_classify_three_times_and_leave_the_circuit_up()
    {
        var page = await fixture.OpenAsync();
        await page.GetByTestId("plot-input").FillAsync(SpacePlot);
        for (var i = 0; i < 50; i++)
        {
            await page.GetByTestId("classify").ClickAsync(new() { Delay = 0 });
        }
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("please wait");
        Assert.Equal("Science Fiction", await page.Locator("li.top-1").GetAttributeAsync("data-genre"));
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        // Still interactive: Clear spends no quota.
        await page.GetByTestId("clear").ClickAsync();
        await Assertions.Expect(page.Locator("li.genre-line")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_third_explanation_waits_in_words_while_the_models_evidence_stays()
    {
        var page = await fixture.OpenAsync();
        string[] plots = [SpacePlot, WesternPlot, "A young woman falls in love with a shy baker during a rainy summer in Paris."];
        foreach (var plot in plots.Take(2))
        {
            await page.GetByTestId("plot-input").FillAsync(plot);
            await page.GetByTestId("classify").ClickAsync();
            await Assertions.Expect(page.GetByTestId("explanation-text")).ToBeVisibleAsync();
        }
        await page.GetByTestId("plot-input").FillAsync(plots[2]);
        await page.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explanation-wait")).ToContainTextAsync("many explanations in a short time; please wait");
        await Assertions.Expect(page.GetByTestId("explanation-text")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("evidence-plot")).ToBeVisibleAsync();
    }
}
