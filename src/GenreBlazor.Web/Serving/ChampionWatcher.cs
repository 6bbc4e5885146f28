using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Storage;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Serving;

/// <summary>Section <c>ModelLifecycle</c>: how the running app follows the registry.</summary>
public sealed class ModelLifecycleOptions
{
    /// <summary>How often the app checks whether the champion changed (a promotion through the CLI or another replica).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The promotion policy of <c>POST /api/models/{version}/promote</c> (the CLI's <c>--max-drop</c>).</summary>
    public double MaxMicroF1Drop { get; set; } = new PromotionPolicy().MaxMicroF1Drop;
}

/// <summary>
/// Serves the registry's champion: at start-up the bundle the app loaded becomes champion of an empty registry (else
/// the champion's folder is loaded), and every <see cref="ModelLifecycleOptions.RefreshInterval"/> the version of
/// the setting <see cref="ModelRegistry.ChampionSetting"/> is read (one cheap query, as <see cref="ServerProfileRefresher"/>
/// does for profiles); when it moved, the new champion's folder is loaded (checksums verified) beside the serving one
/// and swapped in. A bundle that fails to load is logged, the old one keeps serving, and it is not tried again until
/// the champion changes once more.
/// </summary>
public sealed class ChampionWatcher(GenreModelHost host, ModelRegistry registry, StoreSettings settings, IOptions<ModelLifecycleOptions> options,
    ILogger<ChampionWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _seen = -1;

    /// <summary>Why the champion named in the store is not the model serving here, when it is not.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server listens: the first request is answered by the champion, not by the configured bundle.
        try
        {
            await registry.EnsureChampionAsync(host.Current.Bundle, cancellationToken).ConfigureAwait(false);
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or StoreException or ModelRegistryException or TimeoutException)
        {
            logger.LogWarning("The model registry could not be read at start-up; serving {Version}: {Reason}", host.Current.Version, e.Message);
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or StoreException or TimeoutException)
            {
                logger.LogWarning("The champion could not be read from the store: {Reason}", e.Message);
            }
        }
    }

    /// <summary>Swaps in the champion now when the store says it changed since the last look (a promotion through this app calls it at once).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var versions = await settings.VersionsAsync(ModelRegistry.ChampionSetting, cancellationToken).ConfigureAwait(false);
            var version = versions.TryGetValue(ModelRegistry.ChampionSetting, out var v) ? v : -1;
            if (version == Interlocked.Read(ref _seen))
            {
                return;
            }
            var champion = await registry.ChampionAsync(cancellationToken).ConfigureAwait(false);
            if (champion is not null && champion.Version != host.Current.Version)
            {
                try
                {
                    // Loading takes seconds (the text model, ONNX sessions): requests keep running on the serving model meanwhile.
                    var next = await Task.Run(() => host.Load(champion.Directory), cancellationToken).ConfigureAwait(false);
                    host.Swap(next);
                    Problem = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whatever is wrong with the new bundle (checksums, a missing file, ONNX refusing the backbone), the old one keeps serving.
                    Problem = $"Champion {champion.Version} could not be loaded from {champion.Directory}, so {host.Current.Version} keeps serving: {e.Message}";
                    logger.LogError(e, "{Problem}", Problem);
                }
            }
            else
            {
                Problem = null;
            }
            Interlocked.Exchange(ref _seen, version);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
