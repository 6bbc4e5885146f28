using System.Data.Common;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Storage;

namespace GenreBlazor.Lifecycle.Registry;

/// <summary>When a promotion is allowed.</summary>
/// <param name="MaxMicroF1Drop">How much lower the candidate's micro-F1 may be than the champion's on their shared held-out rows.</param>
public sealed record PromotionPolicy(double MaxMicroF1Drop = 0.005);

/// <summary>What a promotion or rollback did.</summary>
/// <param name="Champion">The new champion.</param>
/// <param name="Previous">The champion it replaced, if any.</param>
/// <param name="Comparison">The comparison the policy was checked on, when there was a champion to compare with.</param>
public sealed record AliasChange(string Champion, string? Previous, ModelComparisonResult? Comparison);

/// <summary>
/// Every trained bundle, registered in the store with its figures and checksums, and the aliases (as MLflow has them:
/// <see cref="Champion"/> serves, <see cref="Challenger"/> waits for its comparison). The champion alias's version in
/// the settings (<see cref="ChampionSetting"/>) is what every replica polls to swap its serving model. Promotion checks
/// the bundle's checksums and compares it with the champion; a regression beyond the policy's margin needs force.
/// </summary>
public sealed class ModelRegistry(AppStore store, StoreSettings settings)
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    /// <summary>The setting naming the champion's version; its version number rises at every promotion or rollback.</summary>
    public const string ChampionSetting = "models.champion";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The tables, as a schema part of the store (needs <see cref="StoreSettings.Schema"/> too).</summary>
    public static StoreSchema Schema { get; } = new("registry", _ =>
    [
        "CREATE TABLE model_versions (version TEXT PRIMARY KEY, created TEXT NOT NULL, registered TEXT NOT NULL, directory TEXT NOT NULL, fingerprint TEXT NOT NULL, " +
        "snapshot TEXT NULL, parent TEXT NULL, hyperparameters TEXT NOT NULL, metrics TEXT NOT NULL, files TEXT NOT NULL);" +
        "CREATE TABLE model_aliases (alias TEXT PRIMARY KEY, version TEXT NOT NULL, updated TEXT NOT NULL);" +
        "CREATE TABLE model_promotions (at TEXT NOT NULL, alias TEXT NOT NULL, version TEXT NOT NULL, previous TEXT NULL, kind TEXT NOT NULL, PRIMARY KEY (at, alias))",
    ]);

    /// <summary>
    /// Registers the bundle in <paramref name="directory"/> (verified: every checksum of its manifest); registering a
    /// version again updates its folder and keeps its history.
    /// </summary>
    public Task<ModelVersion> RegisterAsync(string directory, string? snapshot = null, string? parent = null, CancellationToken cancellationToken = default) =>
        RegisterAsync(LoadVerified(Path.GetFullPath(directory)), snapshot, parent, cancellationToken);

    /// <summary>Registers a bundle loaded (and so verified) already, e.g. the one a running app serves.</summary>
    public async Task<ModelVersion> RegisterAsync(ModelBundle bundle, string? snapshot = null, string? parent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var full = Path.GetFullPath(bundle.Directory);
        var manifest = bundle.Manifest;
        var files = manifest.Files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        files[ModelBundle.ManifestFile] = ModelBundle.Checksum(Path.Combine(full, ModelBundle.ManifestFile));
        var metrics = new ModelMetrics(manifest.Text.TestMetrics.MicroF1, manifest.Text.TestMetrics.MacroF1, manifest.Text.TestMetrics.Count,
            manifest.Poster?.TestMetrics.MicroF1, manifest.Fusion?.TestFused.MicroF1,
            manifest.Text.TestMetrics.PerGenre.ToDictionary(g => g.Key, g => g.Value.F1, StringComparer.Ordinal));
        await store.ExecuteAsync(
            "INSERT INTO model_versions (version, created, registered, directory, fingerprint, snapshot, parent, hyperparameters, metrics, files) " +
            "VALUES (@version, @created, @registered, @directory, @fingerprint, @snapshot, @parent, @hyper, @metrics, @files) ON CONFLICT (version) DO UPDATE SET " +
            "directory = excluded.directory, files = excluded.files, snapshot = COALESCE(excluded.snapshot, model_versions.snapshot), parent = COALESCE(excluded.parent, model_versions.parent)",
            cancellationToken, ("version", manifest.Version), ("created", StoreTime.Format(manifest.Created)), ("registered", StoreTime.Format(DateTimeOffset.UtcNow)),
            ("directory", full), ("fingerprint", manifest.Data.Fingerprint), ("snapshot", snapshot), ("parent", parent),
            ("hyper", JsonSerializer.Serialize(manifest.Text.Options, ModelBundle.Json)), ("metrics", JsonSerializer.Serialize(metrics, Json)),
            ("files", JsonSerializer.Serialize(files, Json))).ConfigureAwait(false);
        return (await GetAsync(manifest.Version, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Registers <paramref name="directory"/> as champion when there is none yet (the committed bundle, at first start).</summary>
    public Task<ModelVersion> EnsureChampionAsync(string directory, CancellationToken cancellationToken = default) =>
        EnsureChampionAsync(() => LoadVerified(Path.GetFullPath(directory)), cancellationToken);

    /// <summary>The same for a bundle loaded already (the app's own at start-up: it is not read a second time).</summary>
    public Task<ModelVersion> EnsureChampionAsync(ModelBundle bundle, CancellationToken cancellationToken = default) =>
        EnsureChampionAsync(() => bundle, cancellationToken);

    private async Task<ModelVersion> EnsureChampionAsync(Func<ModelBundle> bundle, CancellationToken cancellationToken)
    {
        if (await ChampionAsync(cancellationToken).ConfigureAwait(false) is { } champion)
        {
            return champion;
        }
        var registered = await RegisterAsync(bundle(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await SetAliasAsync(Champion, registered.Version, null, "first start", cancellationToken).ConfigureAwait(false);
        return (await GetAsync(registered.Version, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every registered version, newest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        return await store.QueryAsync(Select + " ORDER BY created DESC, version DESC", r => Read(r, aliases), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One version, or null.</summary>
    public async Task<ModelVersion?> GetAsync(string version, CancellationToken cancellationToken = default)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        return (await store.QueryAsync(Select + " WHERE version = @version", r => Read(r, aliases), cancellationToken, ("version", version)).ConfigureAwait(false))
            .SingleOrDefault();
    }

    /// <summary>The version an alias points at, or null.</summary>
    public async Task<ModelVersion?> AliasAsync(string alias, CancellationToken cancellationToken = default) =>
        (await AliasesAsync(cancellationToken).ConfigureAwait(false)).TryGetValue(alias, out var version) ? await GetAsync(version, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>The champion, or null before the first start.</summary>
    public Task<ModelVersion?> ChampionAsync(CancellationToken cancellationToken = default) => AliasAsync(Champion, cancellationToken);

    /// <summary>Compares two registered versions on their shared held-out rows.</summary>
    public async Task<ModelComparisonResult> CompareAsync(string baseline, string candidate, CancellationToken cancellationToken = default)
    {
        var a = await RequireAsync(baseline, cancellationToken).ConfigureAwait(false);
        var b = await RequireAsync(candidate, cancellationToken).ConfigureAwait(false);
        return ModelComparison.Compare(LoadVerified(a.Directory), LoadVerified(b.Directory));
    }

    /// <summary>Points <see cref="Challenger"/> at a registered version.</summary>
    public async Task SetChallengerAsync(string version, CancellationToken cancellationToken = default)
    {
        var registered = await RequireAsync(version, cancellationToken).ConfigureAwait(false);
        await SetAliasAsync(Challenger, registered.Version, null, "challenger", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="version"/> the champion. Refused when its files fail their checksums (always), or when its
    /// micro-F1 on the rows it shares with the champion is lower by more than the policy allows (unless <paramref name="force"/>).
    /// </summary>
    public async Task<AliasChange> PromoteAsync(string version, PromotionPolicy policy, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var candidate = await RequireAsync(version, cancellationToken).ConfigureAwait(false);
        var bundle = LoadVerified(candidate.Directory);
        var champion = await ChampionAsync(cancellationToken).ConfigureAwait(false);
        if (champion?.Version == candidate.Version)
        {
            throw new ModelRegistryException($"{candidate.Version} is already the champion.");
        }
        ModelComparisonResult? comparison = null;
        if (champion is not null)
        {
            try
            {
                comparison = ModelComparison.Compare(LoadVerified(champion.Directory), bundle);
            }
            catch (ModelRegistryException e)
            {
                // No shared held-out rows (or an unreadable champion): nothing to judge by, so only an operator's --force decides.
                comparison = force ? null : throw new ModelRegistryException(e.Message + " Use --force to promote it anyway.", e);
            }
            if (comparison is not null && comparison.Delta < -policy.MaxMicroF1Drop && !force)
            {
                throw new ModelRegistryException(
                    $"{candidate.Version} scores micro-F1 {comparison.CandidateMicroF1:F4} on the {comparison.Rows:N0} held-out movies it shares with the champion " +
                    $"{champion.Version} ({comparison.BaselineMicroF1:F4}): {-comparison.Delta:F4} lower, more than the {policy.MaxMicroF1Drop:F4} allowed. Use --force to promote it anyway.");
            }
        }
        await SetAliasAsync(Champion, candidate.Version, champion?.Version, "promote", cancellationToken).ConfigureAwait(false);
        return new AliasChange(candidate.Version, champion?.Version, comparison);
    }

    /// <summary>Makes the champion before the last promotion the champion again (its checksums verified first).</summary>
    public async Task<AliasChange> RollbackAsync(CancellationToken cancellationToken = default)
    {
        var champion = await ChampionAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ModelRegistryException("There is no champion to roll back.");
        var promotions = await store.QueryAsync(
            "SELECT previous FROM model_promotions WHERE alias = @alias AND version = @version AND kind = 'promote' AND previous IS NOT NULL ORDER BY at DESC",
            r => r.GetString(0), cancellationToken, ("alias", Champion), ("version", champion.Version)).ConfigureAwait(false);
        var previous = (promotions.Count > 0 ? promotions[0] : null)
            ?? throw new ModelRegistryException($"{champion.Version} was not promoted over another version, so there is nothing to roll back to.");
        var target = await RequireAsync(previous, cancellationToken).ConfigureAwait(false);
        LoadVerified(target.Directory);
        await SetAliasAsync(Champion, target.Version, champion.Version, "rollback", cancellationToken).ConfigureAwait(false);
        return new AliasChange(target.Version, champion.Version, null);
    }

    /// <summary>Every alias change, oldest first: the models' timeline.</summary>
    public async Task<IReadOnlyList<ModelPromotion>> PromotionsAsync(CancellationToken cancellationToken = default) =>
        await store.QueryAsync("SELECT at, alias, version, previous, kind FROM model_promotions ORDER BY at",
            r => new ModelPromotion(StoreTime.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Loads a bundle and checks every file against its manifest's checksums.</summary>
    public static ModelBundle LoadVerified(string directory)
    {
        try
        {
            return ModelBundle.Load(directory);
        }
        catch (Exception e) when (e is ModelBundleException or IOException or UnauthorizedAccessException)
        {
            throw new ModelRegistryException($"The bundle at {directory} is refused: {e.Message}", e);
        }
    }

    private async Task<ModelVersion> RequireAsync(string version, CancellationToken cancellationToken) =>
        await GetAsync(version, cancellationToken).ConfigureAwait(false)
        ?? throw new ModelRegistryException($"No version '{version}' is registered; 'models list' shows those that are.");

    private async Task SetAliasAsync(string alias, string version, string? previous, string kind, CancellationToken cancellationToken)
    {
        var now = StoreTime.Format(DateTimeOffset.UtcNow);
        await store.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "INSERT INTO model_aliases (alias, version, updated) VALUES (@alias, @version, @updated) ON CONFLICT (alias) DO UPDATE SET version = excluded.version, updated = excluded.updated",
                cancellationToken, ("alias", alias), ("version", version), ("updated", now)).ConfigureAwait(false);
            // Two changes in one millisecond would share a key; the later one waits a tick.
            var at = now;
            while (await session.ScalarAsync<long>("SELECT COUNT(*) FROM model_promotions WHERE at = @at AND alias = @alias", cancellationToken, ("at", at), ("alias", alias))
                .ConfigureAwait(false) > 0)
            {
                await Task.Delay(2, cancellationToken).ConfigureAwait(false);
                at = StoreTime.Format(DateTimeOffset.UtcNow);
            }
            await session.ExecuteAsync("INSERT INTO model_promotions (at, alias, version, previous, kind) VALUES (@at, @alias, @version, @previous, @kind)",
                cancellationToken, ("at", at), ("alias", alias), ("version", version), ("previous", previous), ("kind", kind)).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (alias == Champion)
        {
            await settings.SetAsync(ChampionSetting, version, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> AliasesAsync(CancellationToken cancellationToken) =>
        (await store.QueryAsync("SELECT alias, version FROM model_aliases", r => (r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private const string Select = "SELECT version, created, registered, directory, fingerprint, snapshot, parent, hyperparameters, metrics, files FROM model_versions";

    private static ModelVersion Read(DbDataReader r, IReadOnlyDictionary<string, string> aliases)
    {
        var version = r.GetString(0);
        return new ModelVersion(version, StoreTime.Parse(r.GetString(1)), StoreTime.Parse(r.GetString(2)), r.GetString(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
            JsonSerializer.Deserialize<ModelMetrics>(r.GetString(8), Json)!, JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(9), Json)!,
            aliases.Where(a => a.Value == version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList());
    }
}
