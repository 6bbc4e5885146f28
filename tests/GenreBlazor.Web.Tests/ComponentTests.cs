using AngleSharp.Html.Parser;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Scoring;
using GenreBlazor.Web.Components.Shared;
using GenreBlazor.Web.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenreBlazor.Web.Tests;

/// <summary>Renders components to HTML with the framework's HtmlRenderer and reads the result with AngleSharp.</summary>
public class ComponentTests
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument(html);
    }

    private static Classification Sample(float threshold)
    {
        var probabilities = new float[GenreCatalog.Count];
        probabilities[GenreCatalog.IndexOf("Horror")] = 0.91f;
        probabilities[GenreCatalog.IndexOf("Thriller")] = 0.55f;
        probabilities[GenreCatalog.IndexOf("Mystery")] = 0.30f;
        probabilities[GenreCatalog.IndexOf("Drama")] = 0.12f;
        probabilities[GenreCatalog.IndexOf("Comedy")] = 0.004f;
        return new Classification("v-test", new GenreScores(probabilities), Enumerable.Repeat(threshold, GenreCatalog.Count).ToArray());
    }

    [Fact]
    public async Task Results_list_every_genre_sorted_with_probabilities_top3_and_the_predicted_set()
    {
        var document = await RenderAsync<GenreResults>(new() { [nameof(GenreResults.Result)] = Sample(0.5f) });
        var lines = document.QuerySelectorAll("li.genre-line");
        Assert.Equal(19, lines.Length);
        Assert.Equal(["Horror", "Thriller", "Mystery", "Drama"], lines.Take(4).Select(l => l.GetAttribute("data-genre")));
        Assert.Equal("91%", lines[0].QuerySelector(".probability")!.TextContent);
        Assert.Equal("<1%", document.QuerySelector("li[data-genre=Comedy] .probability")!.TextContent);

        var top = document.QuerySelectorAll("li.top");
        Assert.Equal(["Horror", "Thriller", "Mystery"], top.Select(l => l.GetAttribute("data-genre")));
        Assert.Equal(["Top 1", "Top 2", "Top 3"], top.Select(l => l.QuerySelector(".rank-badge")!.TextContent));

        Assert.Equal(["Thriller", "Horror"], document.QuerySelectorAll("[data-testid=predicted-set] .chip").Select(c => c.TextContent).Order().Reverse());
        Assert.Equal("true", lines[1].GetAttribute("data-predicted"));
        Assert.Equal("false", lines[2].GetAttribute("data-predicted"));
        Assert.Equal("50.0%", ExtractLeft(lines[0].QuerySelector(".threshold-mark")!.GetAttribute("style")!));
        Assert.Equal("91", lines[0].QuerySelector("[role=meter]")!.GetAttribute("aria-valuenow"));
    }

    [Fact]
    public async Task A_lower_threshold_predicts_more_genres_and_none_is_said_plainly()
    {
        var low = await RenderAsync<GenreResults>(new() { [nameof(GenreResults.Result)] = Sample(0.1f) });
        Assert.Equal(4, low.QuerySelectorAll("[data-testid=predicted-set] .chip").Length);
        var high = await RenderAsync<GenreResults>(new() { [nameof(GenreResults.Result)] = Sample(0.95f) });
        Assert.Empty(high.QuerySelectorAll("[data-testid=predicted-set] .chip"));
        Assert.Contains("none reaches its threshold", high.QuerySelector("[data-testid=predicted-set]")!.TextContent);
    }

    [Fact]
    public async Task Plot_text_is_rendered_as_text_never_as_markup()
    {
        // Genre names come from the catalog, but the principle is tested where user text appears: the threshold hint.
        var document = await RenderAsync<ThresholdControl>(new()
        {
            [nameof(ThresholdControl.Settings)] = new ThresholdSettings(ThresholdMode.Global, 0, 0.35f),
            [nameof(ThresholdControl.BaseName)] = "<script>alert(1)</script>",
        });
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal("0.35", document.QuerySelector("[data-testid=threshold-value]")!.TextContent);
        Assert.True(document.QuerySelector("[data-testid=mode-global]")!.HasAttribute("checked"));
        Assert.Contains("<script>alert(1)</script> per genre", document.QuerySelector(".mode")!.TextContent);
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

    private static string ExtractLeft(string style) => style.Split(':')[1].Trim();
}
