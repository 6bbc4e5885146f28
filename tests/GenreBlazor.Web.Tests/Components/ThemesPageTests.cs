using Bunit;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Components.Pages.Classify;
using GenreBlazor.Web.Components.Pages.Themes;
using GenreBlazor.Web.Tests.Discovery;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Themes page and the theme line of "Movies like this", on an app with <see cref="TinyDna"/> and <see cref="TinyThemes"/>.</summary>
public sealed class ThemesPageTests(TinyDna dna, TinyThemes themes) : ComponentContext, IClassFixture<TinyDna>, IClassFixture<TinyThemes>
{
    private ExplanationAppFactory App(string? themesPath = null)
    {
        var app = new ExplanationAppFactory(null, false, builder => builder
            .UseSetting("Discovery:DnaPath", dna.Path)
            .UseSetting("Discovery:ThemesPath", themesPath ?? themes.Path));
        UseAppServices(app.Services);
        return app;
    }

    [Fact]
    public async Task The_page_lists_every_theme_with_its_size_words_genre_mix_and_examples_linking_to_their_pages()
    {
        await using var app = App();
        var page = Render<ThemesPage>();

        Assert.Equal([TinyThemes.Heists, TinyThemes.Hauntings], page.FindAll("[data-testid=theme-name]").Select(n => n.TextContent));
        Assert.Equal(["theme-1", "theme-2"], page.FindAll("[data-testid=theme]").Select(t => t.Id));
        Assert.StartsWith("5 movies (36 % of the catalog)", page.FindAll("[data-testid=theme-size]")[0].TextContent.Trim());
        Assert.Equal("heist, robbery, vault", page.FindAll("[data-testid=theme-words]")[0].TextContent);
        Assert.Contains("Crime 100 %", page.FindAll("[data-testid=theme-genres]")[0].TextContent);
        Assert.Contains("×2.0 the catalog's share", page.FindAll("[data-testid=theme-genres]")[0].TextContent);
        var examples = page.FindAll("[data-testid=theme-example]");
        Assert.Equal(["Vault Job", "The Last Score", "Haunted Manor", "Ghost Nursery"], examples.Select(e => e.TextContent));
        Assert.Equal("movies/t13", examples[2].GetAttribute("href"));
        Assert.Contains("2: 0.3100, 3: 0.2200", page.Find("[data-testid=themes-summary]").TextContent);
    }

    [Fact]
    public async Task Without_a_themes_file_the_page_says_how_to_build_it()
    {
        await using var app = App(themesPath: "no-such-themes.json");
        var page = Render<ThemesPage>();
        Assert.Contains("-- themes", page.Find("[data-testid=themes-off]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=theme]"));
    }

    [Fact]
    public async Task A_classified_plot_shows_its_theme_above_the_movies_like_it()
    {
        await using var app = App();
        const string plot = "Ghosts haunt the nursery of a family's new house at night.";
        var probabilities = app.Services.GetRequiredService<PlotClassifier>().Classify(plot).Scores.Probabilities;
        var panel = Render<SimilarMoviesPanel>(p => p.Add(x => x.Plot, plot).Add(x => x.Probabilities, probabilities));

        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=found-movie]").Count));
        var link = panel.Find("[data-testid=similar-theme-link]");
        Assert.Equal(TinyThemes.Hauntings, link.TextContent);
        Assert.Equal("themes#theme-2", link.GetAttribute("href"));
        Assert.Contains("one of the catalog's 2 themes", panel.Find("[data-testid=similar-theme]").TextContent);
    }
}
