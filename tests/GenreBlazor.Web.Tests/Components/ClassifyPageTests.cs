using System.Globalization;
using Bunit;
using GenreBlazor.Web.Components.Pages.Classify;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Classify page in-process on the app's own services (the committed bundle), driven as a visitor would.</summary>
public sealed class ClassifyPageTests : ComponentContext, IClassFixture<GenreBlazorFactory>
{
    private const string SpacePlot =
        "Stranded on a derelict spaceship drifting past Jupiter, an astronaut and a damaged robot must repair the reactor before the alien parasite aboard wakes up.";

    private readonly GenreBlazorFactory app;

    public ClassifyPageTests(GenreBlazorFactory app)
    {
        this.app = app;
        UseAppServices(app.Services);
    }

    private static string[] Predicted(IRenderedComponent<ClassifyPage> page) =>
        [.. page.FindAll("[data-testid=predicted-set] .chip").Select(c => c.TextContent)];

    private static double[] Probabilities(IRenderedComponent<ClassifyPage> page) =>
        [.. page.FindAll("li.genre-line").Select(l => double.Parse(l.GetAttribute("data-probability")!, CultureInfo.InvariantCulture))];

    private static async Task ClassifyAsync(IRenderedComponent<ClassifyPage> page, string plot)
    {
        await page.Find("textarea#plot").InputAsync(plot);
        await page.Find("button[data-testid=classify]").ClickAsync();
        // The page may render again when "Movies like this" answers off the render thread: wait for this click's result.
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=error]").Count > 0
            || page.FindAll("[data-testid=shown-plot]").Any(shown => shown.TextContent == plot)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_threshold_slider_moves_the_predicted_set()
    {
        var page = Render<ClassifyPage>();
        await ClassifyAsync(page, SpacePlot);
        Assert.Equal(19, page.FindAll("li.genre-line").Count);
        Assert.Equal("Science Fiction", page.Find("li.top-1").GetAttribute("data-genre"));
        var tuned = Predicted(page);
        Assert.Contains("Science Fiction", tuned);
        var probabilities = Probabilities(page);

        await page.Find("[data-testid=mode-global]").ChangeAsync(true);
        await page.Find("[data-testid=threshold-slider]").InputAsync("0.95");
        // The page may render again once "Movies like this" arrives off the render thread: each read waits for it to settle.
        page.WaitForAssertion(() => Assert.Equal("0.95", page.Find("[data-testid=threshold-value]").TextContent), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal(probabilities.Count(p => p >= 0.95), Predicted(page).Length), TimeSpan.FromSeconds(10));
        var strict = Predicted(page);

        await page.Find("[data-testid=threshold-slider]").InputAsync("0.02");
        page.WaitForAssertion(() => Assert.Equal(probabilities.Count(p => p >= 0.02), Predicted(page).Length), TimeSpan.FromSeconds(10));
        var loose = Predicted(page);
        Assert.True(loose.Length > strict.Length);
        Assert.All(page.FindAll("li.genre-line"), line => Assert.Equal(
            double.Parse(line.GetAttribute("data-probability")!, CultureInfo.InvariantCulture) >= 0.02 ? "true" : "false", line.GetAttribute("data-predicted")));

        await page.Find("button[data-testid=threshold-reset]").ClickAsync();
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=mode-shift]").HasAttribute("checked")), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal(tuned, Predicted(page)), TimeSpan.FromSeconds(10));
        Assert.Equal(probabilities, Probabilities(page)); // a slider move decides again; the model does not run again
    }

    [Fact]
    public async Task An_empty_plot_is_refused_with_a_message_and_the_previous_result_stays()
    {
        var page = Render<ClassifyPage>();
        await ClassifyAsync(page, "A lonely cowboy drifts into a lawless frontier town.");
        Assert.Equal("Western", page.Find("li.top-1").GetAttribute("data-genre"));

        await ClassifyAsync(page, "   ");
        page.WaitForAssertion(() => Assert.Contains("The plot is empty", page.Find("[data-testid=error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("Western", page.Find("li.top-1").GetAttribute("data-genre"));
        Assert.Equal("A lonely cowboy drifts into a lawless frontier town.", page.Find("[data-testid=shown-plot]").TextContent);
    }
}
