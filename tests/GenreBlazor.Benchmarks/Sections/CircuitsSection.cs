using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Operators;
using GenreBlazor.Web.Extensions;
using Microsoft.Playwright;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// What an idle Blazor circuit costs on Classify and on Analyze (issue 10: at most 500 KB): N headless chromium pages
/// of the built app, the app's own figures before and after (a full compacting collection first), divided by N.
/// </summary>
public sealed class CircuitsSection : IBenchmarkSection
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>How many idle pages per page kind.</summary>
    public const int Pages = 30;

    /// <inheritdoc />
    public string Name => "circuits";

    /// <inheritdoc />
    public string Title => "memory per idle circuit on Classify and Analyze";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if ((context.BundleProblem ?? BuiltWebApp.Problem(context.Arguments.RepositoryRoot)) is { } problem)
        {
            result.Skip("the whole section", problem);
            return;
        }
        var key = OperatorSecrets.NewKey();
        using var app = BuiltWebApp.Start(context, new Dictionary<string, string>
        {
            ["Operators__ApiKeyHashes__0"] = OperatorSecrets.HashKey(key),
        });
        CircuitMemory(app, key, result).GetAwaiter().GetResult();
    }

    private static async Task CircuitMemory(BuiltWebApp app, string key, SectionResult result)
    {
        if (!File.Exists(Chromium))
        {
            result.Skip("memory per idle circuit", $"no {Chromium}: apt-get install -y chromium");
            return;
        }
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
        });
        foreach (var (page, label) in new[] { ("", "Classify"), ("analyze", "Analyze") })
        {
            // One page first, closed again: what the first visit of a kind loads once (code, caches) is not per circuit.
            var warm = await OpenAsync(browser, app, page);
            await warm.Context.CloseAsync();
            await WaitForCircuitsAsync(http, 0);
            var before = await FiguresAsync(http);
            var open = new List<IPage>();
            for (var i = 0; i < Pages; i++)
            {
                open.Add(await OpenAsync(browser, app, page));
            }
            await WaitForCircuitsAsync(http, Pages);
            await Task.Delay(TimeSpan.FromSeconds(3)); // idle: every first render and its acknowledgement done
            var after = await FiguresAsync(http);
            result.Add($"{label}: managed heap per idle circuit", (after.ManagedHeapBytes - before.ManagedHeapBytes) / 1024.0 / Pages, "KB", Target.AtMost(500));
            result.Add($"{label}: resident memory per idle circuit", (after.ResidentBytes - before.ResidentBytes) / 1024.0 / Pages, "KB");
            foreach (var p in open)
            {
                await p.Context.CloseAsync();
            }
            await WaitForCircuitsAsync(http, 0);
        }
        result.Note($"{Pages} chromium pages per kind, each in its own browser context (its own visitor), waited on until interactive, then 3 s idle; " +
            "the app's figures from `GET /api/operator/runtime?collect=true` (a full compacting collection first) before the pages opened and after, " +
            "divided by the pages. A closed page's circuit is released at once (the browser says goodbye), so nothing waits in the disconnected-circuit " +
            "retention between kinds.");
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, BuiltWebApp app, string path)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/" + path).ToString());
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        return page;
    }

    private static async Task<RuntimeFigures> FiguresAsync(HttpClient http) =>
        await http.GetFromJsonAsync<RuntimeFigures>("/api/operator/runtime?collect=true") ?? throw new InvalidOperationException("No runtime figures.");

    private static async Task WaitForCircuitsAsync(HttpClient http, int count)
    {
        var clock = Stopwatch.StartNew();
        while ((await http.GetFromJsonAsync<RuntimeFigures>("/api/operator/runtime"))!.ConnectedCircuits != count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The app did not reach {count} connected circuits within 60 s.");
            }
            await Task.Delay(200);
        }
    }
}
