using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Tests;

namespace GenreBlazor.Lifecycle.Tests;

/// <summary>The Data page's statistics of a snapshot and the changes since the one before, on snapshots whose counts are known.</summary>
public sealed class SnapshotProfileTests(Stores stores) : IClassFixture<Stores>, IDisposable
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    private readonly string _folder = Directory.CreateTempSubdirectory("life-profile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static int Pair(SnapshotProfile profile, string a, string b) => profile.Cooccurrence[GenreCatalog.IndexOf(a)][GenreCatalog.IndexOf(b)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_snapshot_has_its_profile_and_the_next_one_says_what_changed(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, IngestStore.Schema);
        var ingest = new IngestStore(store);
        var (first, second) = await KnownSnapshots.WriteAsync(ingest, _folder);

        var one = await ingest.ReportAsync(first.Id);
        Assert.NotNull(one);
        Assert.Null(one.Changes);
        var profile = one.Profile!;
        Assert.Equal(4, profile.Movies);
        Assert.Equal([0, 2, 1, 1], profile.GenresPerMovie!);
        Assert.Equal(2, profile.Genres["Drama"]);
        Assert.Equal(2, profile.Genres["Comedy"]);
        Assert.Equal(1, profile.Genres["Horror"]);
        Assert.Equal(0, profile.Genres["Western"]);
        Assert.Equal(GenreCatalog.Count, profile.Genres.Count);
        Assert.Equal(1, Pair(profile, "Drama", "Crime"));
        Assert.Equal(1, Pair(profile, "Romance", "Comedy"));
        Assert.Equal(0, Pair(profile, "Horror", "Drama"));
        Assert.Equal(new OverviewLengths(50, 200, 262.5, 700, [1, 1, 1, 0, 1, 0]), profile.Overview! with { Bins = profile.Overview!.Bins.ToArray() }, OverviewComparer.Instance);
        Assert.Equal([("en", 2), ("fr", 1), ("ja", 1)], profile.Languages!.Select(l => (l.Key, l.Value)));

        var two = await ingest.ReportAsync(second.Id);
        var changes = two!.Changes!;
        Assert.Equal(first.Id, changes.Previous);
        Assert.Equal((1, 1, 1), (changes.Added, changes.Removed, changes.Changed));
        Assert.Equal(new Dictionary<string, int> { ["Action"] = 1, ["Comedy"] = -1 }, changes.Genres);
        Assert.Equal(new Dictionary<string, int> { ["en"] = 1, ["fr"] = -1 }, changes.Languages);
        Assert.Equal(4, two.Profile!.Movies);
        Assert.Null(await ingest.ReportAsync("snap-unknown"));
    }

    [Fact]
    public void Row_digests_survive_the_store_text_and_count_added_removed_and_changed_rows()
    {
        var before = RowDigests.Of([Core(1, "Drama", 100), Core(2, "Comedy", 100), Core(3, "Horror", 100)]);
        var after = RowDigests.Parse(RowDigests.Of([Core(1, "Drama", 100), Core(3, "Horror", 120), Core(4, "War", 90), Core(5, "War", 90)]).Serialize());
        Assert.Equal(4, after.Count);
        Assert.Equal((2, 1, 1), after.Since(before));
        Assert.Equal((0, 0, 0), before.Since(before));
        Assert.Throws<FormatException>(() => RowDigests.Parse(Convert.ToBase64String(new byte[15])));
    }

    [Fact]
    public void A_bundle_summary_fills_the_genre_parts_only()
    {
        var training = TrainingStatistics.Count([GenreSet.FromNames(["Drama", "War"]), GenreSet.FromNames(["War"])], 1, new Dictionary<string, double>());
        var profile = SnapshotProfile.OfTraining(training);
        Assert.Equal(2, profile.Movies);
        Assert.Equal(2, profile.Genres["War"]);
        Assert.Equal(1, Pair(profile, "War", "Drama"));
        Assert.Null(profile.GenresPerMovie);
        Assert.Null(profile.Overview);
        Assert.Null(profile.Languages);
    }

    private static Core.Data.Movie Core(int id, string genre, int length) =>
        new($"tmdb-{id}", $"Movie {id}", 2000, GenreSet.FromNames([genre]), new string('x', length), "en", "");

    private sealed class OverviewComparer : IEqualityComparer<OverviewLengths>
    {
        public static OverviewComparer Instance { get; } = new();

        public bool Equals(OverviewLengths? x, OverviewLengths? y) =>
            x is not null && y is not null && (x.Shortest, x.Median, x.Mean, x.Longest) == (y.Shortest, y.Median, y.Mean, y.Longest) && x.Bins.SequenceEqual(y.Bins);

        public int GetHashCode(OverviewLengths obj) => obj.Median;
    }
}
