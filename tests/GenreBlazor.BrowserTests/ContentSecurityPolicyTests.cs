using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// The app's Content-Security-Policy (script-src 'self', no inline script) against what Blazor and MudBlazor really do
/// in Chromium: every page, used as a visitor uses it, and not one policy violation or console error.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task No_page_breaks_the_content_security_policy()
    {
        var problems = new List<string>();
        var page = await fixture.OpenAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: {error}");
        // The browser reports each violation as an event too; the page keeps them for the test to read.
        await page.Context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        async Task VisitAsync(string path)
        {
            var response = await page.GotoAsync(fixture.App.BaseUrl + "/" + path);
            Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
            await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }

        await VisitAsync("");
        await page.GetByTestId("plot-input").FillAsync("A family moves into a haunted house where a ghost terrorises their children.");
        await page.GetByTestId("classify").ClickAsync();
        await page.Locator("li.genre-line").First.WaitForAsync();
        await page.GetByTestId("explanation-panel").WaitForAsync();
        await VisitAsync("analyze");
        await page.Locator("[data-testid=matrix-card][data-genre=Western]").ClickAsync();
        await page.GetByTestId("save-profile").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await VisitAsync("model");
        await VisitAsync("data");
        await page.Locator("details.counts-as-text summary").First.ClickAsync();
        await VisitAsync("operator");
        await VisitAsync("no-such-page");

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.Empty(violations);
        // The not-found page answers 404, which Chromium logs as a failed resource: that one is expected.
        Assert.DoesNotContain(problems, p => !p.Contains("404", StringComparison.Ordinal));
    }
}
