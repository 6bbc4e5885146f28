using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Vision.Bundles;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Models;

/// <summary>
/// The model bundle, loaded once at start-up and verified (checksums of every file). Thread-safe: the models score
/// concurrent requests without locks.
/// </summary>
public sealed class GenreModelHost : IDisposable
{
    /// <summary>Loads the configured bundle; throws <see cref="ModelBundleException"/> naming the bad file.</summary>
    public GenreModelHost(IOptions<GenreModelOptions> options, ILogger<GenreModelHost> logger)
    {
        BundleDirectory = AppPaths.Resolve(options.Value.BundlePath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Bundle = ModelBundle.Load(BundleDirectory);
        Workspace = new ThresholdWorkspace(Bundle.LoadTestPredictions());
        Posters = PosterModel.Load(Bundle, options.Value.Onnx);
        logger.LogInformation("Loaded model bundle {Version} from {Directory} in {Milliseconds} ms", Bundle.Manifest.Version, BundleDirectory, clock.ElapsedMilliseconds);
    }

    /// <summary>The bundle folder in use.</summary>
    public string BundleDirectory { get; }

    /// <summary>The loaded bundle.</summary>
    public ModelBundle Bundle { get; }

    /// <summary>The poster model, when the bundle has one.</summary>
    public PosterModel? Posters { get; }

    /// <summary>The Analyze page's engine over the bundle's scored test movies.</summary>
    public ThresholdWorkspace Workspace { get; }

    /// <summary>Version of the bundle, reported by every answer.</summary>
    public string Version => Bundle.Manifest.Version;

    /// <summary>Releases the poster model's ONNX sessions.</summary>
    public void Dispose() => Posters?.Dispose();
}
