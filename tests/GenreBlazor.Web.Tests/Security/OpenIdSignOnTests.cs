using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Testing.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests.Security;

/// <summary>
/// Operators signing in at an OpenID Connect provider: the app in-process, the provider a real HTTP server on
/// 127.0.0.1 (discovery, keys and the token request go over the wire), and the browser's part — following the
/// redirects between the two — done by hand with a cookie-keeping client.
/// </summary>
public sealed class OpenIdSignOnTests : IClassFixture<OpenIdSignOnTests.Provider>
{
    public const string OperatorGroup = "genreblazor-operators";

    private readonly Provider provider;

    public OpenIdSignOnTests(Provider provider) => this.provider = provider;

    /// <summary>One provider and one app that trusts it, for the class.</summary>
    public sealed class Provider : IAsyncLifetime
    {
        public FakeOidcProvider Idp { get; private set; } = null!;

        public SignOnApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Idp = await FakeOidcProvider.StartAsync();
            App = new SignOnApp(Settings(Idp.Authority.ToString()));
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Idp.DisposeAsync();
        }
    }

    public static Dictionary<string, string> Settings(string authority) => FakeOidcProvider.ClientSettings(authority, OperatorGroup);

    /// <summary>The app with the given settings on top of the usual test ones.</summary>
    public sealed class SignOnApp(IReadOnlyDictionary<string, string> settings) : IsolatedApp("genreblazor-oidc-")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }

        public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    private static readonly HttpClient AtProvider = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task An_identity_in_the_operator_group_signs_in_as_an_operator_and_the_operator_api_answers()
    {
        provider.Idp.Claims = new() { ["sub"] = "ada", ["name"] = "Ada Operator", ["groups"] = new[] { "staff", OperatorGroup } };
        var browser = provider.App.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.DeleteAsync("/api/profiles/active")).StatusCode);

        var landed = await SignInAsync(browser);

        Assert.Equal("/operator/signed-in", landed.Headers.Location?.AbsolutePathOrSelf());
        Assert.Contains(landed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("genreblazor-operator=", StringComparison.Ordinal));
        var continuing = await browser.GetStringAsync(landed.Headers.Location);
        Assert.Contains("http-equiv=\"refresh\" content=\"0;url=/operator\"", continuing);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/operator");
        Assert.Equal("openid", me.GetProperty("method").GetString());
        Assert.Equal("Ada Operator", me.GetProperty("name").GetString());
        Assert.True((await browser.DeleteAsync("/api/profiles/active")).IsSuccessStatusCode);
        Assert.Contains("data-testid=\"operator-signed-in\"", await browser.GetStringAsync("/operator"));
    }

    [Fact]
    public async Task An_identity_without_the_operator_group_is_refused_with_a_reason_and_stays_a_visitor()
    {
        provider.Idp.Claims = new() { ["sub"] = "bob", ["email"] = "bob@example.com", ["groups"] = new[] { "staff" } };
        var browser = provider.App.Browser();

        var refused = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/operator?problem=not-an-operator", refused.Headers.Location?.OriginalString);
        Assert.DoesNotContain(CookiesOf(refused), c => c.StartsWith("genreblazor-operator=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/operator")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.DeleteAsync("/api/profiles/active")).StatusCode);
        var page = await browser.GetStringAsync(refused.Headers.Location);
        Assert.Contains("is not an operator of this server", page);
        Assert.Contains("&#x27;groups&#x27;", page);
    }

    [Fact]
    public async Task A_group_only_the_userinfo_endpoint_tells_counts_when_the_app_asks_for_it_and_not_otherwise()
    {
        // Many providers leave groups out of the id_token: here it carries the identity, userinfo the group.
        provider.Idp.Claims = new() { ["sub"] = "ada", ["name"] = "Ada Operator" };
        provider.Idp.UserInfoClaims = new() { ["groups"] = new[] { "staff", OperatorGroup } };
        try
        {
            // The class's app reads the id_token only: no group, not an operator, and userinfo is not asked.
            var answersBefore = provider.Idp.UserInfoAnswers;
            var refused = await SignInAsync(provider.App.Browser());
            Assert.Equal("/operator?problem=not-an-operator", refused.Headers.Location?.OriginalString);
            Assert.Equal(answersBefore, provider.Idp.UserInfoAnswers);

            var settings = Settings(provider.Idp.Authority.ToString());
            settings["Operators:OpenIdConnect:ClaimsFromUserInfo"] = "true";
            await using var app = new SignOnApp(settings);
            var browser = app.Browser();

            var landed = await SignInAsync(browser);

            Assert.Equal("/operator/signed-in", landed.Headers.Location?.AbsolutePathOrSelf());
            Assert.Equal(answersBefore + 1, provider.Idp.UserInfoAnswers);
            var me = await browser.GetFromJsonAsync<JsonElement>("/api/operator");
            Assert.Equal("openid", me.GetProperty("method").GetString());
            Assert.Equal("Ada Operator", me.GetProperty("name").GetString());

            // A userinfo answer about someone else than the id_token's subject is refused by the handler.
            provider.Idp.UserInfoClaims = new() { ["sub"] = "mallory", ["groups"] = new[] { OperatorGroup } };
            var other = app.Browser();
            var mixed = await SignInAsync(other);
            Assert.Equal("/operator?problem=sign-on-failed", mixed.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/operator")).StatusCode);
        }
        finally
        {
            provider.Idp.UserInfoClaims = null;
        }
    }

    [Fact]
    public async Task A_sign_in_through_the_provider_ends_after_its_own_lifetime_so_the_rule_is_checked_again()
    {
        provider.Idp.Claims = new() { ["sub"] = "ada", ["groups"] = new[] { OperatorGroup } };
        var settings = Settings(provider.Idp.Authority.ToString());
        settings["Operators:OpenIdConnect:SessionLifetime"] = "00:00:02";
        await using var app = new SignOnApp(settings);
        var browser = app.Browser();

        await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/operator")).StatusCode);
        // Operators:SessionLifetime (8 h) would keep this cookie valid all day.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        while ((status = (await browser.GetAsync("/api/operator")).StatusCode) == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("data-testid=\"operator-oidc\"", await browser.GetStringAsync("/operator"));
    }

    [Fact]
    public async Task A_code_redeemed_with_another_sign_ins_pkce_verifier_is_refused_by_the_provider_and_nothing_signs_in()
    {
        provider.Idp.Claims = new() { ["sub"] = "ada", ["groups"] = new[] { OperatorGroup } };
        var victim = provider.App.Browser();
        var attacker = provider.App.Browser();

        // Each browser starts its own sign-in; the attacker's code (bound to the attacker's code_challenge) is then
        // slipped into the victim's callback, so the app redeems it with the victim's verifier.
        var victimBack = await ApprovedCallbackAsync(victim);
        var attackerBack = await ApprovedCallbackAsync(attacker);
        var injected = Query(victimBack, "state") is { } state && Query(attackerBack, "code") is { } code
            ? $"/signin-oidc?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}"
            : throw new InvalidOperationException("The provider's redirect has no code or state.");
        var refusalsBefore = provider.Idp.Refusals.Count;

        var answer = await victim.GetAsync(injected);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/operator?problem=sign-on-failed", answer.Headers.Location?.OriginalString);
        Assert.Contains("PKCE", Assert.Single(provider.Idp.Refusals.Skip(refusalsBefore)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.GetAsync("/api/operator")).StatusCode);
        Assert.Contains("did not complete", await victim.GetStringAsync(answer.Headers.Location));
    }

    [Fact]
    public async Task An_id_token_with_a_tampered_signature_is_refused_by_the_app_and_nothing_signs_in()
    {
        provider.Idp.Claims = new() { ["sub"] = "ada", ["groups"] = new[] { OperatorGroup } };
        provider.Idp.TamperSignature = true;
        try
        {
            var browser = provider.App.Browser();
            var refusalsBefore = provider.Idp.Refusals.Count;

            var answer = await SignInAsync(browser);

            Assert.Equal(refusalsBefore, provider.Idp.Refusals.Count); // the provider answered; the app refused the token
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("/operator?problem=sign-on-failed", answer.Headers.Location?.OriginalString);
            Assert.DoesNotContain(CookiesOf(answer), c => c.StartsWith("genreblazor-operator=", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/operator")).StatusCode);
        }
        finally
        {
            provider.Idp.TamperSignature = false;
        }
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_ends_the_session_at_the_provider()
    {
        provider.Idp.Claims = new() { ["sub"] = "ada", ["groups"] = new[] { OperatorGroup } };
        var browser = provider.App.Browser();
        await SignInAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/operator")).StatusCode);

        var page = await browser.GetStringAsync("/operator");
        var signOut = await browser.PostAsync("/operator/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(OperatorAccessTests.TokenField().Match(page).Groups["value"].Value),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var endSession = signOut.Headers.Location!;
        Assert.Equal(provider.Idp.Authority.GetLeftPart(UriPartial.Authority) + "/endsession", endSession.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(Query(endSession, "id_token_hint")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/operator")).StatusCode);
        var back = (await AtProvider.GetAsync(endSession)).Headers.Location!;
        var done = await browser.GetAsync(back.PathAndQuery);
        Assert.Equal("/operator", done.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_and_the_csp_lets_the_sign_out_form_reach_it()
    {
        var response = await provider.App.Browser().GetAsync("/operator");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"operator-oidc\"", page);
        Assert.Contains("Sign in with Fake IdP", page);
        Assert.DoesNotContain("data-testid=\"operator-password\"", page); // no password configured on this app
        Assert.Contains($"form-action 'self' {provider.Idp.Authority.GetLeftPart(UriPartial.Authority)};",
            response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_gets_a_clear_message_not_a_500()
    {
        // Nothing listens on port 1 of this machine; the app starts anyway (no discovery at start).
        await using var app = new SignOnApp(Settings("http://127.0.0.1:1"));
        var browser = app.Browser();

        var start = await browser.GetAsync("/operator/sign-in/oidc");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/operator?problem=provider-unreachable", start.Headers.Location?.OriginalString);
        Assert.Contains("cannot be reached from this server", await browser.GetStringAsync(start.Headers.Location));
    }

    [Theory]
    [InlineData("http://idp.example.com", "false", "groups", "01:00:00", "only localhost or 127.0.0.1 may be http")]
    [InlineData("http://127.0.0.1:5999", "true", "groups", "01:00:00", "is not https")]
    [InlineData("https://idp.example.com", "true", "", "01:00:00", "without a rule every account at the provider would be an operator")]
    [InlineData("https://idp.example.com", "true", "groups", "00:00:00", "SessionLifetime '00:00:00' must be positive")]
    public void A_provider_configured_unsafely_stops_the_app_at_start_with_the_reason(string authority, string requireHttps, string claim, string lifetime, string reason)
    {
        var settings = Settings(authority);
        settings["Operators:OpenIdConnect:RequireHttpsMetadata"] = requireHttps;
        settings["Operators:OpenIdConnect:RequiredClaim"] = claim;
        settings["Operators:OpenIdConnect:SessionLifetime"] = lifetime;
        using var app = new SignOnApp(settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(reason, error.ToString());
    }

    // The browser's part: the Operator page's link, the provider's (auto-approving) authorize page, back to the app.
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser) =>
        await browser.GetAsync((await ApprovedCallbackAsync(browser)).PathAndQuery);

    private static async Task<Uri> ApprovedCallbackAsync(HttpClient browser)
    {
        Assert.Contains("data-testid=\"operator-oidc\"", await browser.GetStringAsync("/operator"));
        var start = await browser.GetAsync("/operator/sign-in/oidc");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.Equal("S256", Query(authorize, "code_challenge_method"));
        var approved = await AtProvider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var back = approved.Headers.Location!;
        Assert.Equal("/signin-oidc", back.AbsolutePath);
        return back;
    }

    private static string? Query(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;

    private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];
}

internal static class UriPaths
{
    /// <summary>The path of an absolute or relative URI.</summary>
    public static string AbsolutePathOrSelf(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}
