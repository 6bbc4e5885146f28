using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GenreBlazor.Web.Tests.Security;

/// <summary>Every API error is problem details naming the problem; every response carries the security headers.</summary>
public sealed class ApiErrorTests(ApiErrorTests.App app) : IClassFixture<ApiErrorTests.App>
{
    public sealed class App() : HostedApp(new Dictionary<string, string?> { ["Limits:Enabled"] = "false" });

    private static async Task<string> ProblemDetail(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    private static ByteArrayContent Json(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/json") } };

    [Theory]
    [InlineData("/api/predict")]
    [InlineData("/api/explain")]
    public async Task A_lone_surrogate_escape_is_a_400_that_says_so(string path)
    {
        var response = await app.CreateClient().PostAsync(path, Json("{\"plot\":\"\\ud800\"}"u8.ToArray()));
        Assert.Contains("unpaired surrogate", await ProblemDetail(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_that_names_the_byte()
    {
        byte[] body = [.. "{\"plot\":\"A hero "u8, 0xC3, 0x28, .. " rises\"}"u8];
        var response = await app.CreateClient().PostAsync("/api/predict", Json(body));
        var detail = await ProblemDetail(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8", detail);
        Assert.Contains("offset 16", detail);
    }

    [Theory]
    [InlineData("ZZ\r\n{\"plot\":\"a heist\"}\r\n0\r\n\r\n")]
    [InlineData("5\r\n{\"plot\":\"a\"}\r\n0\r\n\r\n")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")]
    public async Task A_malformed_chunked_body_is_a_400_problem(string chunks)
    {
        var request = Encoding.ASCII.GetBytes(
            "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks);
        var response = await app.SendRawAsync(request);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("cannot be read", response.Body);
    }

    [Fact]
    public async Task Unknown_api_paths_and_wrong_methods_are_problems_not_pages()
    {
        var client = app.CreateClient();
        Assert.Contains("/api/nothing-here", await ProblemDetail(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound));
        var wrong = await client.GetAsync("/api/predict");
        Assert.Contains("allowed: POST", await ProblemDetail(wrong, HttpStatusCode.MethodNotAllowed));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PutAsync("/api/explain", Json("{}"u8.ToArray()))).StatusCode);
        // A page that does not exist is still the page for people.
        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/analyze")]
    [InlineData("/api/profiles")]
    [InlineData("/api/nothing-here")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only when Hosting:BehindTls says so.");
    }

    [Fact]
    public async Task No_page_shows_a_server_path()
    {
        var client = app.CreateClient();
        foreach (var path in new[] { "/", "/model", "/analyze", "/operator", "/error", "/no-such-page" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("GenreBlazor", html);
            Assert.DoesNotContain(AppContext.BaseDirectory.TrimEnd('/'), html);
            Assert.DoesNotContain(app.Folder, html);
        }
    }
}
