namespace GenreBlazor.Storage.Tests;

public sealed class AppStoreTests(Stores stores) : IClassFixture<Stores>
{
    private static readonly StoreSchema Notes = new("notes", dialect =>
    [
        "CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
        $"ALTER TABLE notes ADD COLUMN picture {dialect.Blob}",
    ]);

    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_step_of_a_schema_runs_once_and_later_steps_run_on_a_store_that_has_the_earlier_ones(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        var first = new StoreSchema("notes", _ => ["CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)"]);
        await using (var store = AppStore.Open(options, Path.GetTempPath()))
        {
            await store.MigrateAsync([first]);
            await store.ExecuteAsync("INSERT INTO notes (id, body) VALUES (@id, @body)", default, ("id", "a"), ("body", "kept"));
            await store.MigrateAsync([first]); // a second start changes nothing
        }

        await using var upgraded = AppStore.Open(options, Path.GetTempPath());
        await upgraded.MigrateAsync([Notes]);
        await upgraded.ExecuteAsync("UPDATE notes SET picture = @picture WHERE id = 'a'", default, ("picture", new byte[] { 1, 2, 3 }));

        var rows = await upgraded.QueryAsync("SELECT body, picture FROM notes", r => (r.GetString(0), (byte[])r.GetValue(1)), default);
        Assert.Equal("kept", rows.Single().Item1);
        Assert.Equal([1, 2, 3], rows.Single().Item2);
        var steps = await upgraded.QueryAsync("SELECT step FROM store_schema WHERE part = 'notes' ORDER BY step", r => r.GetInt64(0), default);
        Assert.Equal([1L, 2L], steps);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Replicas_migrating_at_once_run_every_step_exactly_once(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        var counting = new StoreSchema("counted", _ =>
        [
            "CREATE TABLE counted (n INTEGER NOT NULL)",
            "INSERT INTO counted (n) VALUES (1)",
        ]);
        var replicas = Enumerable.Range(0, 4).Select(_ => AppStore.Open(options, Path.GetTempPath())).ToList();

        await Task.WhenAll(replicas.Select(r => r.MigrateAsync([counting])));

        var counted = await replicas[0].QueryAsync("SELECT COUNT(*) FROM counted", r => r.GetInt64(0), default);
        Assert.Equal(1L, counted.Single());
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_store_written_by_a_newer_build_is_refused_with_the_reason(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var store = AppStore.Open(options, Path.GetTempPath());
        await store.MigrateAsync([Notes]);

        var older = new StoreSchema("notes", _ => ["CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)"]);
        var error = await Assert.ThrowsAsync<StoreException>(() => store.MigrateAsync([older]));
        Assert.Contains("at step 2, newer than this build knows (1)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failing_step_leaves_nothing_half_done(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var store = AppStore.Open(options, Path.GetTempPath());
        var broken = new StoreSchema("broken", _ => ["CREATE TABLE half (id TEXT)", "THIS IS NOT SQL"]);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.MigrateAsync([broken]));

        Assert.Contains("could not be brought up to date", error.Message);
        await store.MigrateAsync([Notes]); // the store still works, and the failed part left no table and no record
        var tables = await store.QueryAsync("SELECT COUNT(*) FROM store_schema WHERE part = 'broken'", r => r.GetInt64(0), default);
        Assert.Equal(0L, tables.Single());
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.ExecuteAsync("SELECT * FROM half", default));
    }

    [Fact]
    public void A_bad_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<StoreException>(() => AppStore.Open(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Hots=nowhere;;=" }, "/"));
        Assert.Contains("cannot be used for Postgres", error.Message);
        Assert.Contains("is empty", Assert.Throws<StoreException>(() => AppStore.Open(new StoreOptions { ConnectionString = " " }, "/")).Message);
    }

    [Fact]
    public async Task A_relative_sqlite_path_starts_at_the_given_folder_and_its_folder_is_created()
    {
        var root = Directory.CreateTempSubdirectory("genreblazor-store-root-").FullName;
        try
        {
            await using (var store = AppStore.Open(new StoreOptions { ConnectionString = "data/state/app.db" }, root))
            {
                await store.MigrateAsync([Notes]);
                Assert.Equal($"SQLite {Path.Combine(root, "data", "state", "app.db")}", store.Description);
            }
            Assert.True(File.Exists(Path.Combine(root, "data", "state", "app.db")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
