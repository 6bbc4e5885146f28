using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Data;
using GenreBlazor.Imaging;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// Server-side image decoding: a shared poster and a 6000 × 6000 PNG decoded in-process, then the bar of issue 9 —
/// eight concurrent uploads of that PNG to <c>POST /api/predict</c> of the built web app, started as a user starts it
/// (<c>dotnet GenreBlazor.Web.dll</c> on 127.0.0.1): every answer (classified or refused) within 3 s, and the app's
/// resident memory at its peak at most 300 MB above what it held before the burst (decisions 0031, 0032).
/// </summary>
public sealed class ImagesSection : IBenchmarkSection
{
    private const int BombSide = 6000;
    private const int ConcurrentUploads = 8;
    private const int Bursts = 3;
    private const int WarmUpUploads = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <inheritdoc />
    public string Name => "images";

    /// <inheritdoc />
    public string Title => "image decoding, and eight concurrent 6000 × 6000 PNG uploads to the running app";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        BenchmarkContext.Log($"images: writing a {BombSide} × {BombSide} black PNG…");
        var bomb = PngEncoder.Encode(new RgbImage(BombSide, BombSide, new byte[BombSide * BombSide * 3]));
        result.Note($"The large image is a black {BombSide:N0} × {BombSide:N0} PNG of {bomb.Length / 1024.0:N0} KB written by `PngEncoder` " +
            "(a decompression bomb: 108 MB of RGB from a small file).");
        Decoding(context, bomb, result);
        if (context.BundleProblem is { } problem)
        {
            result.Skip("the upload burst", problem);
            return;
        }

