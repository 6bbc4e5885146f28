using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Vision.Bundles;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Serving;

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
        Posters = PosterModel.Load(Bundle, options.Value.Onnx);
        HeldOut = HeldOutModels(Bundle);
        logger.LogInformation("Loaded model bundle {Version} from {Directory} in {Milliseconds} ms", Bundle.Manifest.Version, BundleDirectory, clock.ElapsedMilliseconds);
    }

    /// <summary>The bundle folder in use.</summary>
    public string BundleDirectory { get; }

    /// <summary>The loaded bundle.</summary>
    public ModelBundle Bundle { get; }

    /// <summary>The poster model, when the bundle has one.</summary>
    public PosterModel? Posters { get; }

    /// <summary>Each deciding model over its own held-out part: the text model always, the poster model and the fusion when the bundle has their scores.</summary>
    public IReadOnlyList<HeldOutModel> HeldOut { get; }

    /// <summary>The text model's held-out workspace.</summary>
    public ThresholdWorkspace Workspace => HeldOut[0].Workspace;

    /// <summary>The held-out part of <paramref name="model"/>, or null when the bundle has none for it.</summary>
    public HeldOutModel? HeldOutOf(DecidingModel model) => HeldOut.FirstOrDefault(h => h.Model == model);

    /// <summary>Version of the bundle, reported by every answer.</summary>
    public string Version => Bundle.Manifest.Version;

    private static List<HeldOutModel> HeldOutModels(ModelBundle bundle)
    {
        var models = new List<HeldOutModel> { new(DecidingModel.Text, "Plot model", new ThresholdWorkspace(bundle.LoadTestPredictions()), bundle.TextThresholds) };
        if (bundle.Manifest.Poster is { } poster && bundle.PosterTestPredictions is { } posterScores)
        {
            models.Add(new(DecidingModel.Poster, "Poster model", new ThresholdWorkspace(posterScores), poster.Thresholds));
        }
        if (bundle.Manifest.Fusion is { } fusion && bundle.FusedTestPredictions is { } fusedScores)
        {
            models.Add(new(DecidingModel.Fused, "Plot + poster fusion", new ThresholdWorkspace(fusedScores), fusion.Thresholds));
        }
        return models;
    }

    /// <summary>Releases the poster model's ONNX sessions.</summary>
    public void Dispose() => Posters?.Dispose();
}
