using GenreBlazor.Core.Thresholds;
using GenreBlazor.Storage.Profiles;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Serving;

/// <summary>
/// The server's threshold profiles as the running app uses them: the profiles in the store, and the active one kept in
/// memory so every prediction reads it without a round trip. A change made here is seen at once; one made through
/// another replica is seen at the next refresh (<see cref="ServerProfileRefresher"/>, every
/// <see cref="ProfileOptions.RefreshInterval"/>), when the active setting's version has moved. Thread-safe.
/// </summary>
public sealed class ServerProfiles(ProfileRepository repository, ILogger<ServerProfiles> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile ThresholdProfile? _active;
    private long _version = -1;

    /// <summary>The active profile, or null for the model's tuned thresholds.</summary>
    public ThresholdProfile? Active => _active;

    /// <summary>Why the active profile named in the store could not be used, if it could not.</summary>
    public string? ActiveProblem { get; private set; }

    /// <summary>The limits on the server's profiles.</summary>
    public ProfileLimits Limits => repository.Limits;

    /// <summary>Raised after the active profile changes (here or on another replica).</summary>
    public event Action<ThresholdProfile?>? ActiveChanged;

    /// <summary>Names of the saved profiles, sorted.</summary>
    public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken = default) => repository.NamesAsync(cancellationToken);

    /// <summary>Stored profiles that are no longer valid, with the reason.</summary>
    public Task<IReadOnlyList<ProfileProblem>> ProblemsAsync(CancellationToken cancellationToken = default) => repository.ProblemsAsync(cancellationToken);

    /// <summary>A saved profile; throws <see cref="ThresholdProfileException"/> when there is none.</summary>
    public Task<ThresholdProfile> LoadAsync(string name, CancellationToken cancellationToken = default) => repository.LoadAsync(name, cancellationToken);

    /// <summary>Saves or replaces a profile (validated, within the limits).</summary>
    public async Task<ThresholdProfile> SaveAsync(ThresholdProfile profile, CancellationToken cancellationToken = default)
    {
        var saved = await repository.SaveAsync(profile, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Deletes a profile; the tuned thresholds become active if it was.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await repository.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a saved profile active for everyone (null: the tuned thresholds).</summary>
    public async Task ActivateAsync(string? name, CancellationToken cancellationToken = default)
    {
        await repository.ActivateAsync(name, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the active profile again when the store says it changed since the last read.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThresholdProfile? changed;
        try
        {
            var (name, version) = await repository.ActiveAsync(cancellationToken).ConfigureAwait(false);
            if (version == Interlocked.Read(ref _version))
            {
                return;
            }
            changed = null;
            ActiveProblem = null;
            if (name is not null)
            {
                try
                {
                    changed = await repository.LoadAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (ThresholdProfileException e)
                {
                    // The app keeps deciding, with the tuned thresholds, and says why.
                    ActiveProblem = $"The active profile could not be loaded: {e.Message}";
                    logger.LogWarning("{Problem} Deciding with the tuned thresholds.", ActiveProblem);
                }
            }
            _active = changed;
            Interlocked.Exchange(ref _version, version);
        }
        finally
        {
            _refresh.Release();
        }
        ActiveChanged?.Invoke(changed);
    }

    /// <summary>Releases the refresh gate.</summary>
    public void Dispose() => _refresh.Dispose();

    /// <summary>
    /// Imports the profile files of an earlier release (one <c>*.profile.json</c> each, plus <c>active.json</c>) into an
    /// empty store, once, so an upgrade loses none. Files that are not valid profiles are logged and left where they are.
    /// </summary>
    public async Task ImportFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder) || (await repository.NamesAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }
        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.profile.json"))
        {
            try
            {
                await repository.SaveAsync(ThresholdProfile.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), Path.GetFileName(file)),
                    cancellationToken).ConfigureAwait(false);
                imported++;
            }
            catch (ThresholdProfileException e)
            {
                logger.LogWarning("Profile file {File} was not imported: {Reason}", file, e.Message);
            }
        }
        var marker = Path.Combine(folder, "active.json");
        if (imported > 0 && File.Exists(marker))
        {
            try
            {
                var name = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(marker, cancellationToken).ConfigureAwait(false))
                    .RootElement.GetProperty("name").GetString();
                await repository.ActivateAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ThresholdProfileException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                logger.LogWarning("The active profile named in {File} was not made active: {Reason}", marker, e.Message);
            }
        }
        if (imported > 0)
        {
            logger.LogInformation("Imported {Count} threshold profile(s) from {Folder} into the store", imported, folder);
        }
    }
}

/// <summary>Refreshes the active profile from the store at an interval, so a change through another replica reaches this one.</summary>
public sealed class ServerProfileRefresher(ServerProfiles profiles, IOptions<ProfileOptions> options, ILogger<ServerProfileRefresher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await profiles.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or GenreBlazor.Storage.StoreException or TimeoutException)
            {
                // The store is away for a moment: keep deciding with what is known, try again at the next tick.
                logger.LogWarning("The active profile could not be refreshed from the store: {Reason}", e.Message);
            }
        }
    }
}
