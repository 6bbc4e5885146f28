using System.Diagnostics;
using System.Globalization;
using SharedImages = GenreBlazor.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

/// <summary>
/// The test assembly's entry point: <c>dotnet GenreBlazor.Imaging.Tests.dll decode FILE SIDE|full</c> decodes FILE once
/// in a fresh process and prints "rss-before-kb peak-kb width height". Native memory (Skia's buffers) is invisible to
/// managed allocation counters; the kernel's peak resident set (VmHWM) counts everything.
/// </summary>
public static class DecodeMemoryProbe
{
    public static int Main(string[] args)
    {
        if (args is not ["decode", var path, var side])
        {
            Console.Error.WriteLine("usage: decode FILE SIDE|full");
            return 2;
        }

        var encoded = File.ReadAllBytes(path);
        int? target = side == "full" ? null : int.Parse(side, CultureInfo.InvariantCulture);
        // Load Skia and JIT the decode path on a tiny image, so the baseline holds the code and only the decode's data grows.
        ImageDecoder.Decode(SharedImages.BlackPng(8, 8), targetMinSide: 4);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = StatusKilobytes("VmRSS:");
        var image = ImageDecoder.Decode(encoded, targetMinSide: target);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{before} {StatusKilobytes("VmHWM:")} {image.Width} {image.Height}"));
        GC.KeepAlive(image);
        return 0;
    }

    /// <summary>Runs the probe in a child process: (resident growth in MB at the decode's peak, decoded width, height).</summary>
    public static (double GrowthMegabytes, int Width, int Height) Run(string path, int? targetMinSide)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(DecodeMemoryProbe).Assembly.Location, "decode", path, targetMinSide?.ToString(CultureInfo.InvariantCulture) ?? "full" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        var errors = child.StandardError.ReadToEnd();
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(2)), "the probe did not finish");
        Assert.True(child.ExitCode == 0, $"the probe failed ({child.ExitCode}): {errors}");
        var fields = output.Trim().Split(' ').Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return ((fields[1] - fields[0]) / 1024.0, (int)fields[2], (int)fields[3]);
    }

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
