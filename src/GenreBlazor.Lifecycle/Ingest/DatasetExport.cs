using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Lifecycle.Ingest;

/// <summary>
/// Writes the store's movies as <c>movies.csv</c> and <c>posters.csv</c> in the shared data's schema (what <c>train</c>
/// reads) and records the snapshot. Duplicates are removed here, as in the shared data: of the movies sharing a title
/// and year, or an overview, the one with the lowest TMDB id stays.
/// </summary>
public static class DatasetExport
{
    /// <summary>The exported movies file's name.</summary>
    public const string MoviesFile = "movies.csv";

    /// <summary>The exported posters file's name.</summary>
    public const string PostersFile = "posters.csv";

    /// <summary>Exports into <paramref name="folder"/> (files replaced whole) and records the snapshot in the store.</summary>
    public static async Task<DatasetSnapshot> ExportAsync(IngestStore store, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        Directory.CreateDirectory(folder);
        var dropped = new Dictionary<string, int>(await store.DropsAsync(cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var overviews = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<(IngestedMovie Movie, string? PosterFile)>();
        foreach (var row in await store.MoviesAsync(cancellationToken).ConfigureAwait(false))
        {
            var reason = !titles.Add($"{row.Movie.Title.ToUpperInvariant()}|{row.Movie.Year}") ? MovieCleaning.Reasons.DuplicateTitleYear
                : !overviews.Add(row.Movie.Overview.ToUpperInvariant()) ? MovieCleaning.Reasons.DuplicateOverview
                : null;
            if (reason is null)
            {
                kept.Add(row);
            }
            else
            {
                dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
            }
        }

        var movies = Csv(["id", "title", "year", "genres", "overview", "language", "tmdb_id", "imdb_id"], kept.Select(k => new[]
        {
            $"tmdb-{k.Movie.TmdbId.ToString(CultureInfo.InvariantCulture)}", k.Movie.Title, Year(k.Movie.Year), string.Join('|', k.Movie.Genres), k.Movie.Overview,
            k.Movie.Language, k.Movie.TmdbId.ToString(CultureInfo.InvariantCulture), k.Movie.ImdbId,
        }));
        var withPosters = kept.Where(k => k.PosterFile is not null && k.Movie.ImdbId.Length > 0 && File.Exists(Path.Combine(folder, k.PosterFile)))
            .DistinctBy(k => k.Movie.ImdbId, StringComparer.Ordinal).ToList();
        var posters = Csv(["imdb_id", "title", "year", "genres", "file"], withPosters.Select(k => new[]
        {
            k.Movie.ImdbId, k.Movie.Title, Year(k.Movie.Year), string.Join('|', k.Movie.Genres), k.PosterFile!,
        }));
        await WriteWholeAsync(Path.Combine(folder, MoviesFile), movies, cancellationToken).ConfigureAwait(false);
        await WriteWholeAsync(Path.Combine(folder, PostersFile), posters, cancellationToken).ConfigureAwait(false);

        var created = DateTimeOffset.UtcNow;
        var hash = Convert.ToHexStringLower(SHA256.HashData(movies));
        var snapshot = new DatasetSnapshot(
            $"snap-{created.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{hash[..8]}",
            created, kept.Count, withPosters.Count, "sha256:" + hash,
            GenreCatalog.All.ToDictionary(g => g, g => kept.Count(k => k.Movie.Genres.Contains(g, StringComparer.Ordinal)), StringComparer.Ordinal),
            kept.GroupBy(k => k.Movie.Language, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            dropped);
        var rows = kept.Select(k => new Movie($"tmdb-{k.Movie.TmdbId.ToString(CultureInfo.InvariantCulture)}", k.Movie.Title, k.Movie.Year,
            GenreSet.FromNames(k.Movie.Genres), k.Movie.Overview, k.Movie.Language, k.Movie.ImdbId)).ToList();
        await store.SaveSnapshotAsync(snapshot, SnapshotProfile.Of(rows), RowDigests.Of(rows), cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static byte[] Csv(string[] header, IEnumerable<string[]> rows)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
            }
            csv.Flush();
        }
        return bytes.ToArray();
    }

    // A reader never sees half a file: the new one is written beside it and moved over it.
    internal static async Task WriteWholeAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
