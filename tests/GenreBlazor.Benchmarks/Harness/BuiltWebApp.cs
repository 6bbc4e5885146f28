using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>A process's resident set now and at its peak, from /proc/PID/status.</summary>
public readonly record struct ProcessMemory(long ResidentKilobytes, long PeakKilobytes)
{
    /// <summary>Reads them for <paramref name="pid"/>.</summary>
    public static ProcessMemory Read(int pid)
    {
        long Field(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..]
            .Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return new ProcessMemory(Field("VmRSS:"), Field("VmHWM:"));
    }

    /// <summary>"5" resets the peak to the current resident set (Linux 4.0+), so the peak read later belongs to what followed.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
}

/// <summary>
/// The built web app started as a user starts it (<c>dotnet GenreBlazor.Web.dll --urls http://127.0.0.1:PORT</c>),
/// with its state in a scratch folder and Bedrock off, stopped and cleaned up at dispose.
/// </summary>
public sealed class BuiltWebApp : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly DirectoryInfo _scratch;

    private BuiltWebApp(Process process, DirectoryInfo scratch, int port)
    {
        _process = process;
        _scratch = scratch;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The app's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Its address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Its process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The built app in the benchmark's own configuration (dotnet run -c Release builds its references so).</summary>
    public static string AppPath(string repositoryRoot)
    {
        var configuration = typeof(BuiltWebApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return Path.Combine(repositoryRoot, "src", "GenreBlazor.Web", "bin", configuration, "net10.0", "GenreBlazor.Web.dll");
    }

    /// <summary>Why the app cannot be started, or null.</summary>
    public static string? Problem(string repositoryRoot) => File.Exists(AppPath(repositoryRoot))
        ? null
        : $"the built web app is not at {AppPath(repositoryRoot)} (build src/GenreBlazor.Web in the benchmark's configuration)";

    /// <summary>Starts the app on a free port and waits until <c>/health</c> answers; <paramref name="settings"/> are extra environment settings.</summary>
    public static BuiltWebApp Start(BenchmarkContext context, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = AppPath(context.Arguments.RepositoryRoot);
        var scratch = Directory.CreateTempSubdirectory("genreblazor-bench-app-");
        var port = FreePort();
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
        start.Environment["GenreModel__BundlePath"] = context.Arguments.BundleFolder;
        start.Environment["Profiles__Directory"] = Path.Combine(scratch.FullName, "profiles");
        start.Environment["Store__ConnectionString"] = Path.Combine(scratch.FullName, "store.db");
        start.Environment["Bedrock__Enabled"] = "false";
        // A benchmark measures the app, not the per-client limits of a public page, which would answer most of its
        // load with 429 (decision 0052).
        start.Environment["Limits__Enabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
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
        var built = new BuiltWebApp(process, scratch, port);
        try
        {
            built.WaitUntilHealthy();
        }
        catch
        {
            built.Dispose();
            throw;
        }
        return built;
    }

    /// <summary>The app's resident memory now and at its peak.</summary>
    public ProcessMemory Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>Stops the app and deletes its scratch folder.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        try
        {
            _scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private void WaitUntilHealthy()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode} before answering /health.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
