using System.Data.Common;
using System.Text.Json;
using GenreBlazor.Storage;

namespace GenreBlazor.Lifecycle.Ingest;

/// <summary>Where a discover run stands: the page and the position in it of the next movie to ingest.</summary>
/// <param name="Name">The run definition it belongs to (its release-date window).</param>
/// <param name="Page">The discover page (1-based) holding the next movie.</param>
/// <param name="Index">The next movie's position on that page (0-based).</param>
/// <param name="Seen">Movies handled so far in this run, kept or dropped.</param>
/// <param name="Complete">Whether the run reached its end (the last page, or its movie limit).</param>
public sealed record IngestCursor(string Name, int Page, int Index, int Seen, bool Complete);

/// <summary>A dataset snapshot: what one ingest run exported, so a training run can name the data it learnt from.</summary>
/// <param name="Id">The snapshot's name, e.g. <c>snap-20261201T231500Z-1a2b3c4d</c>.</param>
/// <param name="Created">When it was taken.</param>
/// <param name="Rows">Movies exported.</param>
/// <param name="Posters">Posters exported.</param>
/// <param name="Fingerprint">SHA-256 of the exported <c>movies.csv</c>, as <c>train</c> records it in the bundle manifest.</param>
/// <param name="Genres">Movies per genre.</param>
/// <param name="Languages">Movies per original language ("" when unknown).</param>
/// <param name="Dropped">Rows dropped, by reason: at ingest (cleaning) and at export (duplicates).</param>
public sealed record DatasetSnapshot(string Id, DateTimeOffset Created, int Rows, int Posters, string Fingerprint,
    IReadOnlyDictionary<string, int> Genres, IReadOnlyDictionary<string, int> Languages, IReadOnlyDictionary<string, int> Dropped);

/// <summary>A snapshot as the Data page shows it.</summary>
/// <param name="Snapshot">The snapshot's record.</param>
/// <param name="Profile">Its statistics; null for a snapshot recorded before profiles were.</param>
/// <param name="Changes">What changed since the previous snapshot; null for the first.</param>
public sealed record SnapshotReport(DatasetSnapshot Snapshot, SnapshotProfile? Profile, SnapshotChanges? Changes);

