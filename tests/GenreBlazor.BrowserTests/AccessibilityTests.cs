using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// axe-core's scan of every page in both themes, in a real browser on the live circuit: every violation is printed,
/// and any serious or critical one fails the test.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Plot =
        "Stranded on a derelict spaceship drifting past Jupiter, an astronaut and a damaged robot must repair the reactor before the alien parasite aboard wakes up.";

    public static TheoryData<string, string> Pages() => new()
    {
        { "classify", "light" }, { "classify", "dark" },
        { "classify-results", "light" }, { "classify-results", "dark" },
        { "analyze", "light" }, { "analyze", "dark" },
        { "model", "light" }, { "model", "dark" },
        { "operations", "light" }, { "operations", "dark" },
        { "models", "light" }, { "models", "dark" },
        { "movie", "light" }, { "movie", "dark" },
        { "discover-results", "light" }, { "discover-results", "dark" },
        { "picks", "light" }, { "picks", "dark" },
        { "themes", "light" }, { "themes", "dark" },
        { "data", "light" }, { "data", "dark" },
        { "not-found", "light" }, { "not-found", "dark" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_violations(string name, string theme)
    {
        // Light comes from the theme cookie; dark from the browser's prefers-color-scheme on a first visit (no cookie).
        var page = await fixture.OpenAsync(name switch
        {
            "analyze" => "analyze",
            "model" => "model",
            "operations" => "operations",
            "models" => "models",
            "movie" => "movies/tmdb-278",
            "discover-results" => "discover",
            "picks" => "picks",
            "themes" => "themes",
            "data" => "data",
            "not-found" => "no-such-page",
            _ => "",
        }, theme: theme == "light" ? "light" : null, colorScheme: theme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await Assertions.Expect(page.Locator("main#main")).ToHaveAttributeAsync("data-theme", theme);
        if (name == "analyze")
        {
            // The error lists are drawn on demand; the scan covers them too.
            await page.GetByTestId("show-errors").ClickAsync();
            await page.GetByTestId("errors-fp").WaitForAsync();
        }
        if (name == "classify-results")
        {
            await page.GetByTestId("plot-input").FillAsync(Plot);
            await page.GetByTestId("classify").ClickAsync();
            await Assertions.Expect(page.GetByTestId("explanation-text")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("found-movie")).ToHaveCountAsync(10, new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("similar-theme")).ToBeVisibleAsync();
        }
        if (name == "themes")
        {
            await Assertions.Expect(page.GetByTestId("theme")).Not.ToHaveCountAsync(0);
        }
        if (name == "discover-results")
        {
            await page.GetByTestId("search-query").FillAsync("a heist in space");
            await page.GetByTestId("search-run").ClickAsync();
            await page.GetByTestId("discover-request").FillAsync("a thriller like Heat from the 90s");
            await page.GetByTestId("discover-run").ClickAsync();
            await Assertions.Expect(page.GetByTestId("found-movie")).ToHaveCountAsync(20, new() { Timeout = 60_000 });
        }
        if (name == "movie")
        {
            await Assertions.Expect(page.GetByTestId("found-movie")).ToHaveCountAsync(10, new() { Timeout = 60_000 });
        }
        if (name == "data")
        {
            // Scanned with the counts as text open too.
            await page.GetByTestId("data-report").WaitForAsync();
            foreach (var details in await page.Locator("details.counts-as-text").AllAsync())
            {
                await details.Locator("summary").ClickAsync();
            }
        }
        if (name == "picks")
        {
            // Scanned with a like, its picks and persona shown, and search results open.
            await PicksPageTests.LikeAsync(page, "Heat");
            await Assertions.Expect(page.GetByTestId("persona")).ToBeVisibleAsync();
        }

        await AssertAccessibleAsync(page, name, theme, output);
    }

    /// <summary>Scans the page as it is now; prints every violation and fails on a serious or critical one.</summary>
    internal static async Task AssertAccessibleAsync(IPage page, string name, string theme, ITestOutputHelper output)
    {
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", $"{name}-{theme}.png"), FullPage = true });

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });

        var report = Describe(result.Violations);
        output.WriteLine($"{name}, {theme}: {result.Violations.Length} violation(s), {result.Violations.Sum(v => v.Nodes.Length)} node(s)");
        output.WriteLine(report);
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "axe-report.txt"),
            $"== {name}, {theme}: {result.Violations.Length} violation(s), {result.Violations.Sum(v => v.Nodes.Length)} node(s)\n{report}\n");
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{name} ({theme}) has serious or critical accessibility violations:\n{Describe(blocking)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"  [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.Nodes.Length} node(s))");
            foreach (var node in violation.Nodes.Take(12))
            {
                text.AppendLine($"    {node.Target}: {node.Html[..Math.Min(node.Html.Length, 160)]}");
            }
        }
        return text.ToString();
    }
}
