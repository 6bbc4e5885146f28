using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Components.Pages.Analyze;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Analyze page in-process on the app's own services: sliders against counts computed here, and the profile dialogs.</summary>
public sealed class AnalyzePageTests : ComponentContext, IClassFixture<GenreBlazorFactory>
{
    private readonly GenreBlazorFactory app;

    public AnalyzePageTests(GenreBlazorFactory app)
    {
        this.app = app;
        UseAppServices(app.Services);
    }

    /// <summary>The committed bundle's scored test movies, read independently of the app.</summary>
    private static IReadOnlyList<ScoredMovie> Items(string file = "test-predictions.json") => JsonSerializer.Deserialize<TestPredictions>(
        File.ReadAllText(Path.Combine(GenreBlazor.Tests.SharedData.CommittedBundle, file)), ModelBundle.Json)!.Items;

    private static int Cell(IElement matrix, string cell) =>
        int.Parse(matrix.QuerySelector($"td[data-cell={cell}] .cell-count")!.TextContent, CultureInfo.InvariantCulture);

    /// <summary>The page with MudBlazor's dialog and snackbar providers beside it, as the layout has them.</summary>
    private IRenderedComponent<IComponent> RenderWithProviders() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<AnalyzePage>(3);
        builder.CloseComponent();
    });

    [Fact]
    public async Task The_training_data_opens_with_every_genres_count_and_pair_and_is_one_string_shared_by_every_circuit()
    {
        var training = app.Services.GetRequiredService<GenreModelHost>().Current.Bundle.Manifest.Training;
        var panel = Render<TrainingDataPanel>(p => p.Add(t => t.Training, training));
        Assert.Empty(panel.FindAll(".heatmap"));

        await panel.Find("[data-testid=training-data] .mud-expand-panel-header").ClickAsync();

        var rows = panel.FindAll(".heatmap tbody tr");
        Assert.Equal(GenreCatalog.Count, rows.Count);
        var drama = GenreCatalog.IndexOf("Drama");
        var comedy = GenreCatalog.IndexOf("Comedy");
        Assert.Equal(training.Cooccurrence[drama][comedy].ToString(CultureInfo.InvariantCulture), rows[drama].QuerySelectorAll("td")[comedy].TextContent);
        Assert.Equal(GenreCatalog.Count, panel.FindAll("svg.bars rect.bar").Count);
        Assert.Contains($"Drama: {training.GenreCounts[drama].ToString("N0", CultureInfo.InvariantCulture)}", panel.Find(".counts-as-text").TextContent);
        // Written once per bundle: a second circuit gets the same string, not a copy.
        Assert.Same(TrainingDataMarkup.Of(training).Value, TrainingDataMarkup.Of(training).Value);
    }

    [Fact]
    public async Task Moving_a_genres_slider_changes_its_matrix_cells_to_the_independently_computed_counts()
    {
        var page = Render<AnalyzePage>();
        await page.Find("[data-testid=matrix-card][data-genre=Western]").ClickAsync();
        Assert.Equal("Western", page.Find("[data-testid=detail]").GetAttribute("data-genre"));

        var western = GenreCatalog.IndexOf("Western");
        var items = Items();
        // The error lists are drawn when asked for (decision 0059): counts only until then.
        Assert.Empty(page.FindAll("[data-testid=errors-fp]"));
        await page.Find("[data-testid=show-errors]").ClickAsync();
        foreach (var threshold in new[] { 0.3f, 0.05f, 0.6f })
        {
            await page.Find("[data-testid=genre-threshold]").InputAsync(threshold.ToString("0.###", CultureInfo.InvariantCulture));
            Assert.Equal(threshold.ToString("0.000", CultureInfo.InvariantCulture), page.Find("[data-testid=genre-threshold-value]").TextContent);
            var truePositives = items.Count(m => m.Scores[western] >= threshold && m.Genres.Contains("Western"));
            var falsePositives = items.Count(m => m.Scores[western] >= threshold && !m.Genres.Contains("Western"));
            var falseNegatives = items.Count(m => m.Scores[western] < threshold && m.Genres.Contains("Western"));
            var detail = page.Find("[data-testid=detail] table.confusion");
            Assert.Equal(truePositives, Cell(detail, "tp"));
            Assert.Equal(falsePositives, Cell(detail, "fp"));
            Assert.Equal(falseNegatives, Cell(detail, "fn"));
            Assert.Equal(items.Count - truePositives - falsePositives - falseNegatives, Cell(detail, "tn"));
            // the card in the grid agrees with the big matrix
            Assert.Equal(truePositives, Cell(page.Find("[data-testid=matrix-card][data-genre=Western] table.confusion"), "tp"));
            // the error browsers list the same movies, most confident false positive first, ten to a page
            Assert.Equal($"({falsePositives} false positives, {falseNegatives} false negatives)", page.Find("[data-testid=error-counts]").TextContent);
            var fpRows = page.FindAll("[data-testid=errors-fp] tbody tr.mud-table-row");
            Assert.Equal(Math.Min(falsePositives, 10), fpRows.Count);
            if (falsePositives > 0)
            {
                var first = items.Where(m => m.Scores[western] >= threshold && !m.Genres.Contains("Western")).OrderByDescending(m => m.Scores[western]).First();
                Assert.StartsWith(first.Title, fpRows[0].QuerySelector(".title")!.TextContent);
            }
            Assert.Equal(Math.Min(falseNegatives, 10), page.FindAll("[data-testid=errors-fn] tbody tr.mud-table-row").Count);
        }
    }

    [Fact]
    public async Task One_threshold_for_all_moves_the_global_figures_and_reset_brings_them_back()
    {
        var page = Render<AnalyzePage>();
        var before = page.Find("[data-testid=global-average]").TextContent;
        await page.Find("[data-testid=one-for-all]").InputAsync("0.9");
        await page.Find("button[data-testid=apply-one-for-all]").ClickAsync();
        var items = Items();
        var predicted = items.Sum(m => m.Scores.Count(s => s >= 0.9f)) / (double)items.Count;
        Assert.Equal(predicted.ToString("0.00", CultureInfo.InvariantCulture), page.Find("[data-testid=global-average]").TextContent);
        await page.Find("button[data-testid=reset-tuned]").ClickAsync();
        Assert.Equal(before, page.Find("[data-testid=global-average]").TextContent);
    }

    [Fact]
    public async Task Saving_asks_for_a_name_in_a_dialog_and_deleting_asks_for_confirmation()
    {
        var own = Services.GetRequiredService<VisitorProfiles>();
        var server = app.Services.GetRequiredService<ServerProfiles>();
        var page = RenderWithProviders();
        IEnumerable<string> Mine() => own.ListAsync().GetAwaiter().GetResult().Select(p => p.Name);

        string[] Snackbars() => [.. page.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent)];

        // A click that opens a dialog finishes only when the dialog closes: it is not awaited.
        _ = page.Find("button[data-testid=save-profile]").ClickAsync(new());
        var name = page.WaitForElement(".mud-dialog input");
        await name.InputAsync("precision first");
        await page.Find("button[data-testid=save-profile-confirm]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("precision first", Mine()));
        page.WaitForAssertion(() => Assert.Contains("Saved 'precision first' to my profiles (this browser).", Snackbars()));
        // A visitor's save is theirs: the server's profiles are as they were.
        Assert.DoesNotContain("precision first", await server.NamesAsync());
        Assert.Empty(page.FindAll(".mud-dialog"));
        Assert.Equal("from profile 'precision first'", page.Find("[data-testid=workspace-source]").TextContent);

        // Saving again under the same name warns that it replaces the saved thresholds.
        _ = page.Find("button[data-testid=save-profile]").ClickAsync(new());
        page.WaitForElement(".mud-dialog input");
        Assert.NotNull(page.Find("[data-testid=profile-overwrite]"));
        Assert.Equal("Replace", page.Find("button[data-testid=save-profile-confirm]").TextContent.Trim());
        await page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));

        AngleSharp.Dom.IElement DeleteButton() => page.FindAll("[data-testid=own-profiles] tbody tr").Single(r => r.QuerySelector("[data-profile='precision first']") is not null)
            .QuerySelector("button[data-testid=delete-profile]")!;

        _ = DeleteButton().ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("cannot be undone", page.Find(".mud-dialog").TextContent));
        await page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep it").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Contains("precision first", Mine());

        _ = DeleteButton().ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-dialog")));
        await page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        page.WaitForAssertion(() => Assert.DoesNotContain("precision first", Mine()));
        page.WaitForAssertion(() => Assert.Contains("Deleted 'precision first'.", Snackbars()));
        Assert.Empty(page.FindAll("[data-profile='precision first']"));
        Assert.Equal("edited from the tuned thresholds", page.Find("[data-testid=workspace-source]").TextContent);
    }

    [Fact]
    public async Task Each_model_is_tuned_over_its_own_held_out_part_and_a_saved_profile_keeps_each_models_thresholds()
    {
        var own = Services.GetRequiredService<VisitorProfiles>();
        var page = RenderWithProviders();
        var drama = GenreCatalog.IndexOf("Drama");
        int Predicted(IReadOnlyList<ScoredMovie> items, float threshold) => items.Count(m => m.Scores[drama] >= threshold);
        int PredictedInDetail()
        {
            var detail = page.Find("[data-testid=detail] table.confusion");
            return Cell(detail, "tp") + Cell(detail, "fp");
        }

        // The poster model: its own 563 posters, its own tuned thresholds, and a move there leaves the plot model alone.
        await page.Find("input[data-testid=model-poster]").ChangeAsync("poster");
        var posters = Items("poster-test-predictions.json");
        Assert.Contains($"{posters.Count:N0} held-out test posters", page.Find(".lead").TextContent);
        await page.Find("[data-testid=genre-threshold]").InputAsync("0.2");
        Assert.Equal(Predicted(posters, 0.2f), PredictedInDetail());

        await page.Find("input[data-testid=model-fused]").ChangeAsync("fused");
        var fused = Items("fused-test-predictions.json");
        await page.Find("[data-testid=genre-threshold]").InputAsync("0.7");
        Assert.Equal(Predicted(fused, 0.7f), PredictedInDetail());

        await page.Find("input[data-testid=model-text]").ChangeAsync("text");
        var tunedText = app.Services.GetRequiredService<GenreBlazor.Web.Serving.GenreModelHost>().Current.Bundle.TextThresholds[drama];
        Assert.Equal(Predicted(Items(), tunedText), PredictedInDetail());

        // Saved now: the two models that were moved and the one being tuned, each with its own thresholds.
        _ = page.Find("button[data-testid=save-profile]").ClickAsync(new());
        await page.WaitForElement(".mud-dialog input").InputAsync("per model");
        await page.Find("button[data-testid=save-profile-confirm]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("per model", own.ListAsync().GetAwaiter().GetResult().Select(p => p.Name)));
        var saved = (await own.ListAsync()).Single(p => p.Name == "per model");
        Assert.Equal([DecidingModel.Text, DecidingModel.Poster, DecidingModel.Fused], saved.Sets);
        Assert.Equal(0.2f, saved.ThresholdsFor(DecidingModel.Poster)![drama]);
        Assert.Equal(0.7f, saved.ThresholdsFor(DecidingModel.Fused)![drama]);
        Assert.Equal(tunedText, saved.ThresholdsFor(DecidingModel.Text)![drama]);
    }

    [Fact]
    public async Task A_visitor_sees_server_profiles_read_only_and_keeps_a_copy_that_decides_for_their_own_classify_page()
    {
        var server = app.Services.GetRequiredService<ServerProfiles>();
        var own = Services.GetRequiredService<VisitorProfiles>();
        await server.SaveAsync(ThresholdProfile.FromArray("house style", Enumerable.Repeat(0.4f, GenreCatalog.Count).ToArray(), "any"));
        try
        {
            var page = RenderWithProviders();
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=profile-row][data-profile='house style']")));
            Assert.Empty(page.FindAll("[data-testid=activate-profile]"));
            Assert.Empty(page.FindAll("[data-testid=activate-tuned]"));
            Assert.Empty(page.FindAll("[data-testid=delete-server-profile]"));
            Assert.Empty(page.FindAll("[data-testid=save-server-profile]"));
            Assert.Contains("no operator is configured", page.Find("[data-testid=server-changes-note]").TextContent);

            await page.Find("button[data-testid=copy-profile]").ClickAsync(new());
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=own-profile-row][data-profile='house style']")));
            await page.Find("button[data-testid=use-own-profile]").ClickAsync(new());
            page.WaitForAssertion(() => Assert.Contains("my profile 'house style'", page.Find("[data-testid=classify-choice]").TextContent));
            Assert.Equal(new VisitorChoice("house style", false), await own.ChoiceAsync());
            Assert.Null(server.Active);
        }
        finally
        {
            await server.DeleteAsync("house style");
        }
    }

    [Fact]
    public async Task An_operator_makes_a_server_profile_active_for_everyone_from_the_page()
    {
        ActAsOperator();
        var server = app.Services.GetRequiredService<ServerProfiles>();
        await server.SaveAsync(ThresholdProfile.FromArray("operator pick", Enumerable.Repeat(0.3f, GenreCatalog.Count).ToArray(), "any"));
        try
        {
            var page = RenderWithProviders();
            Assert.Empty(page.FindAll("[data-testid=server-changes-note]"));
            IElement Activate() => page.FindAll("[data-testid=profiles] tbody tr").Single(r => r.QuerySelector("[data-testid=profile-row][data-profile='operator pick']") is not null)
                .QuerySelector("button[data-testid=activate-profile]")!;
            page.WaitForAssertion(() => Assert.NotNull(Activate()));
            await Activate().ClickAsync(new());
            page.WaitForAssertion(() => Assert.Equal("operator pick", server.Active?.Name));
        }
        finally
        {
            await server.ActivateAsync(null);
            await server.DeleteAsync("operator pick");
        }
    }
}
