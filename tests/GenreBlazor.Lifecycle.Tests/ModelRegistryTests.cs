using System.Text;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Tests;

namespace GenreBlazor.Lifecycle.Tests;

/// <summary>Small bundles trained once for the registry tests: two good ones of different seeds and one trained on scrambled labels.</summary>
public sealed class TrainedBundles : IDisposable
{
    private static readonly (string Genre, string[] Cues)[] Cues =
    [
        ("Horror", ["ghost", "haunted", "demon", "scream", "curse"]),
        ("Romance", ["love", "wedding", "kiss", "heart", "bride"]),
        ("Western", ["sheriff", "outlaw", "saloon", "ranch", "cowboy"]),
    ];

    public TrainedBundles()
    {
        Good = Train("good", scramble: false, seed: 1);
        Other = Train("other", scramble: false, seed: 2);
        Scrambled = Train("scrambled", scramble: true, seed: 1);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("life-bundles-").FullName;

    public string Good { get; }

    public string Other { get; }

    public string Scrambled { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string Train(string version, bool scramble, int seed)
    {
        var random = new Random(7);
        var scrambler = new Random(99);
        var csv = new StringBuilder("id,title,year,genres,overview,language,tmdb_id,imdb_id\n");
        for (var i = 0; i < 400; i++)
        {
            var (genre, cues) = Cues[random.Next(Cues.Length)];
            var words = string.Join(" ", Enumerable.Range(0, 4).Select(_ => cues[random.Next(cues.Length)]));
            // Scrambled labels only where the model learns: the test part keeps the truth, so the comparison sees the damage.
            var id = $"m-{i}";
            var label = scramble && DatasetSplit.PartOf(id) != SplitPart.Test ? Cues[scrambler.Next(Cues.Length)].Genre : genre;
            csv.Append($"{id},Film {i},2001,{label},\"A town, a {words} story.\",en,,\n");
        }
        var path = Path.Combine(Folder, version + ".csv");
        File.WriteAllText(path, csv.ToString());
        var output = Path.Combine(Folder, version);
        BundleTrainer.Train(MovieCsvReader.Read(path), output, TextModelOptions.Default.WithoutEmbeddings() with { Seed = seed }, null, version);
        return output;
    }
}

public sealed class ModelRegistryTests(Stores stores, TrainedBundles bundles) : IClassFixture<Stores>, IClassFixture<TrainedBundles>
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    private async Task<(AppStore Store, ModelRegistry Registry, StoreSettings Settings)> OpenAsync(StoreProvider provider)
    {
        var store = await stores.OpenAsync(provider, StoreSettings.Schema, ModelRegistry.Schema);
        var settings = new StoreSettings(store);
        return (store, new ModelRegistry(store, settings), settings);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_first_bundle_becomes_champion_and_registered_versions_carry_their_figures_and_checksums(StoreProvider provider)
    {
        var (store, registry, settings) = await OpenAsync(provider);
        await using var _ = store;

        var champion = await registry.EnsureChampionAsync(bundles.Good);
        var again = await registry.EnsureChampionAsync(bundles.Other);
        var other = await registry.RegisterAsync(bundles.Other, snapshot: "snap-1", parent: "good");

        Assert.Equal("good", champion.Version);
        Assert.Equal(["champion"], champion.Aliases);
        Assert.Equal("good", again.Version); // a champion exists: the other bundle is not made one
        var manifest = ModelBundle.ReadManifest(bundles.Good);
        Assert.Equal(manifest.Text.TestMetrics.MicroF1, champion.Metrics.TextMicroF1);
        Assert.Equal(manifest.Data.Fingerprint, champion.DataFingerprint);
        Assert.Equal(ModelBundle.Checksum(Path.Combine(bundles.Good, "text-model.bin")), champion.Files["text-model.bin"]);
        Assert.Contains(ModelBundle.ManifestFile, champion.Files.Keys);
        Assert.Contains("\"seed\":1", champion.Hyperparameters.Replace(" ", ""));
        Assert.Equal(("snap-1", "good"), (other.Snapshot, other.Parent));
        Assert.Empty(other.Aliases);
        Assert.Equal(["good", "other"], (await registry.ListAsync()).Select(v => v.Version).Order());
        Assert.Equal("good", (await settings.GetAsync(ModelRegistry.ChampionSetting))!.Value);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Promote_and_rollback_move_the_champion_and_raise_the_setting_replicas_poll(StoreProvider provider)
    {
        var (store, registry, settings) = await OpenAsync(provider);
        await using var _ = store;
        await registry.EnsureChampionAsync(bundles.Good);
        await registry.RegisterAsync(bundles.Other);
        await registry.SetChallengerAsync("other");
        var before = (await settings.GetAsync(ModelRegistry.ChampionSetting))!.Version;

        var promoted = await registry.PromoteAsync("other", new PromotionPolicy(MaxMicroF1Drop: 0.05));

        Assert.Equal(("other", "good"), (promoted.Champion, promoted.Previous));
        Assert.NotNull(promoted.Comparison);
        Assert.Equal(["challenger", "champion"], (await registry.GetAsync("other"))!.Aliases);
        var setting = (await settings.GetAsync(ModelRegistry.ChampionSetting))!;
        Assert.Equal(("other", before + 1), (setting.Value, setting.Version));

        var rolledBack = await registry.RollbackAsync();

        Assert.Equal(("good", "other"), (rolledBack.Champion, rolledBack.Previous));
        Assert.Equal("good", (await registry.ChampionAsync())!.Version);
        Assert.Contains("nothing to roll back to", (await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RollbackAsync())).Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_regressing_bundle_is_refused_without_force_and_a_tampered_one_always(StoreProvider provider)
    {
        var (store, registry, _) = await OpenAsync(provider);
        await using var __ = store;
        await registry.EnsureChampionAsync(bundles.Good);
        await registry.RegisterAsync(bundles.Scrambled);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => registry.PromoteAsync("scrambled", new PromotionPolicy()));
        Assert.Contains("--force", refused.Message);
        Assert.Equal("good", (await registry.ChampionAsync())!.Version);
        Assert.Equal("scrambled", (await registry.PromoteAsync("scrambled", new PromotionPolicy(), force: true)).Champion);

        var copy = Path.Combine(bundles.Folder, $"tampered-{provider}");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(bundles.Other))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        await registry.RegisterAsync(copy);
        await File.AppendAllTextAsync(Path.Combine(copy, "text-model.bin"), "tampered");
        var tampered = await Assert.ThrowsAsync<ModelRegistryException>(() => registry.PromoteAsync("other", new PromotionPolicy(), force: true));
        Assert.Contains("corrupt or was changed", tampered.Message);
        Assert.Equal("scrambled", (await registry.ChampionAsync())!.Version);
    }

    [Fact]
    public void Compare_pairs_the_shared_held_out_rows_and_brackets_the_micro_F1_difference()
    {
        var good = ModelBundle.Load(bundles.Good);
        var scrambled = ModelBundle.Load(bundles.Scrambled);

        var result = ModelComparison.Compare(good, scrambled);
        var self = ModelComparison.Compare(good, good);

        Assert.Equal(good.LoadTestPredictions().Items.Count, result.Rows);
        Assert.True(result.CandidateMicroF1 < result.BaselineMicroF1 - 0.2, $"{result.CandidateMicroF1} vs {result.BaselineMicroF1}");
        Assert.True(result.DeltaLow <= result.Delta && result.Delta <= result.DeltaHigh);
        Assert.True(result.DeltaHigh < 0, "the interval excludes zero for a clear regression");
        Assert.Equal((0.0, 0.0, 0.0), (self.Delta, self.DeltaLow, self.DeltaHigh));
        Assert.Equal(19, result.Genres.Count);
        var horror = result.Genres.Single(g => g.Genre == "Horror");
        Assert.True(horror.Support > 0 && horror.Delta < 0);
        Assert.Equal(0, result.Genres.Single(g => g.Genre == "Action").Support);
    }
}
