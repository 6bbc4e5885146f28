namespace GenreBlazor.Storage.Tests;

public sealed class StoreSettingsTests(Stores stores) : IClassFixture<Stores>
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_change_raises_the_version_and_another_replica_sees_it(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var one = AppStore.Open(options, Path.GetTempPath());
        await using var other = AppStore.Open(options, Path.GetTempPath());
        await one.MigrateAsync([StoreSettings.Schema]);
        var mine = new StoreSettings(one);
        var theirs = new StoreSettings(other);

        Assert.Null(await theirs.GetAsync("profiles.active"));
        Assert.Equal(1, await mine.SetAsync("profiles.active", "strict"));
        Assert.Equal(2, await mine.SetAsync("profiles.active", "recall"));
        await mine.SetAsync("other", "x");

        var seen = await theirs.GetAsync("profiles.active");
        Assert.Equal(("recall", 2L), (seen!.Value, seen.Version));
        Assert.Equal(new Dictionary<string, long> { ["profiles.active"] = 2 }, await theirs.VersionsAsync("profiles."));
        Assert.True(await theirs.DeleteAsync("profiles.active"));
        Assert.False(await theirs.DeleteAsync("profiles.active"));
        Assert.Null(await mine.GetAsync("profiles.active"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_two_racing_conditional_changes_exactly_one_wins(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, StoreSettings.Schema);
        var settings = new StoreSettings(store);
        Assert.Equal(1, await settings.SetIfAsync("cursor", "page-1", expectedVersion: 0));
        Assert.Null(await settings.SetIfAsync("cursor", "page-1 again", expectedVersion: 0));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => settings.SetIfAsync("cursor", $"page-{i + 2}", expectedVersion: 1)));

        Assert.Single(attempts, a => a == 2);
        Assert.Equal(7, attempts.Count(a => a is null));
        Assert.Equal(2, (await settings.GetAsync("cursor"))!.Version);
    }
}
