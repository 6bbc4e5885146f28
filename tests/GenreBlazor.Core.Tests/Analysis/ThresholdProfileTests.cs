using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Tests.Analysis;

public sealed class ThresholdProfileTests
{
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
        var loaded = ThresholdProfile.Parse(firstFormat, "old-one.profile.json");

        Assert.Equal(values, loaded.ThresholdsFor(DecidingModel.Text));
        Assert.Equal([DecidingModel.Text], loaded.Sets);
        Assert.Equal("2026-11-22", loaded.ModelVersion);
    }

    [Fact]
    public void A_name_is_kept_in_one_normal_form()
    {
        var decomposed = "Cafe\u0301";
        var profile = ThresholdProfile.FromArray(decomposed, Thresholds(0.5f), null);
        Assert.Equal("Caf\u00e9", profile.Name);
        Assert.Equal(profile.Name, ThresholdProfile.Parse(profile.ToJson().Replace("Caf\u00e9", decomposed, StringComparison.Ordinal), "x").Name);
    }
}
