using Bunit;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Web.Components.Pages.Classify;
using GenreBlazor.Web.Explanations;
using GenreBlazor.Testing.Bedrock;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>"Why these genres?": its pieces on a hand-made case, and the whole panel on the app's own services.</summary>
public sealed class ExplanationPanelTests : ComponentContext
{
    private static readonly int Horror = GenreCatalog.IndexOf("Horror");
    private static readonly int Romance = GenreCatalog.IndexOf("Romance");

    /// <summary>Markup in the plot must come out as text; "b" is a single letter, so the words stay ghost, haunted, house, wedding.</summary>
    private const string Plot = "A ghost in the haunted house at a <b>wedding</b>.";

    private const string Haunted = "A family moves into a haunted house where a vengeful <em>ghost</em> terrorises their children at night.";

    /// <summary>
    /// Four word columns with idf 1: each known term of <see cref="Plot"/> has TF-IDF 1/√4 = 0.5, so its push is half its weight:
    /// Horror ghost +1.50, "haunted house" +1.00, house -0.30, wedding -0.10; Romance wedding +0.80.
    /// </summary>
    private static ExplanationCase HandCase()
    {
        var vocabulary = new Vocabulary(["ghost", "haunted house", "house", "wedding"], [1, 1, 1, 1]);
        var vectorizer = new PlotVectorizer(new VectorizerOptions(new TermOptions(MaxWordNGram: 2)), vocabulary, new TfIdfWeighting([1f, 1f, 1f, 1f]));
        var stride = LinearModel.StrideFor(GenreCatalog.Count);
        var weights = new float[4 * stride];
        weights[0 * stride + Horror] = 3.0f;
        weights[1 * stride + Horror] = 2.0f;
        weights[2 * stride + Horror] = -0.6f;
        weights[3 * stride + Horror] = -0.2f;
        weights[3 * stride + Romance] = 1.6f;
        var model = new TextGenreModel(vectorizer, new LinearModel(4, GenreCatalog.Count, weights, new float[GenreCatalog.Count]));
        var probabilities = Enumerable.Repeat(0.1f, GenreCatalog.Count).ToArray();
        probabilities[Horror] = 0.9f;
        probabilities[Romance] = 0.7f;
        return ExplanationCase.From(EvidenceExtractor.Extract(model, Plot), probabilities, Enumerable.Repeat(0.5f, GenreCatalog.Count).ToArray());
    }

    [Fact]
    public void The_chosen_genres_words_are_highlighted_by_direction_and_strength_with_their_numbers()
    {
        var document = Render<EvidenceView>(p => p.Add(v => v.Case, HandCase()).Add(v => v.Genre, Horror));
        var plot = document.Find("[data-testid=evidence-plot]");

        Assert.Equal("Horror", plot.GetAttribute("data-genre"));
        var ghost = plot.QuerySelector("mark[data-word=ghost]")!;
        Assert.Equal("ev up s3", ghost.GetAttribute("class"));
        Assert.Equal("1.5000", ghost.GetAttribute("data-push"));
        Assert.Equal("0", ghost.GetAttribute("tabindex"));
        Assert.Equal("\"ghost\" +1.50 for Horror: as a word TF-IDF 0.50 × weight 3.00 = +1.50", ghost.GetAttribute("title"));
        Assert.Equal(ghost.GetAttribute("title"), ghost.GetAttribute("data-tip"));

        var house = plot.QuerySelector("mark[data-word=house]")!; // |-0.30| / 1.50 = 0.2 of the strongest: strength 2, and closes the phrase
        Assert.Equal("ev down s2 ph ph-up ph-end", house.GetAttribute("class"));
        Assert.EndsWith("Also part of \"haunted house\" +1.00 for Horror: a two-word phrase, TF-IDF 0.50 × weight 2.00", house.GetAttribute("title"));
        Assert.Equal("ev down s1", plot.QuerySelector("mark[data-word=wedding]")!.GetAttribute("class")); // 0.10 / 1.50 < 0.2
        Assert.Null(plot.QuerySelector("mark[data-word=haunted]")); // no push of its own...
        Assert.Equal("haunted", plot.QuerySelector("span.ph.ph-start")!.TextContent); // ...but it opens the phrase
        Assert.Equal(3, plot.QuerySelectorAll("mark.ev").Length);

        Assert.Equal(["“ghost”", "“haunted house”"], document.FindAll("[data-testid=evidence-up] .ev-text").Select(e => e.TextContent));
        Assert.Equal(["+1.50", "+1.00"], document.FindAll("[data-testid=evidence-up] .ev-push").Select(e => e.TextContent));
        Assert.Equal(["-0.30", "-0.10"], document.FindAll("[data-testid=evidence-down] .ev-push").Select(e => e.TextContent));
        Assert.Contains("phrase", document.FindAll("[data-testid=evidence-up] .ev-kind")[1].TextContent);
    }

