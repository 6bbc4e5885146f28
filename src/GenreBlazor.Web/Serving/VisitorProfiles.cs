using System.Security.Cryptography;
using System.Text;
using GenreBlazor.Core.Thresholds;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace GenreBlazor.Web.Serving;

/// <summary>Which profile a visitor's own Classify page decides with: one of their own, or a server profile by name.</summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Server">Whether it is a server profile (read when used, so an operator's change to it reaches the visitor).</param>
public sealed record VisitorChoice(string Name, bool Server);

/// <summary>
/// A visitor's own threshold profiles and the one their Classify page decides with, kept in their browser's local
/// storage, encrypted and signed by the server's Data Protection keys (<see cref="ProtectedLocalStorage"/>), so a
/// visitor keeps them across visits and nothing they do reaches another visitor or the server's profiles. Scoped: one
/// per circuit, which reads the storage once (after the first render: browser storage needs the circuit's JavaScript)
/// and writes it through on every change. Stored entries that no longer read as valid profiles are dropped.
/// </summary>
public sealed class VisitorProfiles(ProtectedLocalStorage storage, ServerProfiles server, ILogger<VisitorProfiles> logger)
{
    /// <summary>Most profiles one browser keeps.</summary>
    public const int MaxProfiles = 20;

    private const string ProfilesKey = "genreblazor.profiles";
    private const string ChoiceKey = "genreblazor.profiles.choice";

    private List<ThresholdProfile>? profiles;
    private VisitorChoice? choice;

    /// <summary>Raised after the visitor's profiles or their choice change.</summary>
    public event Action? Changed;

    /// <summary>The visitor's profiles, sorted by name.</summary>
    public async Task<IReadOnlyList<ThresholdProfile>> ListAsync() => await LoadedAsync();

    /// <summary>The profile the visitor's Classify page decides with, or null for the server's active one.</summary>
    public async Task<VisitorChoice?> ChoiceAsync()
    {
        await LoadedAsync();
        return choice;
    }

    /// <summary>
    /// The chosen profile itself, or null. A chosen server profile that was deleted since is forgotten, and the server's
    /// active profile decides again.
    /// </summary>
    public async Task<ThresholdProfile?> ChosenAsync()
    {
        var mine = await LoadedAsync();
        if (choice is null)
        {
            return null;
        }
        if (!choice.Server)
        {
            return mine.Find(p => p.Name == choice.Name);
        }
        try
        {
            return await server.LoadAsync(choice.Name);
        }
        catch (ThresholdProfileException)
        {
            return null;
        }
    }

    /// <summary>Saves or replaces one of the visitor's profiles; throws <see cref="ThresholdProfileException"/> past the limits.</summary>
    public async Task<ThresholdProfile> SaveAsync(ThresholdProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var mine = await LoadedAsync();
        profile = (profile with { Saved = profile.Saved ?? DateTimeOffset.UtcNow }).Validated();
        var bytes = Encoding.UTF8.GetByteCount(profile.ToJson());
        if (bytes > server.Limits.MaxBytes)
        {
            throw new ThresholdProfileException($"Profile '{profile.Name}' is {bytes:N0} bytes as JSON; a profile is at most {server.Limits.MaxBytes:N0}.");
        }
        var at = mine.FindIndex(p => p.Name == profile.Name);
        if (at < 0 && mine.Count >= MaxProfiles)
        {
            throw new ThresholdProfileException($"This browser keeps at most {MaxProfiles} profiles; delete one before saving another.");
        }
        if (at >= 0)
        {
            mine[at] = profile;
        }
        else
        {
            mine.Add(profile);
            mine.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
        }
        await StoreAsync();
        return profile;
    }

    /// <summary>Deletes one of the visitor's profiles (and the choice of it).</summary>
    public async Task DeleteAsync(string name)
    {
        var mine = await LoadedAsync();
        if (mine.RemoveAll(p => p.Name == name) == 0)
        {
            throw new ThresholdProfileException($"This browser keeps no profile named '{name}'.");
        }
        if (choice is { Server: false } chosen && chosen.Name == name)
        {
            choice = null;
        }
        await StoreAsync();
    }

    /// <summary>Makes the visitor's Classify page decide with a profile (null: the server's active one again).</summary>
    public async Task ChooseAsync(VisitorChoice? chosen)
    {
        var mine = await LoadedAsync();
        if (chosen is { Server: false } && !mine.Exists(p => p.Name == chosen.Name))
        {
            throw new ThresholdProfileException($"This browser keeps no profile named '{chosen.Name}'.");
        }
        choice = chosen;
        await StoreAsync();
    }

    private async Task<List<ThresholdProfile>> LoadedAsync()
    {
        if (profiles is not null)
        {
            return profiles;
        }
        var loaded = new List<ThresholdProfile>();
        try
        {
            if ((await storage.GetAsync<string[]>(ProfilesKey)) is { Success: true, Value: { } stored })
            {
                foreach (var json in stored.Take(MaxProfiles))
                {
                    try
                    {
                        loaded.Add(ThresholdProfile.Parse(json, "A profile kept in this browser"));
                    }
                    catch (ThresholdProfileException e)
                    {
                        logger.LogInformation("A visitor's stored profile was dropped: {Reason}", e.Message);
                    }
                }
            }
            choice = (await storage.GetAsync<VisitorChoice>(ChoiceKey)) is { Success: true, Value: { } chosen } ? chosen : null;
        }
        catch (CryptographicException)
        {
            // Written under keys this server no longer has (or tampered with): the visitor starts afresh.
            logger.LogInformation("A visitor's stored profiles could not be decrypted and were dropped.");
        }
        profiles = loaded;
        return profiles;
    }

    private async Task StoreAsync()
    {
        await storage.SetAsync(ProfilesKey, profiles!.Select(p => p.ToJson()).ToArray());
        if (choice is null)
        {
            await storage.DeleteAsync(ChoiceKey);
        }
        else
        {
            await storage.SetAsync(ChoiceKey, choice);
        }
        Changed?.Invoke();
    }
}
