using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>Start-up refusal and the reconnect message: each needs an app of its own.</summary>
public sealed class AppLifecycleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-app-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_corrupt_bundle_stops_start_up_with_the_file_and_the_remedy()
    {
        var bundle = Path.Combine(folder, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var file in Directory.GetFiles(Tests.SharedData.CommittedBundle))
        {
            File.Copy(file, Path.Combine(bundle, Path.GetFileName(file)));
        }
        await using (var stream = File.OpenWrite(Path.Combine(bundle, "text-model.bin")))
        {
            stream.Position = 100;
            stream.WriteByte(0x42);
        }
        var (exitCode, output) = await WebAppProcess.RunToExitAsync(new Dictionary<string, string> { ["GenreModel__BundlePath"] = bundle }, TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        Assert.Contains("text-model.bin is corrupt or was changed", output);
        Assert.Contains("train --data", output);
        Assert.DoesNotContain("Now listening", output);

        var (missingExit, missingOutput) = await WebAppProcess.RunToExitAsync(new Dictionary<string, string> { ["GenreModel__BundlePath"] = Path.Combine(folder, "none") }, TimeSpan.FromSeconds(60));
        Assert.Equal(1, missingExit);
        Assert.Contains("manifest.json is missing", missingOutput);
    }

    [Fact]
    public async Task When_the_server_goes_away_the_page_says_so()
    {
        await using var app = await WebAppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl);
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await app.StopAsync();
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("connection to the server was lost");
    }
}
