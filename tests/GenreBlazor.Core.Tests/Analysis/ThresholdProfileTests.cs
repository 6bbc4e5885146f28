using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Tests.Analysis;

public sealed class ThresholdProfileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-profiles-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static float[] Thresholds(float value) => Enumerable.Repeat(value, GenreCatalog.Count).ToArray();

    [Fact]
    public void Json_round_trip_keeps_every_threshold()
    {
        var values = Enumerable.Range(0, GenreCatalog.Count).Select(i => i / 20f).ToArray();
        var profile = ThresholdProfile.FromArray("precision-first", values, "v1", "test");
        var parsed = ThresholdProfile.Parse(profile.ToJson(), "test.json");
        Assert.Equal(values, parsed.ToArray());
        Assert.Equal("v1", parsed.ModelVersion);
        Assert.Contains("\"Science Fiction\": 0.7", profile.ToJson());
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"thresholds\":{\"Cooking\":0.5}}", "unknown genre(s) 'Cooking'")]
    [InlineData("{\"name\":\"x\",\"thresholds\":{\"Drama\":0.5}}", "no threshold for Action")]
    [InlineData("{\"name\":\"x\"}", "needs \"name\" and \"models\" (or \"thresholds\")")]
    [InlineData("{\"name\":\"x\",\"models\":{}}", "sets no model's thresholds")]
    [InlineData("{\"name\":\"x\",\"models\":{\"audio\":{}}}", "unknown model(s) 'audio'")]
    [InlineData("{\"name\":\"x\",\"models\":{\"poster\":{\"Drama\":0.5}}}", "no threshold of the poster model for Action")]
    [InlineData("{\"name\":\"x\",\"models\":{\"fused\":null}}", "a model's thresholds are null")]
    [InlineData("not json", "is not a threshold profile")]
    [InlineData("{\"name\":\"../etc\",\"thresholds\":{}}", "a name may hold")]
    public void Invalid_profiles_are_refused_with_the_reason(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<ThresholdProfileException>(() => ThresholdProfile.Parse(json, "import.json")).Message);

    [Fact]
    public void A_threshold_outside_zero_to_one_is_refused()
    {
        var thresholds = GenreCatalog.All.ToDictionary(g => g, _ => 0.5f);
        thresholds["Western"] = 1.5f;
        var error = Assert.Throws<ThresholdProfileException>(() => new ThresholdProfile("x", new Dictionary<string, IReadOnlyDictionary<string, float>> { ["fused"] = thresholds }).Validated());
        Assert.Contains("of the fused model outside 0–1: Western = 1.5", error.Message);
    }

    [Fact]
    public void A_profile_holds_thresholds_per_model_and_leaves_the_others_to_their_tuned_ones()
    {
        var text = Thresholds(0.3f);
        var fused = Enumerable.Range(0, GenreCatalog.Count).Select(i => i / 40f).ToArray();
        var profile = ThresholdProfile.FromArrays("both", new Dictionary<DecidingModel, IReadOnlyList<float>>
        {
            [DecidingModel.Fused] = fused,
            [DecidingModel.Text] = text,
        }, "v2");

        var parsed = ThresholdProfile.Parse(profile.ToJson(), "both.json");

        Assert.Equal(text, parsed.ThresholdsFor(DecidingModel.Text));
        Assert.Equal(fused, parsed.ThresholdsFor(DecidingModel.Fused));
        Assert.Null(parsed.ThresholdsFor(DecidingModel.Poster));
        Assert.Equal([DecidingModel.Text, DecidingModel.Fused], parsed.Sets);
        Assert.Contains("\"models\"", profile.ToJson());
        Assert.DoesNotContain("\"thresholds\"", profile.ToJson());
    }

    [Fact]
    public void A_profile_file_of_the_first_format_loads_as_the_text_models_thresholds()
    {
        var values = Enumerable.Range(0, GenreCatalog.Count).Select(i => 0.1f + i / 50f).ToArray();
        var firstFormat = System.Text.Json.JsonSerializer.Serialize(new
        {
            name = "old one",
            thresholds = GenreCatalog.All.Select((g, i) => (g, values[i])).ToDictionary(p => p.g, p => p.Item2),
            modelVersion = "2026-11-22",
        });
        File.WriteAllText(Path.Combine(folder, "old-one.profile.json"), firstFormat);

        var loaded = new ThresholdProfileStore(folder).Load("old one");

        Assert.Equal(values, loaded.ThresholdsFor(DecidingModel.Text));
        Assert.Equal([DecidingModel.Text], loaded.Sets);
        Assert.Equal("2026-11-22", loaded.ModelVersion);
    }

    [Fact]
    public void Save_list_load_activate_delete_and_the_active_profile_survives_a_restart()
    {
        var store = new ThresholdProfileStore(folder);
        Assert.Null(store.Active);
        store.Save(ThresholdProfile.FromArray("Recall heavy", Thresholds(0.2f), "v1"));
        store.Save(ThresholdProfile.FromArray("strict", Thresholds(0.8f), "v1"));
        Assert.Equal(["Recall heavy", "strict"], store.Names());
        ThresholdProfile? announced = null;
        store.ActiveChanged += p => announced = p;
        store.Activate("strict");
        Assert.Equal("strict", announced?.Name);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        var restarted = new ThresholdProfileStore(folder);
        Assert.Equal("strict", restarted.Active?.Name);
        Assert.Equal(Thresholds(0.8f), restarted.Active!.ToArray());

        restarted.Delete("strict");
        Assert.Null(restarted.Active);
        Assert.Null(new ThresholdProfileStore(folder).Active);
        Assert.Equal(["Recall heavy"], restarted.Names());
        Assert.Throws<ThresholdProfileException>(() => restarted.Load("strict"));
        Assert.Throws<ThresholdProfileException>(() => restarted.Activate("nope"));
    }

    [Fact]
    public void An_invalid_file_on_disk_is_left_untouched_and_reported()
    {
        var store = new ThresholdProfileStore(folder);
        store.Save(ThresholdProfile.FromArray("good", Thresholds(0.4f), null));
        store.Activate("good");
        var path = store.PathOf("good");
        var broken = File.ReadAllText(path).Replace("0.4", "7");
        File.WriteAllText(path, broken);

        var restarted = new ThresholdProfileStore(folder);
        Assert.Null(restarted.Active);
        Assert.Contains("outside 0–1", restarted.ActiveProblem);
        Assert.Empty(restarted.Names());
        Assert.Contains(restarted.Problems(), p => p.Contains("good.profile.json"));
        Assert.Equal(broken, File.ReadAllText(path));
        Assert.Throws<ThresholdProfileException>(() => restarted.Save(new ThresholdProfile("good", new Dictionary<string, IReadOnlyDictionary<string, float>> { ["text"] = new Dictionary<string, float> { ["Drama"] = 0.5f } })));
        Assert.Equal(broken, File.ReadAllText(path));
    }

    [Fact]
    public void File_names_come_from_names_and_cannot_escape_the_folder()
    {
        var store = new ThresholdProfileStore(folder);
        Assert.Equal(Path.Combine(folder, "my-profile-2.profile.json"), store.PathOf("My Profile 2"));
        Assert.Throws<ThresholdProfileException>(() => store.PathOf("../../etc/passwd"));
        Assert.Throws<ThresholdProfileException>(() => store.PathOf(""));
    }
}
