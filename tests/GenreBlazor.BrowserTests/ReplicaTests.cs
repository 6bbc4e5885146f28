using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Operators;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Testing.Services;
using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// Two app replicas (the built app, two processes) over one real PostgreSQL, and the product's YARP gateway in front of
/// them with cookie session affinity and active health checks, all on 127.0.0.1. The browser talks to the gateway only.
/// </summary>
public sealed class ReplicaFixture : BrowserFixture
{
    public const string Password = "replica test password";
    public const string AffinityCookie = ".GenreBlazor.Replica";

    public static readonly string OperatorKey = OperatorSecrets.NewKey();

    private PostgresServer? postgres;
    private string database = "";

    public WebAppProcess Other { get; private set; } = null!;

    public WebAppProcess Gateway { get; private set; } = null!;

    /// <summary>The replicas by the gateway's destination id.</summary>
    public IReadOnlyDictionary<string, WebAppProcess> Replicas => new Dictionary<string, WebAppProcess> { ["replica-1"] = App, ["replica-2"] = Other };

    protected override string PagesUrl => Gateway.BaseUrl;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // replica-1 and the browser
        Other = await WebAppProcess.StartAsync(ReplicaSettings());
        Gateway = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__replicas__Destinations__replica-1__Address"] = App.BaseUrl,
            ["ReverseProxy__Clusters__replicas__Destinations__replica-2__Address"] = Other.BaseUrl,
            ["ReverseProxy__Clusters__replicas__HealthCheck__Active__Interval"] = "00:00:01",
            ["ReverseProxy__Clusters__replicas__HealthCheck__Active__Timeout"] = "00:00:02",
        }, WebAppProcess.GatewayAssembly);
    }

    protected override async Task<IReadOnlyDictionary<string, string>> AppSettingsAsync()
    {
        postgres = await PostgresServer.StartAsync();
        database = await postgres.CreateDatabaseAsync("replicas");
        return ReplicaSettings();
    }

    protected override async Task StopServicesAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Other is not null)
        {
            await Other.DisposeAsync();
        }
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    private Dictionary<string, string> ReplicaSettings() => new()
    {
        ["Store__Provider"] = "Postgres",
        ["Store__ConnectionString"] = database,
        ["Operators__PasswordHash"] = OperatorSecrets.HashPassword(Password, iterations: 20_000),
        ["Operators__ApiKeyHashes__0"] = OperatorSecrets.HashKey(OperatorKey),
        ["Profiles__RefreshInterval"] = "00:00:01",
    };
}

public sealed class ReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    private const string Plot = "A young couple falls in love during a summer in Paris.";

    [Fact]
    public async Task Behind_the_gateway_two_replicas_share_sign_in_and_profiles_keep_the_circuit_and_survive_one_replica_dying()
    {
        // A browser session through the gateway: the operator signs in (a cookie protected by the shared key ring).
        var page = await fixture.OpenAsync("operator");
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await page.GetByTestId("operator-password").FillAsync(ReplicaFixture.Password);
        await page.GetByTestId("operator-sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("operator-signed-in")).ToBeVisibleAsync();
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ReplicaFixture.AffinityCookie);

        // The operator cookie one replica wrote is good on both: Data Protection's keys are in the store.
        var cookieHeader = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        foreach (var replica in fixture.Replicas.Values)
        {
            using var http = Client(replica.BaseUrl);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator");
            request.Headers.Add("Cookie", cookieHeader);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("password", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
        }

        // The Analyze page's circuit runs through the gateway, its WebSocket too.
        await page.GotoAsync(fixture.Gateway.BaseUrl + "/analyze");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Contains(sockets, url => url.StartsWith(fixture.Gateway.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/_blazor", StringComparison.Ordinal));

        // A profile saved and activated with the operator key through the gateway (so on one replica) decides on both.
        var strict = ThresholdProfile.FromArray("shared strict", Enumerable.Repeat(0.99f, GenreCatalog.Count).ToArray(), null).ToJson();
        using (var operatorClient = Client(fixture.Gateway.BaseUrl))
        {
            operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReplicaFixture.OperatorKey);
            using var saved = await operatorClient.PutAsync("/api/profiles/shared%20strict", new StringContent(strict, System.Text.Encoding.UTF8, "application/json"));
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            using var activated = await operatorClient.PostAsync("/api/profiles/shared%20strict/activate", null);
            Assert.True(activated.IsSuccessStatusCode, await activated.Content.ReadAsStringAsync());
        }
        foreach (var replica in fixture.Replicas.Values)
        {
            await WaitForAsync(async () => (await PredictAsync(replica.BaseUrl)).GetProperty("thresholdProfile").ValueKind != JsonValueKind.Null,
                $"{replica.BaseUrl} decides with the active profile");
            Assert.Equal("shared strict", (await PredictAsync(replica.BaseUrl)).GetProperty("thresholdProfile").GetString());
        }

        // One replica dies: the gateway's health checks mark it down, and the other serves every new request and a new
        // circuit.
        Assert.Equal(["Healthy", "Healthy"], (await ReplicaHealthAsync()).Values);
        await fixture.App.StopAsync();
        await WaitForAsync(async () => (await ReplicaHealthAsync())["replica-1"] == "Unhealthy", "the gateway marks replica-1 down");
        using var gateway = Client(fixture.Gateway.BaseUrl);
        for (var i = 0; i < 20; i++)
        {
            using var response = await gateway.PostAsJsonAsync("/api/predict", new { plot = Plot });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var again = await fixture.OpenAsync("analyze");
        await Assertions.Expect(again.GetByTestId("active-profile")).ToHaveTextAsync("shared strict");
    }

    private static HttpClient Client(string baseUrl) => new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<JsonElement> PredictAsync(string baseUrl)
    {
        using var http = Client(baseUrl);
        using var response = await http.PostAsJsonAsync("/api/predict", new { plot = Plot });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Dictionary<string, string>> ReplicaHealthAsync()
    {
        using var http = Client(fixture.Gateway.BaseUrl);
        var replicas = await http.GetFromJsonAsync<JsonElement>("/gateway/replicas");
        return replicas.EnumerateArray().ToDictionary(r => r.GetProperty("destination").GetString()!, r => r.GetProperty("active").GetString()!);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for: {what}.");
            }
            await Task.Delay(250);
        }
    }
}
