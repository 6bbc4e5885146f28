using GenreBlazor.Testing.OpenIdConnect;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// The app process trusting a fake OpenID provider. The provider is on 127.0.0.1 too but named "localhost": to the
/// browser that is another site and another origin, as a real provider is. The Lax correlation cookies then cross
/// sites and the CSP's form-action meets a foreign origin, as in production.
/// </summary>
public sealed class SignOnBrowserFixture : BrowserFixture
{
    public const string OperatorGroup = "genreblazor-operators";

    public FakeOidcProvider Idp { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string>> AppSettingsAsync()
    {
        Idp = await FakeOidcProvider.StartAsync(host: "localhost");
        // The app process reads its settings from the environment, where ':' is written '__'.
        return FakeOidcProvider.ClientSettings(Idp.Authority.ToString(), OperatorGroup).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
    }

    protected override async Task StopServicesAsync()
    {
        if (Idp is not null)
        {
            await Idp.DisposeAsync();
        }
    }
}

/// <summary>Single sign-on as a person does it: the Operator page's button, the provider's pages, back, and out again.</summary>
public sealed class OperatorSignOnTests(SignOnBrowserFixture fixture) : IClassFixture<SignOnBrowserFixture>
{
    [Fact]
    public async Task An_operator_signs_in_at_the_provider_lands_signed_in_can_change_the_server_and_signs_out_there_too()
    {
        fixture.Idp.Claims = new() { ["sub"] = "ada", ["name"] = "Ada Operator", ["groups"] = new[] { "staff", SignOnBrowserFixture.OperatorGroup } };
        var endSessionsBefore = fixture.Idp.EndSessions.Count;
        var page = await fixture.OpenAsync("operator");

        await page.GetByTestId("operator-oidc").ClickAsync();

        // The provider approves at once; the app's landing page moves on to /operator by itself. (That step is for
        // browsers that count the cross-site redirect chain against the SameSite=Strict cookie. Chromium does not: this
        // test passes without the step too, so it shows the flow, not that the step is needed.)
        await page.WaitForURLAsync(fixture.App.BaseUrl + "/operator", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("operator-signed-in")).ToBeVisibleAsync();
        var me = await page.Context.APIRequest.GetAsync(fixture.App.BaseUrl + "/api/operator");
        Assert.Equal(200, me.Status);
        Assert.Contains("\"method\":\"openid\"", await me.TextAsync());
        Assert.Equal(200, (await page.Context.APIRequest.DeleteAsync(fixture.App.BaseUrl + "/api/profiles/active")).Status);

        // The sign-out form posts to the app, which sends the browser to the provider's end-session endpoint: the
        // CSP's form-action must allow that origin, or Chromium stops the redirect.
        await page.GetByTestId("operator-sign-out").ClickAsync();
        await page.WaitForURLAsync(fixture.App.BaseUrl + "/operator", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("operator-oidc")).ToBeVisibleAsync();
        Assert.Equal(endSessionsBefore + 1, fixture.Idp.EndSessions.Count);
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync(fixture.App.BaseUrl + "/api/operator")).Status);
    }

    [Fact]
    public async Task Someone_outside_the_operator_group_is_told_so_and_stays_a_visitor()
    {
        fixture.Idp.Claims = new() { ["sub"] = "bob", ["email"] = "bob@example.com", ["groups"] = new[] { "staff" } };
        var page = await fixture.OpenAsync("operator");

        await page.GetByTestId("operator-oidc").ClickAsync();

        await page.WaitForURLAsync(fixture.App.BaseUrl + "/operator?problem=not-an-operator", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("operator-problem")).ToContainTextAsync("is not an operator of this server");
        await Assertions.Expect(page.GetByTestId("operator-signed-in")).ToHaveCountAsync(0);
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync(fixture.App.BaseUrl + "/api/operator")).Status);
    }
}
