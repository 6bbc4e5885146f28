using System.Net.Http.Json;
using GenreBlazor.Core.Operators;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GenreBlazor.BrowserTests;

/// <summary>The app with an operator password, and a few predictions made, so the operator pages show their tables.</summary>
public sealed class OperatorBrowserFixture : BrowserFixture
{
    public const string Password = "an operator password for the axe scans";

    protected override Task<IReadOnlyDictionary<string, string>> AppSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Operators__PasswordHash"] = OperatorSecrets.HashPassword(Password, iterations: 20_000),
            ["Limits__Enabled"] = "false",
            // Drift over time has samples to draw by the time the scan runs.
            ["Monitoring__DriftSampleInterval"] = "00:00:01",
        });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        foreach (var plot in new[] { "A haunted house terrorises a family.", "Two lovers meet in Paris.", "A sheriff faces an outlaw at noon." })
        {
            (await http.PostAsJsonAsync("/api/predict", new { plot })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A page opened after signing in as the operator (the cookie stays in the page's browser context).</summary>
    public async Task<IPage> OpenSignedInAsync(string path, string theme)
    {
        var page = await OpenAsync("operator", theme: theme == "light" ? "light" : null, colorScheme: theme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await page.GetByTestId("operator-password").FillAsync(Password);
        await page.GetByTestId("operator-sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("operator-signed-in")).ToBeVisibleAsync();
        await page.GotoAsync(App.BaseUrl + "/" + path);
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return page;
    }
}

/// <summary>axe on the Operations and Models pages as an operator sees them, in both themes (the visitor's notice is in <see cref="AccessibilityTests"/>).</summary>
public sealed class OperatorPagesAccessibilityTests(OperatorBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorBrowserFixture>
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "operations", "light" }, { "operations", "dark" },
        { "models", "light" }, { "models", "dark" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_operator_view_has_no_serious_or_critical_violations(string name, string theme)
    {
        var page = await fixture.OpenSignedInAsync(name, theme);
        await Assertions.Expect(page.Locator("main#main")).ToHaveAttributeAsync("data-theme", theme);
        await Assertions.Expect(page.GetByTestId(name == "operations" ? "drift-summary" : "models-serving")).ToBeVisibleAsync();
        if (name == "operations")
        {
            await Assertions.Expect(page.GetByTestId("minute-predictions").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("drift-history")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        await AccessibilityTests.AssertAccessibleAsync(page, "operator-" + name, theme, output);
    }
}
