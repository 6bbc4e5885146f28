using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GenreBlazor.Web.Tests.Security;

/// <summary>The API's per-client token buckets at their shipped defaults (appsettings.json), over a real socket.</summary>
public sealed class RateLimitTests
{
    private static readonly object Body = new { plot = "Two strangers fall in love on a night train across Europe." };

    private static async Task<List<HttpResponseMessage>> BurstAsync(HttpClient client, int count)
    {
        var responses = new List<HttpResponseMessage>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(20))
        {
            responses.AddRange(await Task.WhenAll(batch.Select(_ => client.PostAsJsonAsync("/api/predict", Body))));
        }
        return responses;
    }

    [Fact]
    public async Task A_burst_of_300_from_one_client_gets_429_with_retry_after_for_the_excess_and_another_client_is_still_served()
    {
        await using var app = new HostedApp();
        using var greedy = app.ClientFrom("127.0.0.1");
        using var other = app.ClientFrom("127.0.0.2");

        var responses = await BurstAsync(greedy, 300);

        var served = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(300, served + refused.Count);
        // The bucket holds 60 and refills 20 every 10 s: the burst gets its 60 and at most a refill or two more.
        Assert.InRange(served, 60, 100);
        foreach (var response in refused)
        {
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("try again in", (await refused[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var meanwhile = await other.PostAsJsonAsync("/api/predict", Body);
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        // The pages are not the API's quota: the greedy client still gets them.
        Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_a_known_proxy()
    {
        await using var app = new HostedApp(new Dictionary<string, string?>
        {
            ["Hosting:KnownProxies:0"] = "127.0.0.1",
            ["Limits:Api:TokenLimit"] = "5",
            ["Limits:Api:TokensPerPeriod"] = "1",
            ["Limits:Api:Period"] = "00:10:00",
        });
        using var proxy = app.ClientFrom("127.0.0.1");
        using var stranger = app.ClientFrom("127.0.0.2");

        async Task<HttpStatusCode> Send(HttpClient client, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profiles") { Headers = { { "X-Forwarded-For", forwardedFor } } };
            return (await client.SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Send(proxy, "203.0.113.5"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await Send(proxy, "203.0.113.5"));
        // Another client behind the same proxy has a bucket of its own.
        Assert.Equal(HttpStatusCode.OK, await Send(proxy, "203.0.113.6"));

        // Not a known proxy: its header is ignored, so naming new addresses does not buy new buckets.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Send(stranger, $"198.51.100.{i}"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await Send(stranger, "198.51.100.99"));
    }
}