        UploadBurst(context, bomb, result);
    }

    private static void Decoding(BenchmarkContext context, byte[] bomb, SectionResult result)
    {
        if (BenchmarkContext.DataProblem(context.PostersCsv) is { } problem)
        {
            result.Skip("shared poster decode", problem);
        }
        else
        {
            var poster = PosterCsvReader.Read(context.PostersCsv).Posters.First(p => File.Exists(p.File));
            var encoded = File.ReadAllBytes(poster.File);
            var header = ImageDecoder.ReadHeader(encoded);
            var samples = LatencySampler.Measure(2000, WarmUp.Service, _ => ImageDecoder.Decode(encoded, targetMinSide: 224));
            result.Add($"decode a shared poster ({header.Width} × {header.Height} JPEG) p50", samples.Median, "ms");
            result.Add("decode a shared poster p99", samples.Percentile(99), "ms");
        }

        BenchmarkContext.Log("images: decoding the large PNG in-process…");
        var large = LatencySampler.Measure(10, new WarmUp(2, TimeSpan.Zero), _ => ImageDecoder.Decode(bomb, targetMinSide: 224));
        result.Add($"decode the {BombSide} × {BombSide} PNG straight to 224 × 224, p50", large.Median, "ms");
    }

    private static void UploadBurst(BenchmarkContext context, byte[] bomb, SectionResult result)
    {
        var app = WebAppPath(context.Arguments.RepositoryRoot);
        if (!File.Exists(app))
        {
            result.Skip("the upload burst", $"the built web app is not at {app} (build src/GenreBlazor.Web in the benchmark's configuration)");
            return;
        }

        var scratch = Directory.CreateTempSubdirectory("genreblazor-images-bench-");
        var port = FreePort();
        using var server = StartApp(app, port, context.Arguments.BundleFolder, scratch.FullName);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ConcurrentUploads * 2 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            WaitUntilHealthy(client, server);
            var started = ProcessMemory.Read(server.Id);

            // As a running app would be: the poster model's session loaded and the decode path compiled by the JIT.
            for (var i = 0; i < WarmUpUploads; i++)
            {
                using var warmUp = Upload(client, bomb).GetAwaiter().GetResult();
                warmUp.EnsureSuccessStatusCode();
            }

            var before = ProcessMemory.Read(server.Id);
            ProcessMemory.ResetPeak(server.Id);
            var answers = new List<(TimeSpan Time, HttpStatusCode Status)>();
            for (var burst = 0; burst < Bursts; burst++)
            {
                BenchmarkContext.Log($"images: burst {burst + 1} of {Bursts}: {ConcurrentUploads} concurrent uploads…");
                var tasks = Enumerable.Range(0, ConcurrentUploads).Select(_ => TimedUpload(client, bomb)).ToArray();
                var burstAnswers = Task.WhenAll(tasks).GetAwaiter().GetResult();
                answers.AddRange(burstAnswers);
                result.Note($"Burst {burst + 1}: answers in {string.Join(", ", burstAnswers.Select(a => $"{a.Time.TotalSeconds:F2} s ({(int)a.Status})"))}.");
            }

            var after = ProcessMemory.Read(server.Id);
            var times = answers.Select(a => a.Time.TotalSeconds).Order().ToList();
            var growth = (after.PeakKilobytes - before.ResidentKilobytes) / 1024.0;
            result.Add($"{ConcurrentUploads} concurrent {BombSide} × {BombSide} PNG uploads: slowest answer", times[^1], "s", Target.AtMost(3));
            result.Add("the same uploads: median answer", times[times.Count / 2], "s");
            result.Add("the app's resident memory at its peak during the bursts, above its level before them", growth, "MB", Target.AtMost(300));
            result.Add("the same peak above the app's level when it started answering, before any poster", (after.PeakKilobytes - started.ResidentKilobytes) / 1024.0, "MB");
            result.Add("the app's resident memory before the bursts", before.ResidentKilobytes / 1024.0, "MB");
            result.Add($"uploads classified (200), of {answers.Count}", answers.Count(a => a.Status == HttpStatusCode.OK), "uploads");
            result.Add($"uploads refused as busy (503), of {answers.Count}", answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable), "uploads");
            var other = answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
            if (other.Count > 0)
            {
                result.Note($"Unexpected answers: {string.Join(", ", other.Select(a => (int)a.Status))}.");
            }

            result.Note($"Bursts: {Bursts} × {ConcurrentUploads} concurrent multipart uploads (poster only) to `dotnet {Path.GetFileName(app)} --urls http://127.0.0.1:{port}` " +
                $"with the appsettings.json defaults (2 decode slots, 1 s wait), after {WarmUpUploads} uploads of the same PNG one at a time as warm-up; each answer timed from send to the end of its body. " +
                "Memory: VmRSS before, VmHWM after (the kernel's peak, reset through /proc/PID/clear_refs before the first burst).");
        }
        finally
        {
            StopApp(server);
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static string WebAppPath(string repositoryRoot)
    {
        // The app built in the same configuration as this program (dotnet run -c Release builds its references so).
        var configuration = typeof(ImagesSection).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return Path.Combine(repositoryRoot, "src", "GenreBlazor.Web", "bin", configuration, "net10.0", "GenreBlazor.Web.dll");
    }

    private static Process StartApp(string app, int port, string bundle, string scratch)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { app, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GenreModel__BundlePath"] = bundle;
        start.Environment["Profiles__Directory"] = Path.Combine(scratch, "profiles");
        start.Environment["Store__ConnectionString"] = Path.Combine(scratch, "store.db");
        start.Environment["Explanations__UsageFile"] = Path.Combine(scratch, "usage.json");
        start.Environment["Bedrock__Enabled"] = "false";
        // The benchmark measures the app, not its per-client limits (decision 0052).
        start.Environment["Limits__Enabled"] = "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {app}.");
        // Drained so that a chatty log never blocks the app on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("  [app] " + line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitUntilHealthy(HttpClient client, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {server.ExitCode} before answering /health.");
            }

            try
            {
                using var health = client.GetAsync(new Uri("/health", UriKind.Relative)).GetAwaiter().GetResult();
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(250);
        }

        throw new TimeoutException($"The web app did not answer /health within {StartTimeout.TotalSeconds:N0} s.");
    }

    private static void StopApp(Process server)
    {
        if (!server.HasExited)
        {
            server.Kill();
            server.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<(TimeSpan Time, HttpStatusCode Status)> TimedUpload(HttpClient client, byte[] poster)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await Upload(client, poster);
        await response.Content.ReadAsByteArrayAsync();
        return (Stopwatch.GetElapsedTime(start), response.StatusCode);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] poster)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(poster), "poster", "poster.png" } };
        return await client.PostAsync(new Uri("/api/predict", UriKind.Relative), form);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A process's resident set now and at its peak, from /proc/PID/status.</summary>
    private readonly record struct ProcessMemory(long ResidentKilobytes, long PeakKilobytes)
    {
        public static ProcessMemory Read(int pid)
        {
            long Field(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..]
                .Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return new ProcessMemory(Field("VmRSS:"), Field("VmHWM:"));
        }

        // "5" resets the peak to the current resident set (Linux 4.0+), so the peak read later belongs to what followed.
        public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
    }
}
