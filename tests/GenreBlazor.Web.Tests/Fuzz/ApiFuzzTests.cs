using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Operators;
using GenreBlazor.Web.Tests.Security;
using Xunit.Abstractions;

namespace GenreBlazor.Web.Tests.Fuzz;

/// <summary>
/// 10,000 seeded requests against the app on a real socket — broken bodies, encodings, images, forms, names,
/// thresholds, methods, content types and chunked framing — and not one answer of 500 or more; every error is
/// problem details; the app is healthy after and its memory did not grow without bound.
/// </summary>
/// <remarks>
/// The memory bound reads the whole test process's managed heap, so the suite runs alone (its own collection, not in
/// parallel with other test classes): in CI, beside the other classes' apps, it read 350 MB of growth that was theirs.
/// </remarks>
[Collection(nameof(ApiFuzzTests))]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const int Count = 10_000;
    private const string Key = "gbo_fuzz-operator-key-0123456789abcdef0123";

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_and_every_error_is_problem_details()
    {
        await using var app = new HostedApp(new Dictionary<string, string?>
        {
            ["Operators:ApiKeyHashes:0"] = OperatorSecrets.HashKey(Key),
            ["Limits:Enabled"] = "false",
            // Overload is not what this suite sends: a poster waits for a decode slot instead of getting 503 "busy".
            ["Classify:PosterDecodeWait"] = "00:00:30",
            // Ten thousand refusals are not news: only warnings and errors are logged.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // No discovery catalog: its background load (the DNA and the sentence model) would land in the growth
            // measured below, and no fuzzed path reaches it.
            ["Discovery:DnaPath"] = "no-such-dna.bin",
        });
        using var client = app.ClientFrom("127.0.0.1");
        client.Timeout = TimeSpan.FromSeconds(60);
        var inputs = new FuzzInputs(Seed, Key).Cases(Count).ToList();

        var statuses = new ConcurrentDictionary<(string Kind, int Status), int>();
        var failures = new ConcurrentQueue<string>();
        long baseline = 0;
        var sent = 0;

        async Task SendAsync(FuzzCase input)
        {
            var (status, type, body) = input.Raw is { } raw ? await SendRawAsync(app, raw) : await SendHttpAsync(client, input);
            statuses.AddOrUpdate((input.Kind, status), 1, (_, n) => n + 1);
            if (status >= 500)
            {
                failures.Enqueue($"{input.Kind} {input.Method} {input.Path}: {status} {Clip(body)}");
            }
            else if (status == 400 && type is null && body.Length == 0 && input.Path.Contains("%00", StringComparison.Ordinal))
            {
                // A NUL in the path: Kestrel refuses the request line itself, before any of the app runs.
                statuses.AddOrUpdate(("kestrel: NUL in path", status), 1, (_, n) => n + 1);
            }
            else if (status >= 400 && input.Method != HttpMethod.Head && type != "application/problem+json")
            {
                failures.Enqueue($"{input.Kind} {input.Method} {input.Path}: {status} as '{type}' {Clip(body)}");
            }
            if (Interlocked.Increment(ref sent) == 500)
            {
                // After warm-up (JIT, pools, caches), the figure the rest is compared with.
                Interlocked.Exchange(ref baseline, ManagedBytes());
            }
        }

        // Eight at a time: concurrency without starving the two cores the test machine has.
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (input, _) => await SendAsync(input));

        var growth = ManagedBytes() - Interlocked.Read(ref baseline);
        foreach (var group in statuses.OrderBy(p => p.Key.Kind).ThenBy(p => p.Key.Status))
        {
            output.WriteLine($"{group.Key.Kind,-14} {group.Key.Status} × {group.Value}");
        }
        output.WriteLine($"by status: {string.Join(", ", statuses.Where(p => !p.Key.Kind.StartsWith("kestrel", StringComparison.Ordinal)).GroupBy(p => p.Key.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Sum(p => p.Value)}"))}");
        output.WriteLine($"managed memory growth after warm-up: {growth / 1048576.0:F1} MB");

        Assert.Equal(Count, statuses.Where(p => !p.Key.Kind.StartsWith("kestrel", StringComparison.Ordinal)).Sum(p => p.Value));
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(15))}");
        Assert.True(growth < 128L * 1024 * 1024, $"Managed memory grew by {growth / 1048576.0:F1} MB over the run.");

        // Healthy after: the health check and an ordinary request answer as they should.
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var answer = await client.PostAsJsonAsync("/api/predict", new { plot = "A family moves into a haunted house where a ghost terrorises their children." });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Horror", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("top3").EnumerateArray().Select(g => g.GetString()));
    }

    private static async Task<(int Status, string? Type, string Body)> SendHttpAsync(HttpClient client, FuzzCase input)
    {
        using var request = new HttpRequestMessage(input.Method, input.Path) { Content = input.Content() };
        if (input.Key is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static async Task<(int Status, string? Type, string Body)> SendRawAsync(HostedApp app, byte[] raw)
    {
        var response = await app.SendRawAsync(raw);
        return (response.Status, response.ContentType, response.Body);
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Clip(string body) => body.Length > 300 ? body[..300] + "…" : body;
}

/// <summary>Runs <see cref="ApiFuzzTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(nameof(ApiFuzzTests), DisableParallelization = true)]
public sealed class ApiFuzzCollection;
