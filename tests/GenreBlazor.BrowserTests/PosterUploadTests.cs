using GenreBlazor.Tests;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>Choosing a poster on the Classify page: the browser resizes it, the server scores it, plot and poster fuse.</summary>
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

    [Fact]
    public async Task A_chosen_poster_is_scored_alone_then_fused_with_a_plot()
    {
        var page = await fixture.OpenAsync();
        var poster = Write("night.png", TestImages.Png(300, 450, (x, y) => ((byte)(20 + x % 30), (byte)(10 + y % 20), 40)));
        await page.GetByTestId("poster-file").SetInputFilesAsync(poster);
        await Assertions.Expect(page.GetByTestId("poster-name")).ToHaveTextAsync("night.png");
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("poster model alone");
        Assert.Equal(19, await page.Locator("li.genre-line").CountAsync());
        Assert.StartsWith("blob:", await page.GetByTestId("poster-preview").GetAttributeAsync("src"));

        // the occlusion map: 6 × 4 cells drawn over the poster for the chosen genre
        await page.GetByTestId("occlusion-compute").ClickAsync();
        var map = page.GetByTestId("occlusion-map");
        await Assertions.Expect(map.Locator("rect")).ToHaveCountAsync(24, new() { Timeout = 30_000 });
        var drops = await map.Locator("rect").EvaluateAllAsync<double[]>("els => els.map(e => parseFloat(e.dataset.drop))");
        Assert.Contains(drops, d => d != 0);
        Assert.StartsWith("data:image/png;base64,", await page.GetByTestId("poster-evidence").Locator("img").GetAttributeAsync("src"));

        await page.GetByTestId("plot-input").FillAsync("A family moves into a haunted house where a ghost terrorises their children at night.");
        await page.GetByTestId("classify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("fusion of the plot and the poster");
        var comparison = page.GetByTestId("model-comparison");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "poster.png"), FullPage = true });
        await Assertions.Expect(comparison.Locator("th[data-model]")).ToHaveCountAsync(3);
        Assert.Equal(19, await comparison.Locator("tbody tr").CountAsync());

        await page.GetByTestId("poster-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided-by")).ToContainTextAsync("plot model");
        await Assertions.Expect(page.GetByTestId("model-comparison")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Files_the_browser_cannot_read_get_a_clear_message_and_nothing_else_changes()
    {
        var page = await fixture.OpenAsync();
        await page.GetByTestId("poster-file").SetInputFilesAsync(Write("fake.jpg", "<html><body>not a poster</body></html>"u8.ToArray()));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("fake.jpg is not an image this browser can read");
        await page.GetByTestId("poster-file").SetInputFilesAsync(Write("empty.png", []));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("empty.png is empty");
        // an 8,000 × 8,000 PNG of a few hundred kilobytes: refused from its size before the model-size decode
        await page.GetByTestId("poster-file").SetInputFilesAsync(Write("bomb.png", TestImages.BlackPng(8000, 8000)));
        await Assertions.Expect(page.GetByTestId("poster-error")).ToContainTextAsync("bomb.png is 8000×8000 pixels; the limit is 40 megapixels.");
        await Assertions.Expect(page.Locator("li.genre-line")).ToHaveCountAsync(0);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
    }
}
