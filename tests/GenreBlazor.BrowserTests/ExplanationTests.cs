using GenreBlazor.Testing.Bedrock;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// The app as its own process with Bedrock pointed at a fake Bedrock Runtime on 127.0.0.1 (started here), and a
/// headless chromium. The fake answers like a model that reads its prompt; plots about cowboys get a 500 instead.
/// </summary>
public sealed class BedrockBrowserFixture : BrowserFixture
{
    public FakeBedrockServer Bedrock { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string>> AppSettingsAsync()
    {
        Bedrock = await FakeBedrockServer.StartAsync((request, _) => FakeModel.PlotBlock(request).Contains("cowboy", StringComparison.OrdinalIgnoreCase)
            ? FakeReply.AwsError(500, "InternalServerException", "The model is having a bad day.")
            : FakeModel.Says(FakeModel.GroundedAnswer(request), inputTokens: 512, outputTokens: 64));
        return new Dictionary<string, string>(FakeAwsEnvironment.Variables)
        {
            ["Bedrock__Enabled"] = "true",
            ["Bedrock__Endpoint"] = Bedrock.Endpoint.ToString(),
            ["Bedrock__ModelId"] = "anthropic.claude-3-haiku-20240307-v1:0",
            // No test here waits for the timeout; a loaded machine (four helpers on two cores) must not reach it either.
            ["Bedrock__Timeout"] = "00:00:15",
        };
    }

    protected override async Task StopServicesAsync()
    {
        if (Bedrock is not null)
        {
            await Bedrock.DisposeAsync();
        }
    }
}

/// <summary>"Why these genres?" on the Classify page, and the usage panel on the Model page, in a real browser.</summary>
public sealed class ExplanationTests(BedrockBrowserFixture fixture) : IClassFixture<BedrockBrowserFixture>
{
    private const string SpacePlot =
        "Stranded on a derelict spaceship drifting past Jupiter, an astronaut and a damaged robot must repair the reactor before the alien parasite aboard wakes up.";

    private const string WesternPlot = "A lonely cowboy drifts into a lawless frontier town and faces the outlaw gang that killed his brother.";

    private static async Task ClassifyAsync(IPage page, string plot)
    {
        await page.GetByTestId("plot-input").FillAsync(plot);
        await page.GetByTestId("classify").ClickAsync();
        await page.Locator("li.genre-line").First.WaitForAsync();
    }

    [Fact]
    public async Task Classify_and_see_Bedrocks_explanation_its_source_and_the_highlighted_evidence()
    {
        var page = await fixture.OpenAsync();
        await ClassifyAsync(page, SpacePlot);

        var text = page.GetByTestId("explanation-text");
        await Assertions.Expect(text).ToContainTextAsync("The classifier chose Science Fiction", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("explanation-source")).ToHaveAttributeAsync("data-source", "bedrock");
        await Assertions.Expect(page.GetByTestId("source-badge")).ToHaveTextAsync("Written by Amazon Bedrock");
        await Assertions.Expect(page.GetByTestId("explanation-source")).ToContainTextAsync("anthropic.claude-3-haiku-20240307-v1:0");
        Assert.Contains(fixture.Bedrock.Requests, r => FakeModel.PlotBlock(r) == SpacePlot);

        // The evidence: the plot as written, the most probable genre's words highlighted, numbers on keyboard focus.
        var plot = page.GetByTestId("evidence-plot");
        await Assertions.Expect(plot).ToHaveAttributeAsync("data-genre", "Science Fiction");
        Assert.Equal(SpacePlot, await plot.TextContentAsync());
        Assert.True(await plot.Locator("mark.ev.up").CountAsync() > 0);
        var first = plot.Locator("mark.ev").First;
        await page.GetByTestId("evidence-genre").FocusAsync();
        await page.Keyboard.PressAsync("Tab"); // from the genre chooser the keyboard reaches the first highlighted word
        await Assertions.Expect(first).ToBeFocusedAsync();
        var tip = await first.EvaluateAsync<string>("e => getComputedStyle(e, '::after').content");
        Assert.Contains("for Science Fiction", tip);
        Assert.Equal(await first.GetAttributeAsync("data-tip"), tip[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)); // CSS quotes the string

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "explanation.png"), FullPage = true });

        // Choosing another genre moves the highlights and the lists.
        await page.GetByTestId("evidence-genre").SelectOptionAsync("10"); // Horror's label index
        await Assertions.Expect(plot).ToHaveAttributeAsync("data-genre", "Horror");
        await Assertions.Expect(page.Locator("#evidence-up-heading")).ToHaveTextAsync("Pushed Horror up");
    }

    [Fact]
    public async Task Moving_the_threshold_explains_the_new_genres_once_the_slider_rests()
    {
        var page = await fixture.OpenAsync();
        const string plot = SpacePlot + " The crew never sleeps.";
        await ClassifyAsync(page, plot);
        var text = page.GetByTestId("explanation-text");
        await Assertions.Expect(text).ToContainTextAsync("The classifier chose Science Fiction and ", new() { Timeout = 15_000 });

        await page.GetByTestId("mode-global").CheckAsync();
        await Assertions.Expect(page.GetByTestId("threshold-slider")).ToHaveAttributeAsync("max", "1");
        await page.GetByTestId("threshold-slider").FillAsync("0.97");

        // Only Science Fiction is left; once the slider rests the explanation is asked for again and names it alone.
        await Assertions.Expect(text).ToContainTextAsync("The classifier chose Science Fiction mainly because", new() { Timeout = 15_000 });
        Assert.Equal(["Science Fiction"], FakeModel.PredictedGenres(fixture.Bedrock.Requests.Last(r => FakeModel.PlotBlock(r) == plot)));
    }

    [Fact]
    public async Task When_Bedrock_fails_the_local_explanation_appears_and_says_why()
    {
        var page = await fixture.OpenAsync();
        await ClassifyAsync(page, WesternPlot);

        await Assertions.Expect(page.GetByTestId("explanation-source")).ToHaveAttributeAsync("data-source", "local", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("source-badge")).ToHaveTextAsync("Written by the local explainer");
        await Assertions.Expect(page.GetByTestId("fallback-reason")).ToContainTextAsync("InternalServerException (500)");
        await Assertions.Expect(page.GetByTestId("explanation-text")).ToContainTextAsync("The model predicts Western");
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());

        var model = await fixture.OpenAsync("model");
        var calls = int.Parse((await model.GetByTestId("usage-calls").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(calls >= 1);
        Assert.True(int.Parse((await model.GetByTestId("usage-fallbacks").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }
}
