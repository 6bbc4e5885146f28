using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Bundles;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Serving;

/// <summary>
/// One loaded bundle as the app serves it: the bundle, its poster model and each deciding model's held-out part.
/// Immutable; a swap replaces the whole snapshot, so a request that took one sees one model from start to end.
/// The poster model's ONNX sessions are native memory: they are disposed when the last holder releases the snapshot
/// (reference counted — the host holds one reference while it serves it, every <see cref="ModelLease"/> one more).
/// </summary>
public sealed class ServingModel
{
    private int _references = 1;

    private ServingModel(string directory, ModelBundle bundle, PosterModel? posters)
    {
        Directory = directory;
        Bundle = bundle;
        Posters = posters;
        HeldOut = HeldOutModels(bundle);
    }

    /// <summary>Loads and verifies the bundle in <paramref name="directory"/>; throws <see cref="ModelBundleException"/> naming the bad file.</summary>
    public static ServingModel Load(string directory, OnnxRuntimeOptions? onnx = null)
    {
        var bundle = ModelBundle.Load(directory);
        return new ServingModel(directory, bundle, PosterModel.Load(bundle, onnx));
    }

    /// <summary>The bundle folder.</summary>
    public string Directory { get; }

    public ModelBundle Bundle { get; }

    /// <summary>The poster model, when the bundle has one. Use it under a <see cref="ModelLease"/>: a swap may dispose it otherwise.</summary>
    public PosterModel? Posters { get; }

    /// <summary>Each deciding model over its own held-out part: the text model always, the poster model and the fusion when the bundle has their scores.</summary>
    public IReadOnlyList<HeldOutModel> HeldOut { get; }

    /// <summary>The text model's held-out workspace.</summary>
    public ThresholdWorkspace Workspace => HeldOut[0].Workspace;

    /// <summary>The bundle's version, reported by every answer.</summary>
    public string Version => Bundle.Manifest.Version;

    /// <summary>The held-out part of <paramref name="model"/>, or null when the bundle has none for it.</summary>
    public HeldOutModel? HeldOutOf(DecidingModel model) => HeldOut.FirstOrDefault(h => h.Model == model);

    // Fails once the count reached zero: the snapshot was released by the host and its last lease, and is disposed.
    internal bool TryAcquire()
    {
        while (true)
        {
            var count = Volatile.Read(ref _references);
            if (count == 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _references, count + 1, count) == count)
            {
                return true;
            }
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Posters?.Dispose();
        }
    }

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
}

/// <summary>A hold on one <see cref="ServingModel"/>: its poster model stays usable until this is disposed.</summary>
public sealed class ModelLease : IDisposable
{
    private int _released;

    internal ModelLease(ServingModel model) => Model = model;

    public ServingModel Model { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Model.Release();
        }
    }
}

/// <summary>
/// The model the app serves now. <see cref="Current"/> is swapped atomically (<see cref="Swap"/>, by the champion
/// poller of <c>Extensions/LifecycleRegistration.cs</c>): a request reads it once and finishes on that snapshot;
/// work on the poster model takes a <see cref="Acquire">lease</see>, so the old snapshot's ONNX sessions are disposed
/// only after the last request on it ends. Starts with the configured bundle (<see cref="GenreModelOptions.BundlePath"/>).
/// </summary>
public sealed class GenreModelHost : IDisposable
{
    private readonly OnnxRuntimeOptions _onnx;
    private readonly ILogger<GenreModelHost> _logger;
    private ServingModel _current;
    private volatile ServingModel? _previous;

    /// <summary>Loads the configured bundle; throws <see cref="ModelBundleException"/> naming the bad file.</summary>
    public GenreModelHost(IOptions<GenreModelOptions> options, ILogger<GenreModelHost> logger)
    {
        _onnx = options.Value.Onnx;
        _logger = logger;
        _current = Load(AppPaths.Resolve(options.Value.BundlePath));
    }

    /// <summary>The snapshot serving now. Read it once per request; for the poster model take a lease instead.</summary>
    public ServingModel Current => Volatile.Read(ref _current);

    /// <summary>
    /// The snapshot of <paramref name="version"/> when it is the current or the previous one, else null. Only its
    /// managed parts (manifest, thresholds, text model) are safe to use: the previous one's poster model may be disposed.
    /// </summary>
    public ServingModel? Served(string version)
    {
        var current = Current;
        return current.Version == version ? current : _previous is { } previous && previous.Version == version ? previous : null;
    }

    /// <summary>Raised after a swap, with the new snapshot (pages that show the model redraw).</summary>
    public event Action<ServingModel>? Swapped;

    /// <summary>The current snapshot, held until the lease is disposed.</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            var model = Volatile.Read(ref _current);
            // A swap between the read and the acquire may have released the last hold: read the new one.
            if (model.TryAcquire())
            {
                return new ModelLease(model);
            }
        }
    }

    /// <summary>Loads a bundle with this host's ONNX options (checksums verified); throws <see cref="ModelBundleException"/>.</summary>
    public ServingModel Load(string directory)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = ServingModel.Load(directory, _onnx);
        _logger.LogInformation("Loaded model bundle {Version} from {Directory} in {Milliseconds} ms", model.Version, directory, clock.ElapsedMilliseconds);
        return model;
    }

    /// <summary>Serves <paramref name="next"/> from now on; the old snapshot is released (disposed when its last lease ends).</summary>
    public void Swap(ServingModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var old = Interlocked.Exchange(ref _current, next);
        if (ReferenceEquals(old, next))
        {
            return;
        }
        _previous = old;
        old.Release();
        _logger.LogInformation("Serving model {Version} (was {Previous})", next.Version, old.Version);
        Swapped?.Invoke(next);
    }

    /// <summary>Releases the serving snapshot.</summary>
    public void Dispose() => Current.Release();
}