    [Fact]
    public void The_plot_is_shown_as_text_and_choosing_another_genre_moves_the_highlights()
    {
        var document = Render<EvidenceView>(p => p.Add(v => v.Case, HandCase()).Add(v => v.Genre, Romance));
        var plot = document.Find("[data-testid=evidence-plot]");

        Assert.Equal(Plot, plot.TextContent);
        Assert.Empty(plot.QuerySelectorAll("b"));
        Assert.Equal("Romance", plot.GetAttribute("data-genre"));
        var wedding = Assert.Single(plot.QuerySelectorAll("mark.ev"));
        Assert.Equal("wedding", wedding.TextContent);
        Assert.Equal("ev up s3", wedding.GetAttribute("class"));
        Assert.Empty(plot.QuerySelectorAll(".ph"));

        var groups = document.FindAll("[data-testid=evidence-genre] optgroup");
        Assert.Equal("Predicted", groups[0].GetAttribute("label"));
        Assert.Equal(["Horror — 90%, predicted", "Romance — 70%, predicted"], groups[0].QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal(17, groups[1].QuerySelectorAll("option").Length);
        Assert.Equal(Romance.ToString(System.Globalization.CultureInfo.InvariantCulture), document.Find("option[selected]").GetAttribute("value"));
        Assert.Contains("pushed Romance up", document.Find(".evidence-legend").TextContent);
    }

    [Fact]
    public void The_badge_says_who_wrote_the_text_and_why_the_local_explainer_stood_in()
    {
        var bedrock = new ExplanationResult("Horror, because of \"ghost\".", ExplanationSource.Bedrock, "amazon.nova-micro-v1:0", null, null, true, 0, HandCase());
        var byBedrock = Render<ExplanationText>(p => p.Add(t => t.Explanation, bedrock));
        Assert.Equal("bedrock", byBedrock.Find("[data-testid=explanation-source]").GetAttribute("data-source"));
        Assert.Equal("Written by Amazon Bedrock", byBedrock.Find("[data-testid=source-badge]").TextContent);
        Assert.Contains("amazon.nova-micro-v1:0", byBedrock.Find("[data-testid=explanation-source]").TextContent);
        Assert.Contains("reused from the cache", byBedrock.Find("[data-testid=explanation-source]").TextContent);

        var local = bedrock with
        {
            Text = "<i>Local</i> text.", Source = ExplanationSource.Local, Why = LocalReason.BedrockFailed,
            Reason = "Bedrock failed: ThrottlingException (429), still throttled after 2 retries", FromCache = false,
        };
        var byLocal = Render<ExplanationText>(p => p.Add(t => t.Explanation, local));
        Assert.Equal("local", byLocal.Find("[data-testid=explanation-source]").GetAttribute("data-source"));
        Assert.Equal("Written by the local explainer", byLocal.Find("[data-testid=source-badge]").TextContent);
        Assert.Equal("composed from the model's evidence because Bedrock could not be used: Bedrock failed: ThrottlingException (429), still throttled after 2 retries",
            byLocal.Find("[data-testid=fallback-reason]").TextContent);
        Assert.Equal("<i>Local</i> text.", byLocal.Find("[data-testid=explanation-text]").TextContent);
        Assert.Empty(byLocal.FindAll("[data-testid=explanation-text] i"));
    }

    [Fact]
    public async Task Before_the_page_is_interactive_the_panel_shows_the_real_models_evidence_and_asks_for_no_text()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        await using var app = new ExplanationAppFactory(null, bedrockEnabled: false);
        UseAppServices(app.Services);
        var result = app.Services.GetRequiredService<PlotClassifier>().Classify(Haunted);

        var panel = Render<ExplanationPanel>(p => p.Add(e => e.Plot, Haunted).Add(e => e.Result, result));

        var plot = panel.Find("[data-testid=evidence-plot]");
        Assert.Equal("Horror", plot.GetAttribute("data-genre"));
        Assert.Equal(Haunted, plot.TextContent);
        Assert.Empty(plot.QuerySelectorAll("em"));
        Assert.Contains(plot.QuerySelectorAll("mark.ev.up"), m => m.TextContent == "ghost");
        Assert.Empty(panel.FindAll("[data-testid=explanation-text]"));
        Assert.Contains("appears once the page is interactive", panel.Find(".explanation").TextContent);
        Assert.Equal(0, (await app.UsageAsync()).LocalOnly);
    }

