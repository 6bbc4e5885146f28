using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>One app process and one headless Debian chromium shared by a test class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    /// <summary>This app's own data folder (threshold profiles, usage counts), so test classes never see each other's state.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("genreblazor-browser-").FullName;

    /// <summary>This app's threshold-profile folder.</summary>
    public string ProfilesFolder => Path.Combine(Folder, "profiles");

    public WebAppProcess App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the browser is: Debian's chromium unless CHROMIUM_PATH says otherwise.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
        }
        var settings = new Dictionary<string, string>
        {
            ["Profiles__Directory"] = ProfilesFolder,
        };
        foreach (var (key, value) in await AppSettingsAsync())
        {
            settings[key] = value;
        }
        // Playwright's 5 s default for expectations is too short for a round trip through a circuit on a machine
        // whose two cores are shared with builds (seen at load averages of 40); a real failure still fails, later.
        Assertions.SetDefaultExpectTimeout(15_000);
        App = await WebAppProcess.StartAsync(settings);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Where <see cref="OpenAsync"/> opens pages: the app, or a proxy in front of it.</summary>
    protected virtual string PagesUrl => App.BaseUrl;

    /// <summary>More settings for the app (environment variables), e.g. where a fake outside service listens.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> AppSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Stops what <see cref="AppSettingsAsync"/> started.</summary>
    protected virtual Task StopServicesAsync() => Task.CompletedTask;

    /// <summary>
    /// A new page on the app, waited on until the circuit is interactive (not just prerendered). <paramref name="theme"/>
    /// sets the theme cookie the app bar's switch writes ("light" or "dark"); <paramref name="colorScheme"/> is what the
    /// browser reports as <c>prefers-color-scheme</c>, which decides on a first visit.
    /// </summary>
    public async Task<IPage> OpenAsync(string path = "", int width = 1280, int height = 900, string? theme = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = colorScheme });
        if (theme is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = "genreblazor-theme", Value = theme, Url = PagesUrl }]);
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync(PagesUrl + "/" + path);
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return page;
    }

    /// <summary>
    /// Waits until a file input (found by its test id) is hooked up: InputFile attaches its change listener in a call
    /// after the first interactive render, which a test can otherwise outrun.
    /// </summary>
    public static Task FileInputReadyAsync(IPage page, string testId) =>
        page.WaitForFunctionAsync($"() => document.querySelector('[data-testid={testId}]')?._blazorInputFileNextFileId !== undefined");

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        await StopServicesAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
