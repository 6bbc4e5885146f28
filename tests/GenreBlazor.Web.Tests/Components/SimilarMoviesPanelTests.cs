using Bunit;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Components.Pages.Classify;
using GenreBlazor.Web.Components.Pages.Discover;
using GenreBlazor.Web.Tests.Discovery;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>"Movies like this" and a movie's page, rendered on an app whose catalog is the fourteen movies of <see cref="TinyDna"/>.</summary>
public sealed class SimilarMoviesPanelTests(TinyDna dna) : ComponentContext, IClassFixture<TinyDna>
{
    private const string HeistPlot = "Thieves plan to rob a bank vault, but the police are watching.";

    private ExplanationAppFactory App()
    {
        var app = new ExplanationAppFactory(null, false, builder => builder
            .UseSetting("Discovery:DnaPath", dna.Path)
            .UseSetting("Discovery:MoviesPath", dna.MoviesPath));
        UseAppServices(app.Services);
        return app;
    }

    private static IReadOnlyList<float> Probabilities(ExplanationAppFactory app, string plot) =>
        app.Services.GetRequiredService<PlotClassifier>().Classify(plot).Scores.Probabilities;

    [Fact]
    public async Task A_classified_plot_shows_ten_movies_with_genres_scores_and_reasons_the_heists_first()
    {
        await using var app = App();
        var panel = Render<SimilarMoviesPanel>(p => p.Add(x => x.Plot, HeistPlot).Add(x => x.Probabilities, Probabilities(app, HeistPlot)));

        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=found-movie]").Count));
        var titles = panel.FindAll("[data-testid=found-title]").Select(t => t.TextContent).ToList();
        Assert.Contains(titles[0], new[] { "Vault Job", "The Last Score" });
        Assert.Equal(10, titles.Distinct().Count());
        var scores = panel.FindAll("[data-testid=found-score]").Select(s => float.Parse(s.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(panel.FindAll("[data-testid=found-reason]"), r => Assert.Matches("(?i)plot|shares", r.TextContent));
        Assert.Contains("Crime", panel.FindAll("[data-testid=found-genres]")[0].TextContent);
        var first = panel.FindAll("[data-testid=found-movie]")[0].GetAttribute("data-id");
        Assert.Equal($"movies/{first}", panel.FindAll("[data-testid=found-title]")[0].GetAttribute("href"));
        Assert.Empty(panel.FindAll("[data-testid=similar-pending]"));
    }

    [Fact]
    public async Task Nothing_is_asked_before_a_plot_is_classified()
    {
        await using var app = App();
        var panel = Render<SimilarMoviesPanel>(p => p.Add(x => x.Plot, "").Add(x => x.Probabilities, null));
        Assert.Empty(panel.FindAll("[data-testid=similar-panel]"));
    }

    [Fact]
    public async Task A_movie_page_shows_its_plot_from_the_catalog_and_its_own_similar_movies()
    {
        await using var app = App();
        var page = Render<MoviePage>(p => p.Add(x => x.Id, "t2"));

        page.WaitForAssertion(() => Assert.Equal("The Last Score (1992)", page.Find("[data-testid=movie-title]").TextContent.Trim().Replace("  ", " ", StringComparison.Ordinal)));
        Assert.Equal("Action · Crime · Thriller", page.Find("[data-testid=movie-genres]").TextContent);
        Assert.StartsWith("Veteran robbers gather for one last heist", page.Find("[data-testid=movie-overview]").TextContent);
        var titles = page.FindAll("[data-testid=found-title]").Select(t => t.TextContent).ToList();
        Assert.Equal(10, titles.Count);
        Assert.DoesNotContain("The Last Score", titles);
        Assert.Equal("Vault Job", titles[0]);
        Assert.Contains("Shares", page.FindAll("[data-testid=found-reason]")[0].TextContent);
    }

    [Fact]
    public async Task An_unknown_movie_says_so()
    {
        await using var app = App();
        var page = Render<MoviePage>(p => p.Add(x => x.Id, "no-such-movie"));
        page.WaitForAssertion(() => Assert.Contains("The catalog has no movie 'no-such-movie'", page.Find("[data-testid=movie-problem]").TextContent));
    }
}

/// <summary>Without the catalog DNA the panel and the movie page say so plainly, and classification is unaffected.</summary>
public sealed class SimilarMoviesOffTests : ComponentContext
{
    [Fact]
    public async Task Without_the_DNA_the_panel_says_movies_like_this_are_not_available_and_names_the_command()
    {
        await using var app = new ExplanationAppFactory(null, false, builder => builder.UseSetting("Discovery:DnaPath", "no-such-dna.bin"));
        UseAppServices(app.Services);
        const string plot = "A lone sheriff stands against outlaws who take over a frontier town.";
        var probabilities = app.Services.GetRequiredService<PlotClassifier>().Classify(plot).Scores.Probabilities;
        var panel = Render<SimilarMoviesPanel>(p => p.Add(x => x.Plot, plot).Add(x => x.Probabilities, probabilities));

        panel.WaitForAssertion(() => Assert.Contains("not available on this server", panel.Find("[data-testid=similar-off]").TextContent));
        Assert.Contains("no-such-dna.bin", panel.Find("[data-testid=similar-off]").TextContent);
        Assert.Contains("-- dna", panel.Find("[data-testid=similar-off]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=found-movie]"));

        var page = Render<MoviePage>(p => p.Add(x => x.Id, "tmdb-278"));
        page.WaitForAssertion(() => Assert.Contains("The movie catalog is not loaded here", page.Find("[data-testid=movie-problem]").TextContent));
    }
}
