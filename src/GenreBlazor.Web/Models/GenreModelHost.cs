using GenreBlazor.Core.Bundles;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Models;

/// <summary>
/// The model bundle, loaded once at start-up and verified (checksums of every file). Thread-safe: the models score
/// concurrent requests without locks.
/// </summary>
public sealed class GenreModelHost
{
    /// <summary>Loads the configured bundle; throws <see cref="ModelBundleException"/> naming the bad file.</summary>
    public GenreModelHost(IOptions<GenreModelOptions> options, ILogger<GenreModelHost> logger)
    {
        BundleDirectory = Resolve(options.Value.BundlePath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Bundle = ModelBundle.Load(BundleDirectory);
        logger.LogInformation("Loaded model bundle {Version} from {Directory} in {Milliseconds} ms", Bundle.Manifest.Version, BundleDirectory, clock.ElapsedMilliseconds);
    }

    /// <summary>The bundle folder in use.</summary>
    public string BundleDirectory { get; }

    /// <summary>The loaded bundle.</summary>
    public ModelBundle Bundle { get; }

    /// <summary>Version of the bundle, reported by every answer.</summary>
    public string Version => Bundle.Manifest.Version;

    /// <summary>An absolute bundle path: relative paths are taken from the repository root when the app runs inside it.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return Path.Combine(directory.FullName, path);
            }
        }
        return Path.Combine(AppContext.BaseDirectory, path);
    }
}
