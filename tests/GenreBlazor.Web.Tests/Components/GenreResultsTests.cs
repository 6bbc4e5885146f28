using Bunit;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Scoring;
using GenreBlazor.Web.Components.Shared;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The genre bars, the threshold control and the model switch, each rendered on its own.</summary>
public sealed class GenreResultsTests : ComponentContext
{
    private static Classification Sample(float threshold, string model = "text", params (string Genre, float Probability)[] scores)
    {
        var probabilities = new float[GenreCatalog.Count];
        foreach (var (genre, probability) in scores.Length > 0 ? scores : [("Horror", 0.91f), ("Thriller", 0.55f), ("Mystery", 0.30f), ("Drama", 0.12f), ("Comedy", 0.004f)])
        {
            probabilities[GenreCatalog.IndexOf(genre)] = probability;
        }
        return new Classification("v-test", new GenreScores(probabilities), Enumerable.Repeat(threshold, GenreCatalog.Count).ToArray(), Model: model);
    }

    [Fact]
    public void Results_list_every_genre_sorted_with_probabilities_top3_and_the_predicted_set()
    {
        var results = Render<GenreResults>(p => p.Add(r => r.Result, Sample(0.5f)));
        var lines = results.FindAll("li.genre-line");
        Assert.Equal(19, lines.Count);
        Assert.Equal(["Horror", "Thriller", "Mystery", "Drama"], lines.Take(4).Select(l => l.GetAttribute("data-genre")));
        Assert.Equal("91%", lines[0].QuerySelector(".probability")!.TextContent);
        Assert.Equal("<1%", results.Find("li[data-genre=Comedy] .probability").TextContent);

        var top = results.FindAll("li.top");
        Assert.Equal(["Horror", "Thriller", "Mystery"], top.Select(l => l.GetAttribute("data-genre")));
        Assert.Equal(["Top 1", "Top 2", "Top 3"], top.Select(l => l.QuerySelector(".rank-badge")!.TextContent));

        Assert.Equal(["Horror", "Thriller"], results.FindAll("[data-testid=predicted-set] .chip").Select(c => c.TextContent));
        Assert.Equal("true", lines[1].GetAttribute("data-predicted"));
        Assert.Equal("false", lines[2].GetAttribute("data-predicted"));
        Assert.Equal("left: 50.0%", lines[0].QuerySelector(".threshold-mark")!.GetAttribute("style"));
        Assert.Equal("91", lines[0].QuerySelector("[role=meter]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("91%, threshold 50%", lines[0].QuerySelector("[role=meter]")!.GetAttribute("aria-valuetext"));
    }

    [Fact]
    public void A_lower_threshold_predicts_more_genres_and_none_is_said_plainly()
    {
        var results = Render<GenreResults>(p => p.Add(r => r.Result, Sample(0.1f)));
        Assert.Equal(4, results.FindAll("[data-testid=predicted-set] .chip").Count);
        results.Render(p => p.Add(r => r.Result, Sample(0.95f)));
        Assert.Empty(results.FindAll("[data-testid=predicted-set] .chip"));
        Assert.Contains("none reaches its threshold", results.Find("[data-testid=predicted-set]").TextContent);
    }

    [Fact]
    public async Task The_threshold_slider_raises_new_settings_on_every_tick_and_mode_changes_switch_its_range()
    {
        var settings = ThresholdSettings.Tuned;
        var control = Render<ThresholdControl>(p => p
            .Add(c => c.Settings, settings)
            .Add(c => c.SettingsChanged, s => settings = s));

        await control.Find("[data-testid=threshold-slider]").InputAsync("0.2");
        Assert.Equal(new ThresholdSettings(ThresholdMode.ShiftTuned, Shift: 0.2f), settings);

        await control.Find("[data-testid=mode-global]").ChangeAsync(true);
        Assert.Equal(ThresholdMode.Global, settings.Mode);
        control.Render(p => p.Add(c => c.Settings, settings));
        Assert.Equal("0", control.Find("[data-testid=threshold-slider]").GetAttribute("min"));
        await control.Find("[data-testid=threshold-slider]").InputAsync("0.35");
        Assert.Equal(0.35f, settings.Global);
        control.Render(p => p.Add(c => c.Settings, settings));
        Assert.Equal("0.35", control.Find("[data-testid=threshold-value]").TextContent);
        Assert.Contains("Every genre is decided at 0.35", control.Markup);
    }

    [Fact]
    public void User_text_in_the_threshold_control_is_rendered_as_text_never_as_markup()
    {
        var control = Render<ThresholdControl>(p => p
            .Add(c => c.Settings, new ThresholdSettings(ThresholdMode.Global, 0, 0.35f))
            .Add(c => c.BaseName, "<script>alert(1)</script>"));
        Assert.Empty(control.FindAll("script"));
        Assert.True(control.Find("[data-testid=mode-global]").HasAttribute("checked"));
        Assert.Contains("<script>alert(1)</script> per genre", control.Find(".mode").TextContent);
    }

    [Fact]
    public async Task The_model_switch_shows_the_fused_result_first_then_each_models_own_bars()
    {
        var movie = new MovieClassification(
            Text: Sample(0.5f, "text", ("Horror", 0.8f), ("Drama", 0.6f)),
            Poster: Sample(0.5f, "poster", ("Animation", 0.9f), ("Family", 0.7f)),
            Fused: Sample(0.5f, "fused", ("Horror", 0.75f), ("Animation", 0.65f)));
        var results = Render<ModelResults>(p => p.Add(r => r.Movie, movie));

        string[] Tabs() => [.. results.FindAll(".mud-tab").Select(t => t.TextContent.Trim())];
        string Top() => results.Find("li.top-1").GetAttribute("data-genre")!;
        string[] Predicted() => [.. results.FindAll("[data-testid=predicted-set] .chip").Select(c => c.TextContent)];

        Assert.Equal(["Fused (decides)", "Plot model", "Poster model"], Tabs());
        Assert.Equal("Horror", Top());
        Assert.Equal(["Animation", "Horror"], Predicted()); // catalog order

        await results.FindAll(".mud-tab")[2].ClickAsync();
        Assert.Equal("Animation", Top());
        Assert.Equal(["Animation", "Family"], Predicted());

        await results.FindAll(".mud-tab")[1].ClickAsync();
        Assert.Equal(["Drama", "Horror"], Predicted());

        // The comparison below lists every model's probability for every genre.
        Assert.Equal(["text", "poster", "fused"], results.FindAll("[data-testid=model-comparison] th[data-model]").Select(th => th.GetAttribute("data-model")));
        Assert.Equal(19, results.FindAll("[data-testid=model-comparison] tbody tr").Count);

        // A slider move (same models, new thresholds) keeps the chosen tab.
        results.Render(p => p.Add(r => r.Movie, movie with { Text = movie.Text!.WithThresholds(Enumerable.Repeat(0.7f, GenreCatalog.Count).ToArray()) }));
        Assert.Equal(["Horror"], Predicted());
    }

    [Fact]
    public void Threshold_settings_shift_or_replace_the_base_thresholds()
    {
        var tuned = Enumerable.Range(0, GenreCatalog.Count).Select(i => i / 40f).ToArray();
        Assert.Equal(tuned, ThresholdSettings.Tuned.Apply(tuned));
        var shifted = new ThresholdSettings(ThresholdMode.ShiftTuned, Shift: 0.1f).Apply(tuned);
        Assert.Equal(tuned[5] + 0.1f, shifted[5], 6);
        Assert.Equal(0f, new ThresholdSettings(ThresholdMode.ShiftTuned, Shift: -0.5f).Apply(tuned)[3]);
        Assert.All(new ThresholdSettings(ThresholdMode.Global, Global: 0.42f).Apply(tuned), t => Assert.Equal(0.42f, t));
    }
}
