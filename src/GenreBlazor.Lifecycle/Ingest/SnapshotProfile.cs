using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Drift;

namespace GenreBlazor.Lifecycle.Ingest;

/// <summary>Overview lengths in characters, with a histogram over <see cref="DriftMonitor.LengthBins"/> (the drift's own bins).</summary>
/// <param name="Shortest">The shortest overview.</param>
/// <param name="Median">The median overview (the upper one of an even count).</param>
/// <param name="Mean">The mean, to a tenth of a character.</param>
/// <param name="Longest">The longest overview.</param>
/// <param name="Bins">Movies per bin: up to 80, 160, 320, 640, 1280 characters, then longer.</param>
public sealed record OverviewLengths(int Shortest, int Median, double Mean, int Longest, IReadOnlyList<int> Bins);

/// <summary>
/// What a data set holds, for the Data page and <c>/api/data/snapshots/{id}</c>: genres per movie, movies per genre,
/// genre pairs, overview lengths and languages. Written once per snapshot (at export) and never recomputed; a bundle's
/// own training summary fills only the genre parts (the other parts are then null).
/// </summary>
/// <param name="Movies">Movies in the data set.</param>
/// <param name="GenresPerMovie">Entry k: movies with exactly k genres (k from 0 to the most any movie has).</param>
/// <param name="Genres">Movies per genre, every genre of the catalog, in catalog order.</param>
/// <param name="Cooccurrence">Movies having both genre i and genre j (catalog order; the diagonal is <see cref="Genres"/>).</param>
/// <param name="Overview">Overview lengths.</param>
/// <param name="Languages">Movies per original language ("" when unknown), most first.</param>
public sealed record SnapshotProfile(
    int Movies,
    IReadOnlyList<int>? GenresPerMovie,
    IReadOnlyDictionary<string, int> Genres,
    IReadOnlyList<IReadOnlyList<int>> Cooccurrence,
    OverviewLengths? Overview,
    IReadOnlyDictionary<string, int>? Languages)
{
    public static SnapshotProfile Of(IReadOnlyCollection<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var counted = TrainingStatistics.Count(movies.Select(m => m.Genres).ToList(), 0, new Dictionary<string, double>());
        var perMovie = new int[movies.Count == 0 ? 1 : movies.Max(m => m.Genres.Count) + 1];
        var lengths = new int[movies.Count];
        var bins = new int[DriftMonitor.LengthBins.Count + 1];
        var i = 0;
        foreach (var movie in movies)
        {
            perMovie[movie.Genres.Count]++;
            lengths[i++] = movie.Overview.Length;
            bins[DriftMonitor.LengthBin(movie.Overview.Length)]++;
        }
        Array.Sort(lengths);
        var overview = new OverviewLengths(
            lengths.Length == 0 ? 0 : lengths[0],
            lengths.Length == 0 ? 0 : lengths[lengths.Length / 2],
            lengths.Length == 0 ? 0 : Math.Round(lengths.Average(), 1),
            lengths.Length == 0 ? 0 : lengths[^1],
            bins);
        var languages = movies.GroupBy(m => m.Language, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SnapshotProfile(movies.Count, perMovie, ByGenre(counted.GenreCounts), counted.Cooccurrence, overview, languages);
    }

    /// <summary>The genre parts a bundle's manifest carries about its training movies.</summary>
    public static SnapshotProfile OfTraining(TrainingStatistics training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return new SnapshotProfile(training.Movies, null, ByGenre(training.GenreCounts), training.Cooccurrence, null, null);
    }

    private static Dictionary<string, int> ByGenre(IReadOnlyList<int> counts) =>
        GenreCatalog.All.Select((genre, label) => (genre, label)).ToDictionary(g => g.genre, g => counts[g.label], StringComparer.Ordinal);
}

/// <summary>
/// One 64-bit key per row (a hash of its id) and one of its content, sorted by key: enough to tell which rows another
/// snapshot added, removed or changed, at 16 bytes a row instead of the rows themselves.
/// </summary>
public sealed class RowDigests
{
    private readonly ulong[] _keys;
    private readonly ulong[] _contents;

    private RowDigests(ulong[] keys, ulong[] contents)
    {
        _keys = keys;
        _contents = contents;
    }

    public int Count => _keys.Length;

    public static RowDigests Of(IEnumerable<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var rows = movies.Select(m => (Key: Hash(m.Id), Content: Hash($"{m.Title}\u001f{m.Year}\u001f{m.Genres}\u001f{m.Overview}\u001f{m.Language}\u001f{m.ImdbId}")))
            .DistinctBy(r => r.Key).OrderBy(r => r.Key).ToList();
        return new RowDigests(rows.Select(r => r.Key).ToArray(), rows.Select(r => r.Content).ToArray());
    }

    /// <summary>The digests as text (base64 of key and content, big-endian, row after row) for the store.</summary>
    public string Serialize()
    {
        var bytes = new byte[_keys.Length * 16];
        for (var i = 0; i < _keys.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 16), _keys[i]);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 16 + 8), _contents[i]);
        }
        return Convert.ToBase64String(bytes);
    }

    public static RowDigests Parse(string text)
    {
        var bytes = Convert.FromBase64String(text);
        if (bytes.Length % 16 != 0)
        {
            throw new FormatException($"Row digests are 16 bytes a row; {bytes.Length} bytes is not a whole number of rows.");
        }
        var keys = new ulong[bytes.Length / 16];
        var contents = new ulong[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i * 16));
            contents[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i * 16 + 8));
        }
        return new RowDigests(keys, contents);
    }

    /// <summary>Rows in this set and not in <paramref name="previous"/> (added), the other way (removed), and in both with other content (changed).</summary>
    public (int Added, int Removed, int Changed) Since(RowDigests previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        int added = 0, removed = 0, changed = 0, a = 0, b = 0;
        while (a < _keys.Length || b < previous._keys.Length)
        {
            if (b == previous._keys.Length || (a < _keys.Length && _keys[a] < previous._keys[b]))
            {
                added++;
                a++;
            }
            else if (a == _keys.Length || previous._keys[b] < _keys[a])
            {
                removed++;
                b++;
            }
            else
            {
                changed += _contents[a] == previous._contents[b] ? 0 : 1;
                a++;
                b++;
            }
        }
        return (added, removed, changed);
    }

    private static ulong Hash(string text) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>What changed from the previous snapshot to this one.</summary>
