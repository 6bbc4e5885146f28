namespace GenreBlazor.Storage;

/// <summary>A named value of the store and its version, raised by one at every change.</summary>
/// <param name="Key">The name.</param>
/// <param name="Value">The value (JSON or plain text, as its owner decides).</param>
/// <param name="Version">1 when first set, then one more at every change; lets replicas see a change by polling.</param>
/// <param name="Updated">When it last changed.</param>
public sealed record StoredSetting(string Key, string Value, long Version, DateTimeOffset Updated);

/// <summary>
/// Small named values every replica must agree on (the active threshold profile, cursors, switches). A replica that
/// caches one compares versions (<see cref="VersionsAsync"/>) to learn that another replica changed it.
/// </summary>
public sealed class StoreSettings(AppStore store)
{
    /// <summary>The table.</summary>
    public static StoreSchema Schema { get; } = new("settings", _ =>
    [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, version BIGINT NOT NULL, updated TEXT NOT NULL)",
    ]);

    /// <summary>The setting called <paramref name="key"/>, or null.</summary>
    public async Task<StoredSetting?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync("SELECT key, value, version, updated FROM settings WHERE key = @key", Read, cancellationToken, ("key", key))
            .ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Sets a value; returns its new version.</summary>
    public async Task<long> SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var session = await store.BeginAsync(transaction: false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<long>(
            "INSERT INTO settings (key, value, version, updated) VALUES (@key, @value, 1, @updated) " +
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = settings.version + 1, updated = excluded.updated RETURNING version",
            cancellationToken, ("key", key), ("value", value), ("updated", StoreTime.Format(DateTimeOffset.UtcNow))).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets a value only if it is still at <paramref name="expectedVersion"/> (0: only if it does not exist yet), so two
    /// replicas racing to change it cannot both win. Returns the new version, or null when another change came first.
    /// </summary>
    public async Task<long?> SetIfAsync(string key, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = StoreTime.Format(DateTimeOffset.UtcNow);
        await using var session = await store.BeginAsync(transaction: false, cancellationToken).ConfigureAwait(false);
        if (expectedVersion == 0)
        {
            return await session.ScalarAsync<long?>(
                "INSERT INTO settings (key, value, version, updated) VALUES (@key, @value, 1, @updated) ON CONFLICT (key) DO NOTHING RETURNING version",
                cancellationToken, ("key", key), ("value", value), ("updated", now)).ConfigureAwait(false);
        }
        return await session.ScalarAsync<long?>(
            "UPDATE settings SET value = @value, version = version + 1, updated = @updated WHERE key = @key AND version = @expected RETURNING version",
            cancellationToken, ("key", key), ("value", value), ("updated", now), ("expected", expectedVersion)).ConfigureAwait(false);
    }

    /// <summary>Removes a setting; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await store.ExecuteAsync("DELETE FROM settings WHERE key = @key", cancellationToken, ("key", key)).ConfigureAwait(false) > 0;

    /// <summary>The version of every setting whose key starts with <paramref name="prefix"/>: cheap to poll.</summary>
    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(string prefix = "", CancellationToken cancellationToken = default) =>
        (await store.QueryAsync("SELECT key, version FROM settings WHERE substr(key, 1, length(@prefix)) = @prefix", r => (r.GetString(0), r.GetInt64(1)),
            cancellationToken, ("prefix", prefix)).ConfigureAwait(false)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static StoredSetting Read(System.Data.Common.DbDataReader row) =>
        new(row.GetString(0), row.GetString(1), row.GetInt64(2), StoreTime.Parse(row.GetString(3)));
}
