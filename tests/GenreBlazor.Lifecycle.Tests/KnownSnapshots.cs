using GenreBlazor.Lifecycle.Ingest;

namespace GenreBlazor.Lifecycle.Tests;

/// <summary>
/// Two snapshots written through the ingest store and the export, with counts known by hand. The first: four movies
/// (Drama|Crime en 100 characters, Comedy fr 50, Comedy|Drama|Romance en 200, Horror ja 700). The second: the Comedy
/// fr movie dropped, the Romance one's overview rewritten, an Action en movie added.
/// </summary>
public static class KnownSnapshots
{
    public static IngestedMovie Movie(int id, string genres, string language, int length, char fill = 'a') =>
        new(id, $"Movie {id}", 2000 + id, genres.Split('|'), new string(fill, length), language, $"tt{id:D7}", null);

    public static async Task<(DatasetSnapshot First, DatasetSnapshot Second)> WriteAsync(IngestStore store, string folder)
    {
        var cursor = new IngestCursor("known", 1, 0, 0, false);
        foreach (var movie in new[] { Movie(1, "Drama|Crime", "en", 100), Movie(2, "Comedy", "fr", 50), Movie(3, "Comedy|Drama|Romance", "en", 200), Movie(4, "Horror", "ja", 700) })
        {
            await store.KeepAsync(movie, null, null, cursor);
        }
        var first = await DatasetExport.ExportAsync(store, folder);
        await Task.Delay(20); // snapshots are ordered by their creation time, to the millisecond
        await store.DropAsync(2, "too short", cursor);
        await store.KeepAsync(Movie(3, "Comedy|Drama|Romance", "en", 200, 'b'), null, null, cursor);
        await store.KeepAsync(Movie(5, "Action", "en", 300), null, null, cursor);
        var second = await DatasetExport.ExportAsync(store, folder);
        return (first, second);
    }
}
