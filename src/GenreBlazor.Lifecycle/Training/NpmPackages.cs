using System.Diagnostics;

namespace GenreBlazor.Lifecycle.Training;

/// <summary>Fetches a pinned npm package into the ignored cache with scripts/fetch-npm-package.sh (npm pack + tar; no install scripts run).</summary>
internal static class NpmPackages
{
    public static string Fetch(string repositoryRoot, string package, string version, Action<string> log)
    {
        var script = Path.Combine(repositoryRoot, "scripts", "fetch-npm-package.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run from a clone of the repository, or pass the file explicitly.");
        }
        log($"Fetching {package}@{version} from npm (once)…");
        var start = new ProcessStartInfo("bash", [script, package, version]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repositoryRoot };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start bash.");
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Fetching {package}@{version} failed: {error.Trim()}");
        }
        return output;
    }
}
