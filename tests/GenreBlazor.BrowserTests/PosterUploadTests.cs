using GenreBlazor.Tests;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// Choosing or dropping a poster on the Classify page: the file streams to the server through the real file input,
/// the server decodes and scores it, plot and poster fuse; refused files say why and change nothing else.
/// </summary>
public sealed class PosterUploadTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-upload-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The Classify page with its poster input hooked up.</summary>
    private async Task<IPage> OpenAsync()
    {
        var page = await fixture.OpenAsync();
        await BrowserFixture.FileInputReadyAsync(page, "poster-file");
        return page;
    }

    // The first poster of an app process also warms the poster model up: on a busy machine that takes a while.
    private static readonly LocatorAssertionsToHaveTextOptions FirstPoster = new() { Timeout = 30_000 };

    private string NightPoster() => Write("night.png", TestImages.Png(300, 450, (x, y) => ((byte)(20 + x % 30), (byte)(10 + y % 20), 40)));

    [Fact]
    public async Task A_chosen_poster_is_scored_alone_then_fused_with_a_plot()
    {
        var page = await OpenAsync();
        await page.GetByTestId("poster-file").SetInputFilesAsync(NightPoster());
        await Assertions.Expect(page.GetByTestId("poster-name")).ToHaveTextAsync("night.png", FirstPoster);
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("poster model alone");
        Assert.Equal(19, await page.Locator("li.genre-line").CountAsync());
        // the preview is the server's decoded poster at the model's size
        Assert.StartsWith("data:image/png;base64,", await page.GetByTestId("poster-preview").GetAttributeAsync("src"));
        Assert.Equal(224, await page.GetByTestId("poster-preview").EvaluateAsync<int>("img => img.naturalWidth"));

        // the occlusion map: 6 × 4 cells drawn over the poster for the chosen genre
        await page.GetByTestId("occlusion-compute").ClickAsync();
        var map = page.GetByTestId("occlusion-map");
        await Assertions.Expect(map.Locator("rect")).ToHaveCountAsync(24, new() { Timeout = 30_000 });
        var drops = await map.Locator("rect").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.drop))");
        Assert.Contains(drops, d => d != 0);

        await page.GetByTestId("plot-input").FillAsync("A family moves into a haunted house where a ghost terrorises their children at night.");
        await page.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("fusion of the plot and the poster");
        var comparison = page.GetByTestId("model-comparison");
        await Assertions.Expect(comparison.Locator("th[data-model]")).ToHaveCountAsync(3);
        Assert.Equal(19, await comparison.Locator("tbody tr").CountAsync());
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "poster.png"), FullPage = true });

        // the model switch shows the poster model's own bars
        await page.GetByRole(AriaRole.Tab, new() { Name = "Poster model" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Poster model" })).ToHaveAttributeAsync("aria-selected", "true");
        var posterTop = await page.Locator("li.top-1").GetAttributeAsync("data-genre");
        var posterPercents = await comparison.Locator("tbody tr td[data-model=poster]").EvaluateAllAsync<double[]>(
            "cells => cells.map(c => parseFloat(c.textContent.replace('<', '')) || 0)");
        Assert.Equal(posterPercents.Max(), double.Parse((await comparison.Locator($"tbody tr[data-genre='{posterTop}'] td[data-model=poster]").TextContentAsync())!
            .Replace("✓", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal).Replace("<", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("poster-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("plot model");
        await Assertions.Expect(page.GetByTestId("model-comparison")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_poster_dropped_on_the_zone_is_used()
    {
        var page = await OpenAsync();
        var zone = (await page.GetByTestId("poster-drop").BoundingBoxAsync())!;
        // A real drop of a file from outside the page, through the browser's input pipeline (not a synthetic event).
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var data = new Dictionary<string, object> { ["items"] = Array.Empty<object>(), ["files"] = new[] { NightPoster() }, ["dragOperationsMask"] = 1 };
        foreach (var type in new[] { "dragEnter", "dragOver", "drop" })
        {
            await cdp.SendAsync("Input.dispatchDragEvent", new Dictionary<string, object>
            {
                ["type"] = type,
                ["x"] = zone.X + zone.Width / 2,
                ["y"] = zone.Y + zone.Height / 2,
                ["data"] = data,
            });
        }
        await Assertions.Expect(page.GetByTestId("poster-name")).ToHaveTextAsync("night.png", FirstPoster);
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("poster model alone");
    }

    [Fact]
    public async Task Refused_files_get_a_clear_message_and_the_previous_poster_and_result_stay()
    {
        var page = await OpenAsync();
        var input = page.GetByTestId("poster-file");
        await input.SetInputFilesAsync(NightPoster());
        await Assertions.Expect(page.GetByTestId("poster-name")).ToHaveTextAsync("night.png", FirstPoster);
        var before = await page.Locator("li.genre-line").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.genre + e.dataset.probability)");

        await input.SetInputFilesAsync(Write("fake.jpg", "<html><body>not a poster</body></html>"u8.ToArray()));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("fake.jpg was not used: it is not a JPEG or PNG image");
        await input.SetInputFilesAsync(Write("empty.png", []));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("empty.png is empty (0 bytes).");
        var png = TestImages.Png(300, 450, (x, y) => ((byte)x, (byte)y, 90));
        await input.SetInputFilesAsync(Write("cut.png", png[..(png.Length / 2)]));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("cut.png was not used");
        // an 8,000 × 8,000 PNG of a few hundred kilobytes: refused from its header, before any pixel is decoded
        await input.SetInputFilesAsync(Write("bomb.png", TestImages.BlackPng(8000, 8000)));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("bomb.png was not used");
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("megapixels");

        await Assertions.Expect(page.GetByTestId("poster-name")).ToHaveTextAsync("night.png");
        Assert.Equal(before, await page.Locator("li.genre-line").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.genre + e.dataset.probability)"));
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
    }

    [Fact]
    public async Task A_poster_over_the_size_limit_is_refused_before_it_is_sent()
    {
        var page = await OpenAsync();
        var big = new byte[21 * 1024 * 1024];
        TestImages.Png(8, 8, (_, _) => (1, 2, 3)).CopyTo(big, 0);
        await page.GetByTestId("poster-file").SetInputFilesAsync(Write("huge.png", big));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("huge.png is 21 MB; the limit is 20 MB.");
        await Assertions.Expect(page.Locator("li.genre-line")).ToHaveCountAsync(0);
    }
}