/// <summary>
/// The ingest's tables in the store: the cleaned movies (one row per TMDB id), the dropped ones with their reason,
/// the cursor of each run definition, and the snapshots. A movie and the cursor step past it are written in one
/// transaction, so a run killed at any point resumes with nothing lost and nothing twice.
/// </summary>
public sealed class IngestStore(AppStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The tables, as a schema part of the store.</summary>
    public static StoreSchema Schema { get; } = new("ingest", _ =>
    [
        "CREATE TABLE ingest_movies (tmdb_id BIGINT PRIMARY KEY, title TEXT NOT NULL, year BIGINT NULL, genres TEXT NOT NULL, overview TEXT NOT NULL, " +
        "language TEXT NOT NULL, imdb_id TEXT NOT NULL, poster_path TEXT NULL, poster_file TEXT NULL, poster_problem TEXT NULL, updated TEXT NOT NULL);" +
        "CREATE TABLE ingest_drops (tmdb_id BIGINT PRIMARY KEY, reason TEXT NOT NULL, updated TEXT NOT NULL);" +
        "CREATE TABLE ingest_cursors (name TEXT PRIMARY KEY, page BIGINT NOT NULL, item BIGINT NOT NULL, seen BIGINT NOT NULL, complete BIGINT NOT NULL, updated TEXT NOT NULL);" +
        "CREATE TABLE dataset_snapshots (id TEXT PRIMARY KEY, created TEXT NOT NULL, movie_rows BIGINT NOT NULL, posters BIGINT NOT NULL, fingerprint TEXT NOT NULL, " +
        "genres TEXT NOT NULL, languages TEXT NOT NULL, dropped TEXT NOT NULL)",
        "CREATE TABLE dataset_profiles (snapshot_id TEXT PRIMARY KEY, profile TEXT NOT NULL, row_digests TEXT NOT NULL)",
    ]);

    /// <summary>The cursor of a run definition, or a fresh one at its first page.</summary>
    public async Task<IngestCursor> CursorAsync(string name, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync("SELECT name, page, item, seen, complete FROM ingest_cursors WHERE name = @name",
            r => new IngestCursor(r.GetString(0), (int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3), r.GetInt64(4) != 0), cancellationToken, ("name", name))
            .ConfigureAwait(false)).SingleOrDefault() ?? new IngestCursor(name, 1, 0, 0, false);

    /// <summary>Moves the cursor (no movie written: a page ended, or the run finished).</summary>
    public Task SaveCursorAsync(IngestCursor cursor, CancellationToken cancellationToken = default) =>
        store.InTransactionAsync(session => WriteCursor(session, cursor, cancellationToken), cancellationToken);

    /// <summary>Upserts a kept movie (clearing any earlier drop of it) and moves the cursor past it, atomically.</summary>
    public Task KeepAsync(IngestedMovie movie, string? posterFile, string? posterProblem, IngestCursor next, CancellationToken cancellationToken = default) =>
        store.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "INSERT INTO ingest_movies (tmdb_id, title, year, genres, overview, language, imdb_id, poster_path, poster_file, poster_problem, updated) " +
                "VALUES (@id, @title, @year, @genres, @overview, @language, @imdb, @poster, @file, @problem, @updated) ON CONFLICT (tmdb_id) DO UPDATE SET " +
                "title = excluded.title, year = excluded.year, genres = excluded.genres, overview = excluded.overview, language = excluded.language, " +
                "imdb_id = excluded.imdb_id, poster_path = excluded.poster_path, poster_file = excluded.poster_file, poster_problem = excluded.poster_problem, updated = excluded.updated",
                cancellationToken, ("id", (long)movie.TmdbId), ("title", movie.Title), ("year", movie.Year is { } y ? (long)y : null), ("genres", string.Join('|', movie.Genres)),
                ("overview", movie.Overview), ("language", movie.Language), ("imdb", movie.ImdbId), ("poster", movie.PosterPath), ("file", posterFile),
                ("problem", posterProblem), ("updated", Now())).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM ingest_drops WHERE tmdb_id = @id", cancellationToken, ("id", (long)movie.TmdbId)).ConfigureAwait(false);
            return await WriteCursor(session, next, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records a dropped movie (removing it from the kept ones: TMDB may have changed it) and moves the cursor past it.</summary>
    public Task DropAsync(int tmdbId, string reason, IngestCursor next, CancellationToken cancellationToken = default) =>
        store.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "INSERT INTO ingest_drops (tmdb_id, reason, updated) VALUES (@id, @reason, @updated) ON CONFLICT (tmdb_id) DO UPDATE SET reason = excluded.reason, updated = excluded.updated",
                cancellationToken, ("id", (long)tmdbId), ("reason", reason), ("updated", Now())).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM ingest_movies WHERE tmdb_id = @id", cancellationToken, ("id", (long)tmdbId)).ConfigureAwait(false);
            return await WriteCursor(session, next, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Every kept movie with its poster file (relative to the export folder), ordered by TMDB id.</summary>
    public async Task<IReadOnlyList<(IngestedMovie Movie, string? PosterFile)>> MoviesAsync(CancellationToken cancellationToken = default) =>
        await store.QueryAsync(
            "SELECT tmdb_id, title, year, genres, overview, language, imdb_id, poster_path, poster_file FROM ingest_movies ORDER BY tmdb_id",
            r => (new IngestedMovie((int)r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : (int)r.GetInt64(2), r.GetString(3).Split('|'),
                r.GetString(4), r.GetString(5), r.GetString(6), Nullable(r, 7)), Nullable(r, 8)), cancellationToken).ConfigureAwait(false);

    /// <summary>The reason counted for kept movies whose poster was refused or could not be downloaded.</summary>
    public const string PosterProblem = "poster refused or not downloaded (movie kept)";

    /// <summary>Dropped movies by reason, and kept movies without their poster.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DropsAsync(CancellationToken cancellationToken = default)
    {
        var counts = (await store.QueryAsync("SELECT reason, COUNT(*) FROM ingest_drops GROUP BY reason", r => (r.GetString(0), (int)r.GetInt64(1)), cancellationToken)
            .ConfigureAwait(false)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var posters = (await store.QueryAsync("SELECT COUNT(*) FROM ingest_movies WHERE poster_problem IS NOT NULL", r => (int)r.GetInt64(0), cancellationToken)
            .ConfigureAwait(false)).Single();
        if (posters > 0)
        {
            counts[PosterProblem] = posters;
        }
        return counts;
    }

    /// <summary>Records a snapshot with its profile and row digests (one transaction: a snapshot never lacks the profile it was taken with).</summary>
    public Task SaveSnapshotAsync(DatasetSnapshot snapshot, SnapshotProfile profile, RowDigests rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rows);
        return store.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "INSERT INTO dataset_snapshots (id, created, movie_rows, posters, fingerprint, genres, languages, dropped) VALUES (@id, @created, @rows, @posters, @fingerprint, @genres, @languages, @dropped)",
                cancellationToken, ("id", snapshot.Id), ("created", StoreTime.Format(snapshot.Created)), ("rows", (long)snapshot.Rows), ("posters", (long)snapshot.Posters),
                ("fingerprint", snapshot.Fingerprint), ("genres", JsonSerializer.Serialize(snapshot.Genres, Json)), ("languages", JsonSerializer.Serialize(snapshot.Languages, Json)),
                ("dropped", JsonSerializer.Serialize(snapshot.Dropped, Json))).ConfigureAwait(false);
            return await session.ExecuteAsync("INSERT INTO dataset_profiles (snapshot_id, profile, row_digests) VALUES (@id, @profile, @rows)",
                cancellationToken, ("id", snapshot.Id), ("profile", JsonSerializer.Serialize(profile, Json)), ("rows", rows.Serialize())).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// A snapshot with its profile and what changed since the one before it, or null for an unknown id. Snapshots
    /// recorded before profiles were (store step 1 of <c>ingest</c>) have no profile and no row changes; their genre
    /// and language deltas still come from the snapshot's own counts.
    /// </summary>
    public async Task<SnapshotReport?> ReportAsync(string id, CancellationToken cancellationToken = default)
    {
        var snapshots = await SnapshotsAsync(cancellationToken).ConfigureAwait(false);
        var at = snapshots.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Id == id);
        if (at.s is null)
        {
            return null;
        }
        var current = await ProfileAsync(id, cancellationToken).ConfigureAwait(false);
        SnapshotChanges? changes = null;
        if (at.i + 1 < snapshots.Count)
        {
            var previous = snapshots[at.i + 1];
            var before = await ProfileAsync(previous.Id, cancellationToken).ConfigureAwait(false);
            changes = SnapshotChanges.Between(previous, before?.Rows, at.s, current?.Rows);
        }
        return new SnapshotReport(at.s, current?.Profile, changes);
    }

    private async Task<(SnapshotProfile Profile, RowDigests Rows)?> ProfileAsync(string id, CancellationToken cancellationToken)
    {
        var found = await store.QueryAsync("SELECT profile, row_digests FROM dataset_profiles WHERE snapshot_id = @id",
            r => (r.GetString(0), r.GetString(1)), cancellationToken, ("id", id)).ConfigureAwait(false);
        return found.Count == 0 ? null
            : (JsonSerializer.Deserialize<SnapshotProfile>(found[0].Item1, Json) ?? throw new StoreException($"The profile of snapshot {id} is empty."),
                RowDigests.Parse(found[0].Item2));
    }

    /// <summary>Every snapshot, newest first.</summary>
    public async Task<IReadOnlyList<DatasetSnapshot>> SnapshotsAsync(CancellationToken cancellationToken = default) =>
        await store.QueryAsync("SELECT id, created, movie_rows, posters, fingerprint, genres, languages, dropped FROM dataset_snapshots ORDER BY created DESC, id DESC",
            r => new DatasetSnapshot(r.GetString(0), StoreTime.Parse(r.GetString(1)), (int)r.GetInt64(2), (int)r.GetInt64(3), r.GetString(4),
                Counts(r.GetString(5)), Counts(r.GetString(6)), Counts(r.GetString(7))), cancellationToken).ConfigureAwait(false);

    private static async Task<bool> WriteCursor(StoreSession session, IngestCursor cursor, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "INSERT INTO ingest_cursors (name, page, item, seen, complete, updated) VALUES (@name, @page, @item, @seen, @complete, @updated) " +
            "ON CONFLICT (name) DO UPDATE SET page = excluded.page, item = excluded.item, seen = excluded.seen, complete = excluded.complete, updated = excluded.updated",
            cancellationToken, ("name", cursor.Name), ("page", (long)cursor.Page), ("item", (long)cursor.Index), ("seen", (long)cursor.Seen),
            ("complete", cursor.Complete ? 1L : 0L), ("updated", Now())).ConfigureAwait(false);
        return true;
    }

    private static Dictionary<string, int> Counts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json, Json) ?? [];

    private static string? Nullable(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static string Now() => StoreTime.Format(DateTimeOffset.UtcNow);
}
