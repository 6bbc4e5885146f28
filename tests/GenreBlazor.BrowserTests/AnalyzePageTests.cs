using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The Analyze workspace in a real browser: live matrices, and a visitor's own profiles deciding their own Classify page.</summary>
public sealed class AnalyzePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>The committed bundle's scored test movies, read independently of the app.</summary>
    private static TestPredictions Predictions()
    {
        var json = File.ReadAllText(Path.Combine(Tests.SharedData.CommittedBundle, "test-predictions.json"));
        return JsonSerializer.Deserialize<TestPredictions>(json, ModelBundle.Json)!;
    }

    private static Task ExpectCellAsync(ILocator matrix, string cell, int count) =>
        Assertions.Expect(matrix.Locator($"td[data-cell={cell}] .cell-count")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task Moving_a_genres_slider_changes_its_matrix_to_the_independently_computed_counts()
    {
        var page = await fixture.OpenAsync("analyze");
        await page.Locator("[data-testid=matrix-card][data-genre=Western]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail")).ToHaveAttributeAsync("data-genre", "Western");

        var western = GenreCatalog.IndexOf("Western");
        var items = Predictions().Items;
        var detail = page.Locator("[data-testid=detail] table.confusion");
        await page.GetByTestId("show-errors").ClickAsync();
        foreach (var threshold in new[] { 0.3f, 0.05f, 0.6f })
        {
            // a range input's value is normalised by the browser ("0.300" reads back as "0.3"), so fill the short form
            await page.GetByTestId("genre-threshold").FillAsync(threshold.ToString("0.###", CultureInfo.InvariantCulture));
            await Assertions.Expect(page.GetByTestId("genre-threshold-value")).ToHaveTextAsync(threshold.ToString("0.000", CultureInfo.InvariantCulture));
            var truePositives = items.Count(m => m.Scores[western] >= threshold && m.Genres.Contains("Western"));
            var falsePositives = items.Count(m => m.Scores[western] >= threshold && !m.Genres.Contains("Western"));
            var falseNegatives = items.Count(m => m.Scores[western] < threshold && m.Genres.Contains("Western"));
            // Expectations retry until the page's render batch has arrived, however fast or slow the machine.
            await ExpectCellAsync(detail, "tp", truePositives);
            await ExpectCellAsync(detail, "fp", falsePositives);
            await ExpectCellAsync(detail, "fn", falseNegatives);
            await ExpectCellAsync(detail, "tn", items.Count - truePositives - falsePositives - falseNegatives);
            // the small card in the grid agrees with the big matrix
            await ExpectCellAsync(page.Locator("[data-testid=matrix-card][data-genre=Western] table.confusion"), "tp", truePositives);
            // the error browsers hold the same movies, ten to a page
            await Assertions.Expect(page.GetByTestId("errors-fp").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(Math.Min(falsePositives, 10));
            await Assertions.Expect(page.GetByTestId("errors-fn").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(Math.Min(falseNegatives, 10));
        }
    }

    [Fact]
    public async Task One_threshold_for_all_moves_the_global_figures()
    {
        var page = await fixture.OpenAsync("analyze");
        var before = await page.GetByTestId("global-average").TextContentAsync();
        await page.GetByTestId("one-for-all").FillAsync("0.9");
        await page.GetByTestId("apply-one-for-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("global-average")).Not.ToHaveTextAsync(before!);
        var items = Predictions().Items;
        var predicted = items.Sum(m => m.Scores.Count(s => s >= 0.9f)) / (double)items.Count;
        await Assertions.Expect(page.GetByTestId("global-average")).ToHaveTextAsync(predicted.ToString("0.00", CultureInfo.InvariantCulture));
        await page.GetByTestId("reset-tuned").ClickAsync();
        await Assertions.Expect(page.GetByTestId("global-average")).ToHaveTextAsync(before!);
    }

    [Fact]
    public async Task A_visitors_saved_profile_stays_in_their_browser_decides_their_classify_page_and_nobody_elses()
    {
        var page = await fixture.OpenAsync("analyze");
        await page.GetByTestId("one-for-all").FillAsync("0.99");
        await page.GetByTestId("apply-one-for-all").ClickAsync();
        await page.GetByTestId("save-profile").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Profile name").FillAsync("near certain");
        await page.GetByTestId("save-profile-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved 'near certain' to my profiles (this browser).");
        var mine = page.GetByTestId("own-profiles").Locator("tbody tr", new() { Has = page.Locator("[data-profile='near certain']") });
        await mine.GetByTestId("use-own-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("classify-choice")).ToContainTextAsync("my profile 'near certain'");
        // Server-wide changes are not offered to a visitor.
        Assert.Equal(0, await page.GetByTestId("activate-profile").CountAsync());
        Assert.Equal(0, await page.GetByTestId("activate-tuned").CountAsync());

        // Kept in this browser (encrypted local storage): a reload still has it.
        await page.ReloadAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("classify-choice")).ToContainTextAsync("my profile 'near certain'");
        var stored = await page.EvaluateAsync<string>("() => Object.values(localStorage).join(' ')");
        Assert.DoesNotContain("near certain", stored);

        const string Plot = "A young couple falls in love during a summer in Paris.";
        await page.GotoAsync(fixture.App.BaseUrl + "/");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("plot-input").FillAsync(Plot);
        await page.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("classify-profile")).ToContainTextAsync("your profile 'near certain'");
        var probabilities = await page.Locator("li.genre-line").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.probability))");
        await Assertions.Expect(page.Locator("[data-testid=predicted-set] .chip")).ToHaveCountAsync(probabilities.Count(p => p >= 0.99));

        // Another visitor (a fresh browser context) and the API still decide with the server's thresholds.
        var other = await fixture.OpenAsync();
        await other.GetByTestId("plot-input").FillAsync(Plot);
        await other.GetByTestId("classify").ClickAsync();
        await other.Locator("li.genre-line").First.WaitForAsync();
        await Assertions.Expect(other.GetByTestId("classify-profile")).Not.ToContainTextAsync("near certain");
        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var answer = await (await http.PostAsJsonAsync("/api/predict", new { plot = Plot })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("thresholdProfile").ValueKind);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/profiles")).GetProperty("profiles").EnumerateArray());
    }

    [Fact]
    public async Task Importing_an_invalid_profile_says_why_and_keeps_the_workspace()
    {
        var page = await fixture.OpenAsync("analyze");
        var file = Path.Combine(fixture.ProfilesFolder, "..", $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"name\":\"bad\",\"thresholds\":{\"Cooking\":0.5}}");
        try
        {
            var before = await page.GetByTestId("global-micro").TextContentAsync();
            await BrowserFixture.FileInputReadyAsync(page, "import-profile");
            await page.GetByTestId("import-profile").SetInputFilesAsync(file);
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("unknown genre(s) 'Cooking'");
            Assert.Equal(before, await page.GetByTestId("global-micro").TextContentAsync());
            Assert.Equal(0, await page.Locator("[data-profile=bad]").CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
