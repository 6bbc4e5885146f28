using System.Net.Http.Headers;
using System.Text.Json;
using GenreBlazor.Tests;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// ONNX Runtime 1.31 writes a telemetry device id and event database under the user's cache folder and a session
/// file in the temp folder when its environment starts, unless telemetry is off before that (docs/decisions/0035).
/// The app is started as a user starts it, with its own fresh home and temp folders, and classifies a poster.
/// </summary>
public sealed class OnnxRuntimeFootprintTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-footprint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Starting_the_app_and_classifying_a_poster_writes_nothing_under_the_users_cache_or_temp_folder()
    {
        // Set around the test, the variable would switch telemetry off for the child whatever the app does.
        Assert.Null(Environment.GetEnvironmentVariable("ORT_DISABLE_TELEMETRY"));
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;
        var cache = Path.Combine(home, ".cache");
        var temp = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
        var state = Path.Combine(folder, "state");
        var systemTempBefore = Directory.GetFileSystemEntries("/tmp").ToHashSet();

        await using var app = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CACHE_HOME"] = cache,
            ["TMPDIR"] = temp,
            ["GenreModel__BundlePath"] = SharedData.CommittedBundle,
            // The app's own state (its store is held open) lives in this test's folder, the only open files under /tmp the check below allows.
            ["Store__ConnectionString"] = Path.Combine(state, "store.db"),
            ["Profiles__Directory"] = Path.Combine(state, "profiles"),
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var form = new MultipartFormDataContent();
        var poster = new ByteArrayContent(TestImages.Png(200, 300, (x, y) => ((byte)x, (byte)(y / 2), 90)));
        poster.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(poster, "poster", "poster.png");
        using var response = await http.PostAsync("/api/predict", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("poster", JsonDocument.Parse(body).RootElement.GetProperty("model").GetString());

        Assert.False(Directory.Exists(cache), $"the app wrote under the user's cache folder: {string.Join(", ", Entries(cache))}");
        Assert.DoesNotContain(Entries(home), path => path.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase));
        // The .NET runtime's own debugger pipes and diagnostics socket are not files and go when the process ends.
        string[] runtimeEndpoints = [$"clr-debug-pipe-{app.ProcessId}-", $"dotnet-diagnostic-{app.ProcessId}-"];
        // ASP.NET Core buffers a large form body in an ASPNETCORE_*.tmp file deleted when the request is disposed,
        // which may be a moment after the client has its answer: what must not be left is checked once that is done.
        var left = await SettledAsync(() => Entries(temp).Where(path => !runtimeEndpoints.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal))).ToList());
        Assert.Empty(left);
        var childTemp = Directory.GetFileSystemEntries("/tmp").Where(path => !systemTempBefore.Contains(path))
            .Where(path => path.Contains(app.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Concat(OpenFiles(app.ProcessId).Where(path => path.StartsWith("/tmp/", StringComparison.Ordinal) && !path.StartsWith(state + "/", StringComparison.Ordinal)));
        Assert.Empty(childTemp);
    }

    /// <summary>What <paramref name="read"/> finds once it is empty, or after 5 s what is still there.</summary>
    private static async Task<List<string>> SettledAsync(Func<List<string>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var found = read();
        while (found.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            found = read();
        }
        return found;
    }

    private static IEnumerable<string> Entries(string root) =>
        Directory.Exists(root) ? Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories) : [];

    /// <summary>The files the process holds open, from /proc (sockets and pipes are not paths and are left out).</summary>
    private static IEnumerable<string> OpenFiles(int processId) =>
        new DirectoryInfo($"/proc/{processId}/fd").EnumerateFileSystemInfos().Select(fd => fd.LinkTarget).OfType<string>().Where(target => target.StartsWith('/'));
}