    [Fact]
    public async Task On_the_circuit_the_local_explainer_writes_the_text_and_choosing_a_genre_moves_the_highlights()
    {
        await using var app = new ExplanationAppFactory(null, bedrockEnabled: false);
        UseAppServices(app.Services);
        var result = app.Services.GetRequiredService<PlotClassifier>().Classify(Haunted);

        var panel = Render<ExplanationPanel>(p => p.Add(e => e.Plot, Haunted).Add(e => e.Result, result));

        panel.WaitForAssertion(() => Assert.Equal("local", panel.Find("[data-testid=explanation-source]").GetAttribute("data-source")));
        Assert.Equal("Written by the local explainer", panel.Find("[data-testid=source-badge]").TextContent);
        Assert.Contains("Horror", panel.Find("[data-testid=explanation-text]").TextContent);
        Assert.Contains("Bedrock is off", panel.Find("[data-testid=fallback-reason]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await app.UsageAsync()).LocalOnly); // asked once, from the circuit

        var romance = Romance.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await panel.Find("[data-testid=evidence-genre]").ChangeAsync(romance);
        Assert.Equal("Romance", panel.Find("[data-testid=evidence-plot]").GetAttribute("data-genre"));
        Assert.Equal("Pushed Romance up", panel.Find("#evidence-up-heading").TextContent);
    }

    [Fact]
    public async Task With_Bedrock_on_the_panel_shows_its_checked_answer_from_the_fake_server_and_who_wrote_it()
    {
        await using var server = await FakeBedrockServer.StartAsync((request, _) => FakeModel.Says(FakeModel.GroundedAnswer(request), inputTokens: 400, outputTokens: 60));
        await using var app = new ExplanationAppFactory(server, bedrockEnabled: true);
        UseAppServices(app.Services);
        var result = app.Services.GetRequiredService<PlotClassifier>().Classify(Haunted);

        var panel = Render<ExplanationPanel>(p => p.Add(e => e.Plot, Haunted).Add(e => e.Result, result));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=explanation-source]")), TimeSpan.FromSeconds(30));
        Assert.True(panel.Find("[data-testid=explanation-source]").GetAttribute("data-source") == "bedrock",
            "The local explainer stood in: " + panel.Find("[data-testid=explanation-source]").TextContent);
        Assert.Equal("Written by Amazon Bedrock", panel.Find("[data-testid=source-badge]").TextContent);
        Assert.Contains(ExplanationAppFactory.ModelId, panel.Find("[data-testid=explanation-source]").TextContent);
        Assert.Contains("Horror", panel.Find("[data-testid=explanation-text]").TextContent);
        var request = Assert.Single(server.Requests);
        Assert.Equal(Haunted, FakeModel.PlotBlock(request));
    }

    [Fact]
    public void Runs_give_the_plot_back_unchanged()
    {
        var runs = PlotHighlighter.Runs(HandCase().Evidence, Horror);
        Assert.Equal(Plot, string.Concat(runs.Select(r => r.Text)));
        Assert.Equal([PhrasePart.Start, PhrasePart.Middle, PhrasePart.End], runs.Where(r => r.Phrase is not null).Select(r => r.Phrase!.Part));
    }
}
