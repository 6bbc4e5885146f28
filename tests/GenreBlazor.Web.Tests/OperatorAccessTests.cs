using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenreBlazor.Core.Operators;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests;

/// <summary>The app with one operator key and an operator password configured (as hashes), and with none.</summary>
public sealed partial class OperatorAccessTests : IClassFixture<OperatorAccessTests.OperatorApp>
{
    public const string Key = "gbo_test-key-for-the-operator-tests-0123456789";
    public const string Password = "a long operator password";

    private readonly OperatorApp app;

    public OperatorAccessTests(OperatorApp app) => this.app = app;

    public sealed class OperatorApp() : IsolatedApp("genreblazor-operators-")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder
                .UseSetting("Operators:ApiKeyHashes:0", OperatorSecrets.HashKey(Key))
                .UseSetting("Operators:PasswordHash", OperatorSecrets.HashPassword(Password, iterations: 20_000));
        }
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_api_answers_401_without_credentials_403_for_a_wrong_key_and_knows_the_right_key()
    {
        var client = app.CreateClient();

        var none = await client.GetAsync("/api/operator");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Contains("operator key", (await Problem(none)).GetProperty("detail").GetString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/operator") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key + "x") } };
        var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, (await Problem(refused)).GetProperty("status").GetInt32());

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/operator") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        var known = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("key", (await known.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
    }

    [Fact]
    public async Task The_operator_page_signs_in_with_the_password_and_a_wrong_one_is_refused()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        Assert.DoesNotContain("data-testid=\"operator-oidc\"", await client.GetStringAsync("/operator")); // no provider configured
        var wrong = await SignInAsync(client, "not the password");
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Equal("/operator?problem=wrong-password", wrong.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/operator")).StatusCode);

        var right = await SignInAsync(client, Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("genreblazor-operator=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetAsync("/api/operator");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("password", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
        Assert.Contains("data-testid=\"operator-signed-in\"", await client.GetStringAsync("/operator"));
    }

    [Fact]
    public async Task A_sign_in_without_the_pages_antiforgery_token_is_refused()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var forged = await client.PostAsync("/operator/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = Password }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("genreblazor-operator=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_operators_configured_the_page_and_the_api_say_server_wide_changes_are_off()
    {
        await using var plain = new GenreBlazorFactory();
        var client = plain.CreateClient();
        Assert.Contains("data-testid=\"operator-off\"", await client.GetStringAsync("/operator"));
        var response = await client.GetAsync("/api/operator");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no operator is configured", (await Problem(response)).GetProperty("detail").GetString());
    }

    // As a browser does it: the page carries the antiforgery token, the form posts it back with the cookie.
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string password)
    {
        var page = await client.GetStringAsync("/operator");
        var token = TokenField().Match(page);
        Assert.True(token.Success, "The Operator page has no antiforgery token.");
        return await client.PostAsync("/operator/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["password"] = password,
            ["returnUrl"] = "",
        }));
    }

    [Fact]
    public async Task A_call_without_credentials_runs_no_authentication_and_a_keyed_call_is_authenticated()
    {
        // The framework's own authentication metric, of this app's meter factory only (other apps run in parallel).
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var authentications = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "aspnetcore.authentication.authenticate.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref authentications));
        listener.Start();
        var client = app.CreateClient();

        (await client.PostAsJsonAsync("/api/predict", new { plot = "A detective hunts a killer through the rain-soaked city." })).EnsureSuccessStatusCode();
        Assert.Equal(0, Volatile.Read(ref authentications));

        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/operator") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        (await client.SendAsync(keyed)).EnsureSuccessStatusCode();
        // The middleware and the policy each authenticate the forwarding scheme and the key scheme it picks: 4. A second,
        // unconditional authentication middleware in front of the pipeline would make it 6.
        Assert.InRange(Volatile.Read(ref authentications), 1, 4);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    internal static partial Regex TokenField();
}