/// <param name="Previous">The previous snapshot's id.</param>
/// <param name="Added">Rows new in this snapshot; null when either snapshot was taken before rows were digested.</param>
/// <param name="Removed">Rows of the previous snapshot no longer here (null likewise).</param>
/// <param name="Changed">Rows in both whose title, year, genres, overview, language or IMDb id changed (null likewise).</param>
/// <param name="Genres">Movies per genre, this snapshot's count minus the previous one's; genres that did not move are left out.</param>
/// <param name="Languages">Movies per language, likewise.</param>
public sealed record SnapshotChanges(string Previous, int? Added, int? Removed, int? Changed,
    IReadOnlyDictionary<string, int> Genres, IReadOnlyDictionary<string, int> Languages)
{
    public static SnapshotChanges Between(DatasetSnapshot previous, RowDigests? previousRows, DatasetSnapshot current, RowDigests? currentRows)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var rows = previousRows is not null && currentRows is not null ? currentRows.Since(previousRows) : ((int, int, int)?)null;
        return new SnapshotChanges(previous.Id, rows?.Item1, rows?.Item2, rows?.Item3, Deltas(previous.Genres, current.Genres), Deltas(previous.Languages, current.Languages));
    }

    private static Dictionary<string, int> Deltas(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Select(k => (Key: k, Delta: after.GetValueOrDefault(k) - before.GetValueOrDefault(k)))
            .Where(d => d.Delta != 0)
            .OrderByDescending(d => Math.Abs(d.Delta)).ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToDictionary(d => d.Key, d => d.Delta, StringComparer.Ordinal);
}
