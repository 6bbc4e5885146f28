using System.Security.Cryptography;
using GenreBlazor.Discovery.Taste;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace GenreBlazor.Web.Picking;

/// <summary>
/// The movies a visitor liked, kept in their browser's local storage, encrypted and signed by the server's Data
/// Protection keys like <see cref="Serving.VisitorProfiles"/>: nothing of it is kept on the server, and another browser
/// sees none of it. Scoped, one per circuit; read once after the first render and written through on every change.
/// </summary>
public sealed class VisitorPicks(ProtectedLocalStorage storage, PicksHost host, ILogger<VisitorPicks> logger)
{
    private const string Key = "genreblazor.picks";

    private List<LikedMovie>? liked;

    /// <summary>The liked movies, oldest first.</summary>
    public async Task<IReadOnlyList<LikedMovie>> ListAsync() => await LoadedAsync();

    public async Task LikeAsync(string id)
    {
        var mine = await LoadedAsync();
        if (mine.Exists(l => l.Id == id))
        {
            return;
        }
        if (mine.Count >= host.MaxLiked)
        {
            throw new InvalidOperationException($"This browser keeps at most {host.MaxLiked} liked movies; unlike one first.");
        }
        mine.Add(new LikedMovie(id, DateTimeOffset.UtcNow));
        await StoreAsync();
    }

    public async Task UnlikeAsync(string id)
    {
        var mine = await LoadedAsync();
        if (mine.RemoveAll(l => l.Id == id) > 0)
        {
            await StoreAsync();
        }
    }

    private async Task<List<LikedMovie>> LoadedAsync()
    {
        if (liked is not null)
        {
            return liked;
        }
        var loaded = new List<LikedMovie>();
        try
        {
            if ((await storage.GetAsync<LikedMovie[]>(Key)) is { Success: true, Value: { } stored })
            {
                // Movies no longer in the catalog (a rebuilt DNA) are dropped rather than shown as unknown ids.
                loaded.AddRange(stored.Where(l => l?.Id is not null && host.Catalog?.IndexOf(l.Id) >= 0).DistinctBy(l => l.Id).Take(host.MaxLiked));
            }
        }
        catch (CryptographicException)
        {
            logger.LogInformation("A visitor's stored picks could not be decrypted and were dropped.");
        }
        liked = loaded;
        return liked;
    }

    private Task StoreAsync() => storage.SetAsync(Key, liked!.ToArray()).AsTask();
}
