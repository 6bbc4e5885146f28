using System.Text;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Storage.Profiles;

/// <summary>Limits on the server's threshold profiles.</summary>
/// <param name="MaxProfiles">How many profiles the server keeps at most.</param>
/// <param name="MaxBytes">The largest profile, as JSON, in bytes.</param>
public sealed record ProfileLimits(int MaxProfiles = 200, int MaxBytes = 16 * 1024);

/// <summary>A stored row that is no longer a valid profile (edited by hand, or from another build), with the reason.</summary>
public sealed record ProfileProblem(string Name, string Reason);

/// <summary>
/// The server's threshold profiles and the active one, in the store, so every replica decides alike. A profile's name
/// is its key, exactly (after Unicode normalisation): "日本" and "中国", "Café" and "caf-" are different profiles, and a
/// new name that differs from an existing one only by letter case is refused, because people would read them as one.
/// The active profile's name is the setting <see cref="ActiveKey"/>, whose version tells replicas it changed.
/// </summary>
public sealed class ProfileRepository(AppStore store, StoreSettings settings, ProfileLimits limits)
{
    /// <summary>The setting that names the active profile ("" for the tuned thresholds).</summary>
    public const string ActiveKey = "profiles.active";

    /// <summary>The table.</summary>
    public static StoreSchema Schema { get; } = new("profiles", _ =>
    [
        "CREATE TABLE profiles (name TEXT PRIMARY KEY, folded TEXT NOT NULL UNIQUE, json TEXT NOT NULL, saved TEXT NOT NULL, bytes INTEGER NOT NULL)",
    ]);

    /// <summary>The limits in force.</summary>
    public ProfileLimits Limits => limits;

    /// <summary>Names of the saved profiles, sorted (read from the table's key, not by parsing every profile).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync("SELECT name FROM profiles", r => r.GetString(0), cancellationToken).ConfigureAwait(false))
            .Order(StringComparer.OrdinalIgnoreCase).ThenBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>The profile called <paramref name="name"/>; throws when there is none or it is no longer valid.</summary>
    public async Task<ThresholdProfile> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = Key(name);
        var json = (await store.QueryAsync("SELECT json FROM profiles WHERE name = @name", r => r.GetString(0), cancellationToken, ("name", key))
            .ConfigureAwait(false)).SingleOrDefault() ?? throw new ThresholdProfileException($"There is no profile named '{name}'.");
        return ThresholdProfile.Parse(json, $"The stored profile '{key}'");
    }

    /// <summary>Saves (or replaces) a profile after validating it and checking the limits; returns it as stored.</summary>
    public async Task<ThresholdProfile> SaveAsync(ThresholdProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile = (profile with { Saved = profile.Saved ?? DateTimeOffset.UtcNow }).Validated();
        var json = profile.ToJson();
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > limits.MaxBytes)
        {
            throw new ThresholdProfileException($"Profile '{profile.Name}' is {bytes:N0} bytes as JSON; a profile is at most {limits.MaxBytes:N0}.");
        }
        await store.InTransactionAsync(async session =>
        {
            var folded = Fold(profile.Name);
            var clash = await session.ScalarAsync<string>("SELECT name FROM profiles WHERE folded = @folded AND name <> @name", cancellationToken,
                ("folded", folded), ("name", profile.Name)).ConfigureAwait(false);
            if (clash is not null)
            {
                throw new ThresholdProfileException($"A profile named '{clash}' exists; '{profile.Name}' differs from it only in letter case. Choose another name, or save as '{clash}'.");
            }
            var exists = await session.ScalarAsync<long>("SELECT COUNT(*) FROM profiles WHERE name = @name", cancellationToken, ("name", profile.Name)).ConfigureAwait(false) > 0;
            if (!exists && await session.ScalarAsync<long>("SELECT COUNT(*) FROM profiles", cancellationToken).ConfigureAwait(false) >= limits.MaxProfiles)
            {
                throw new ThresholdProfileException($"The server keeps at most {limits.MaxProfiles:N0} profiles; delete one before saving another.");
            }
            await session.ExecuteAsync(
                "INSERT INTO profiles (name, folded, json, saved, bytes) VALUES (@name, @folded, @json, @saved, @bytes) " +
                "ON CONFLICT (name) DO UPDATE SET json = excluded.json, saved = excluded.saved, bytes = excluded.bytes",
                cancellationToken, ("name", profile.Name), ("folded", folded), ("json", json), ("saved", StoreTime.Format(profile.Saved!.Value)), ("bytes", bytes))
                .ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (await ActiveNameAsync(cancellationToken).ConfigureAwait(false) == profile.Name)
        {
            // Replicas re-read the active profile when its setting's version moves.
            await settings.SetAsync(ActiveKey, profile.Name, cancellationToken).ConfigureAwait(false);
        }
        return profile;
    }

    /// <summary>Deletes a profile; if it was active, the tuned thresholds become active again. Throws when there is none.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = Key(name);
        if (await store.ExecuteAsync("DELETE FROM profiles WHERE name = @name", cancellationToken, ("name", key)).ConfigureAwait(false) == 0)
        {
            throw new ThresholdProfileException($"There is no profile named '{name}'.");
        }
        if (await ActiveNameAsync(cancellationToken).ConfigureAwait(false) == key)
        {
            await settings.SetAsync(ActiveKey, "", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The active profile's name and the setting's version (0 when never set); null name for the tuned thresholds.</summary>
    public async Task<(string? Name, long Version)> ActiveAsync(CancellationToken cancellationToken = default) =>
        await settings.GetAsync(ActiveKey, cancellationToken).ConfigureAwait(false) is { } setting
            ? (setting.Value.Length == 0 ? null : setting.Value, setting.Version)
            : (null, 0);

    /// <summary>Makes a saved profile the one the app decides with (null: the tuned thresholds), for every replica.</summary>
    public async Task ActivateAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (name is not null)
        {
            name = (await LoadAsync(name, cancellationToken).ConfigureAwait(false)).Name;
        }
        await settings.SetAsync(ActiveKey, name ?? "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stored rows that are no longer valid profiles, with the reason (they are listed, never used).</summary>
    public async Task<IReadOnlyList<ProfileProblem>> ProblemsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await store.QueryAsync("SELECT name, json FROM profiles", r => (r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        var problems = new List<ProfileProblem>();
        foreach (var (name, json) in rows)
        {
            try
            {
                ThresholdProfile.Parse(json, $"The stored profile '{name}'");
            }
            catch (ThresholdProfileException e)
            {
                problems.Add(new ProfileProblem(name, e.Message));
            }
        }
        return problems;
    }

    private async Task<string?> ActiveNameAsync(CancellationToken cancellationToken) => (await ActiveAsync(cancellationToken).ConfigureAwait(false)).Name;

    // The key of a name as a caller types it: refused when it cannot be a profile name, normalised like a saved name.
    private static string Key(string name)
    {
        var normal = ThresholdProfile.NormalizeName(name ?? "");
        return ThresholdProfile.NameProblem(normal) is { } problem ? throw new ThresholdProfileException($"Profile name '{name}': {problem}") : normal;
    }

    private static string Fold(string name) => name.ToUpperInvariant();
}
