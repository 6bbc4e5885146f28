using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Storage.Profiles;

namespace GenreBlazor.Storage.Tests;

public sealed class ProfileRepositoryTests(Stores stores) : IClassFixture<Stores>
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    private static float[] Thresholds(float value) => Enumerable.Repeat(value, GenreCatalog.Count).ToArray();

    private async Task<(AppStore Store, ProfileRepository Profiles)> OpenAsync(StoreProvider provider, ProfileLimits? limits = null)
    {
        var store = await stores.OpenAsync(provider, StoreSettings.Schema, ProfileRepository.Schema);
        return (store, new ProfileRepository(store, new StoreSettings(store), limits ?? new ProfileLimits()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Save_list_load_activate_delete_and_another_replica_sees_the_active_profile(StoreProvider provider)
    {
        var (store, profiles) = await OpenAsync(provider);
        await using var _ = store;
        Assert.Equal((null, 0L), await profiles.ActiveAsync());
        await profiles.SaveAsync(ThresholdProfile.FromArray("Recall heavy", Thresholds(0.2f), "v1"));
        await profiles.SaveAsync(ThresholdProfile.FromArray("strict", Thresholds(0.8f), "v1"));
        Assert.Equal(["Recall heavy", "strict"], await profiles.NamesAsync());

        await profiles.ActivateAsync("strict");
        var (active, version) = await profiles.ActiveAsync();
        Assert.Equal("strict", active);
        Assert.Equal(Thresholds(0.8f), (await profiles.LoadAsync("strict")).ThresholdsFor(DecidingModel.Text));

        // Saving the active profile again moves the version, so replicas re-read it.
        await profiles.SaveAsync(ThresholdProfile.FromArray("strict", Thresholds(0.7f), "v1"));
        Assert.True((await profiles.ActiveAsync()).Version > version);

        await profiles.DeleteAsync("strict");
        Assert.Equal((string?)null, (await profiles.ActiveAsync()).Name);
        Assert.Equal(["Recall heavy"], await profiles.NamesAsync());
        await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.LoadAsync("strict"));
        await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.ActivateAsync("nope"));
        await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.DeleteAsync("nope"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Names_are_keys_one_to_one_and_a_name_differing_only_in_case_is_refused(StoreProvider provider)
    {
        var (store, profiles) = await OpenAsync(provider);
        await using var _ = store;
        string[] names = ["日本", "中国", "Café", "caf-", "Cafe\u0301 2"];
        foreach (var name in names)
        {
            await profiles.SaveAsync(ThresholdProfile.FromArray(name, Thresholds(0.3f), null));
        }

        Assert.Equal(5, (await profiles.NamesAsync()).Count);
        Assert.Equal("日本", (await profiles.LoadAsync("日本")).Name);
        Assert.Equal("Caf\u00e9 2", (await profiles.LoadAsync("Cafe\u0301 2")).Name);
        var clash = await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.SaveAsync(ThresholdProfile.FromArray("CAFÉ", Thresholds(0.3f), null)));
        Assert.Contains("differs from it only in letter case", clash.Message);
        await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.LoadAsync("../../etc/passwd"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_number_and_size_of_profiles_are_capped_with_a_reason(StoreProvider provider)
    {
        var (store, profiles) = await OpenAsync(provider, new ProfileLimits(MaxProfiles: 2, MaxBytes: 3000));
        await using var _ = store;
        await profiles.SaveAsync(ThresholdProfile.FromArray("one", Thresholds(0.3f), null));
        await profiles.SaveAsync(ThresholdProfile.FromArray("two", Thresholds(0.3f), null));

        Assert.Contains("at most 2 profiles", (await Assert.ThrowsAsync<ThresholdProfileException>(() =>
            profiles.SaveAsync(ThresholdProfile.FromArray("three", Thresholds(0.3f), null)))).Message);
        await profiles.SaveAsync(ThresholdProfile.FromArray("two", Thresholds(0.4f), null)); // replacing is not adding
        var large = ThresholdProfile.FromArray("one", Thresholds(0.3f), null, new string('x', 4000));
        Assert.Contains("bytes as JSON", (await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.SaveAsync(large))).Message);
        Assert.Equal(0.3f, (await profiles.LoadAsync("one")).ThresholdsFor(DecidingModel.Text)![0]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stored_row_that_is_no_longer_valid_is_reported_not_used(StoreProvider provider)
    {
        var (store, profiles) = await OpenAsync(provider);
        await using var _ = store;
        await profiles.SaveAsync(ThresholdProfile.FromArray("good", Thresholds(0.4f), null));
        await store.ExecuteAsync("UPDATE profiles SET json = REPLACE(json, '0.4', '7') WHERE name = 'good'", default);

        var problem = Assert.Single(await profiles.ProblemsAsync());
        Assert.Equal("good", problem.Name);
        Assert.Contains("outside 0–1", problem.Reason);
        await Assert.ThrowsAsync<ThresholdProfileException>(() => profiles.LoadAsync("good"));
    }
}
