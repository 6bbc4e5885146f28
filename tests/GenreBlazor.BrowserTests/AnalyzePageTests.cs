using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The Analyze workspace in a real browser: live matrices, profiles, and the Classify page deciding with the active profile.</summary>
public sealed class AnalyzePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>The committed bundle's scored test movies, read independently of the app.</summary>
    private static TestPredictions Predictions()
    {
        var json = File.ReadAllText(Path.Combine(Tests.SharedData.CommittedBundle, "test-predictions.json"));
        return JsonSerializer.Deserialize<TestPredictions>(json, ModelBundle.Json)!;
    }

    /// <summary>A profile's line in the profiles grid.</summary>
    private static ILocator Row(IPage page, string profile) =>
        page.Locator("tr.mud-table-row", new() { Has = page.Locator($"[data-profile='{profile}']") });

    private static async Task<int> CellAsync(ILocator matrix, string cell) =>
        int.Parse((await matrix.Locator($"td[data-cell={cell}] .cell-count").TextContentAsync())!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Moving_a_genres_slider_changes_its_matrix_to_the_independently_computed_counts()
    {
        var page = await fixture.OpenAsync("analyze");
        await page.Locator("[data-testid=matrix-card][data-genre=Western]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail")).ToHaveAttributeAsync("data-genre", "Western");

        var western = GenreCatalog.IndexOf("Western");
        var items = Predictions().Items;
        var detail = page.Locator("[data-testid=detail] table.confusion");
        foreach (var threshold in new[] { 0.3f, 0.05f, 0.6f })
        {
            // a range input's value is normalised by the browser ("0.300" reads back as "0.3"), so fill the short form
            await page.GetByTestId("genre-threshold").FillAsync(threshold.ToString("0.###", CultureInfo.InvariantCulture));
            await Assertions.Expect(page.GetByTestId("genre-threshold-value")).ToHaveTextAsync(threshold.ToString("0.000", CultureInfo.InvariantCulture));
            var truePositives = items.Count(m => m.Scores[western] >= threshold && m.Genres.Contains("Western"));
            var falsePositives = items.Count(m => m.Scores[western] >= threshold && !m.Genres.Contains("Western"));
            var falseNegatives = items.Count(m => m.Scores[western] < threshold && m.Genres.Contains("Western"));
            Assert.Equal(truePositives, await CellAsync(detail, "tp"));
            Assert.Equal(falsePositives, await CellAsync(detail, "fp"));
            Assert.Equal(falseNegatives, await CellAsync(detail, "fn"));
            Assert.Equal(items.Count - truePositives - falsePositives - falseNegatives, await CellAsync(detail, "tn"));
            // the small card in the grid agrees with the big matrix
            Assert.Equal(truePositives, await CellAsync(page.Locator("[data-testid=matrix-card][data-genre=Western] table.confusion"), "tp"));
            // the error browsers hold the same movies, ten to a page
            Assert.Equal(Math.Min(falsePositives, 10), await page.GetByTestId("errors-fp").Locator("tbody tr.mud-table-row").CountAsync());
            Assert.Equal(Math.Min(falseNegatives, 10), await page.GetByTestId("errors-fn").Locator("tbody tr.mud-table-row").CountAsync());
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
    public async Task A_saved_active_profile_survives_a_reload_and_decides_on_the_Classify_page_and_in_the_API()
    {
        var page = await fixture.OpenAsync("analyze");
        await page.GetByTestId("one-for-all").FillAsync("0.99");
        await page.GetByTestId("apply-one-for-all").ClickAsync();
        await page.GetByTestId("save-profile").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Profile name").FillAsync("near certain");
        await page.GetByTestId("save-profile-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved 'near certain'.");
        await Row(page, "near certain").GetByTestId("activate-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("active-profile")).ToHaveTextAsync("near certain");

        await page.ReloadAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("active-profile")).ToHaveTextAsync("near certain");
        await Assertions.Expect(page.GetByTestId("workspace-source")).ToHaveTextAsync("from profile 'near certain'");

        var classify = await fixture.OpenAsync();
        await classify.GetByTestId("plot-input").FillAsync("A young couple falls in love during a summer in Paris.");
        await classify.GetByTestId("classify").ClickAsync();
        await classify.Locator("li.genre-line").First.WaitForAsync();
        await Assertions.Expect(classify.GetByTestId("classify-profile")).ToContainTextAsync("near certain");
        var probabilities = await classify.Locator("li.genre-line").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.probability))");
        var predicted = await classify.Locator("[data-testid=predicted-set] .chip").CountAsync();
        Assert.Equal(probabilities.Count(p => p >= 0.99), predicted);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var answer = await (await http.PostAsJsonAsync("/api/predict", new { plot = "A young couple falls in love during a summer in Paris." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("near certain", answer.GetProperty("thresholdProfile").GetString());
        Assert.All(answer.GetProperty("genres").EnumerateArray(), g => Assert.Equal(0.99, g.GetProperty("threshold").GetDouble(), 3));

        var export = await http.GetStringAsync("/api/profiles/near%20certain?download=true");
        Assert.Contains("\"name\": \"near certain\"", export);

        // back to the tuned thresholds, for the other tests of this class
        await page.GetByTestId("activate-tuned").ClickAsync();
        await Assertions.Expect(page.GetByTestId("active-profile")).ToHaveTextAsync("tuned thresholds");
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
