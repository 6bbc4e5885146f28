using System.Diagnostics;
using System.Net;
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
        if (BuiltWebApp.Problem(context.Arguments.RepositoryRoot) is { } problem)
        {
            result.Skip("the upload burst", problem);
            return;
        }

        using var server = BuiltWebApp.Start(context);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ConcurrentUploads * 2 })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var started = server.Memory();

        // As a running app would be: the poster model's session loaded and the decode path compiled by the JIT.
        for (var i = 0; i < WarmUpUploads; i++)
        {
            using var warmUp = Upload(client, bomb).GetAwaiter().GetResult();
            warmUp.EnsureSuccessStatusCode();
        }

        var before = server.Memory();
        ProcessMemory.ResetPeak(server.ProcessId);
        var answers = new List<(TimeSpan Time, HttpStatusCode Status)>();
        for (var burst = 0; burst < Bursts; burst++)
        {
            BenchmarkContext.Log($"images: burst {burst + 1} of {Bursts}: {ConcurrentUploads} concurrent uploads…");
            var tasks = Enumerable.Range(0, ConcurrentUploads).Select(_ => TimedUpload(client, bomb)).ToArray();
            var burstAnswers = Task.WhenAll(tasks).GetAwaiter().GetResult();
            answers.AddRange(burstAnswers);
            result.Note($"Burst {burst + 1}: answers in {string.Join(", ", burstAnswers.Select(a => $"{a.Time.TotalSeconds:F2} s ({(int)a.Status})"))}.");
        }

        var after = server.Memory();
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

        result.Note($"Bursts: {Bursts} × {ConcurrentUploads} concurrent multipart uploads (poster only) to `dotnet GenreBlazor.Web.dll --urls http://127.0.0.1:{server.Port}` " +
            $"with the appsettings.json defaults (2 decode slots, 1 s wait), after {WarmUpUploads} uploads of the same PNG one at a time as warm-up; each answer timed from send to the end of its body. " +
            "Memory: VmRSS before, VmHWM after (the kernel's peak, reset through /proc/PID/clear_refs before the first burst).");
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
}
