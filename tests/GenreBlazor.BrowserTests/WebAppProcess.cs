using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace GenreBlazor.BrowserTests;

/// <summary>
/// The web app started from its build output as its own process on 127.0.0.1 with a free port — exactly how
/// `dotnet run` or a host starts it — and stopped when disposed.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WebAppProcess(Process process) => this.process = process;

    // One folder for the state of every app this test run starts, removed when the run ends.
    private static readonly Lazy<string> StateRoot = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("genreblazor-app-state-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // an app still shutting down holds a file; the temp folder is cleaned by the system
            }
        };
        return root;
    });

    /// <summary>The address the app listens on, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Everything the app printed so far.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>The built app's main assembly.</summary>
    public static string AppAssembly => typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WebAppAssembly").Value!;

    /// <summary>The built gateway's main assembly (a YARP reverse proxy in front of replicas).</summary>
    public static string GatewayAssembly => typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GatewayAssembly").Value!;

    /// <summary>
    /// Starts the app (or another built program of the product, <paramref name="assembly"/>) and waits until it
    /// listens. <paramref name="environment"/> adds settings such as GenreModel__BundlePath.
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string? assembly = null)
    {
        var app = new WebAppProcess(Launch(environment, assembly ?? AppAssembly));
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (app.output)
            {
                app.output.AppendLine(line);
            }
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["url"].Value);
            }
        }
        app.process.OutputDataReceived += (_, e) => OnLine(e.Data);
        app.process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        // Two minutes: at a load average of 36 (builds beside the tests) a start with the model, the registry and discovery took over one.
        var first = await Task.WhenAny(listening.Task, app.process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
        if (first != listening.Task)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("The web app did not start listening:\n" + app.Output);
        }
        app.BaseUrl = await listening.Task;
        return app;
    }

    /// <summary>Runs the app until it exits by itself (for start-up failures); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Launch(environment, AppAssembly);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The web app kept running; it was expected to stop.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static Process Launch(IReadOnlyDictionary<string, string>? environment, string assembly)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // Every app a test starts keeps its state apart: its own store, profiles and usage file unless the test names them.
        var state = Directory.CreateDirectory(Path.Combine(StateRoot.Value, Guid.NewGuid().ToString("N"))).FullName;
        start.Environment["Store__ConnectionString"] = Path.Combine(state, "store.db");
        start.Environment["Profiles__Directory"] = Path.Combine(state, "profiles");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Cannot start dotnet.");
    }

    /// <summary>Stops the app now (to test what the page does when the server goes away).</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
