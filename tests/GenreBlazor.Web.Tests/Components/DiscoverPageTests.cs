using Bunit;
using GenreBlazor.Discovery.Intent;
using GenreBlazor.Web.Components.Pages.Discover;
using GenreBlazor.Web.Discovering;
using GenreBlazor.Web.Tests.Discovery;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Discover page on an app whose catalog is the fourteen movies of <see cref="TinyDna"/>, Bedrock off.</summary>
public sealed class DiscoverPageTests(TinyDna dna) : ComponentContext, IClassFixture<TinyDna>
{
    private ExplanationAppFactory App()
    {
        var app = new ExplanationAppFactory(null, false, builder => builder.UseSetting("Discovery:DnaPath", dna.Path));
        UseAppServices(app.Services);
        return app;
    }

    [Fact]
    public async Task A_search_keeps_to_its_filters_and_a_request_shows_what_the_local_parser_read()
    {
        await using var app = App();
        var page = Render<DiscoverPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("button[data-testid=search-run]").HasAttribute("disabled")));

        await page.Find("input#search-query").InputAsync("robbery");
        await page.Find("select[data-testid=search-genre]").ChangeAsync("Thriller");
        await page.Find("input[data-testid=search-year-from]").ChangeAsync("1990");
        await page.Find("input[data-testid=search-year-to]").ChangeAsync("1999");
        await page.Find("button[data-testid=search-run]").ClickAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=found-movie]")));
        var found = page.FindAll("[data-testid=found-title]").Select(t => t.TextContent).Order().ToList();
        Assert.Equal(["Cold Trail", "Ghost Nursery", "Safe House", "The Last Score", "Vault Job"], found);

        await page.Find("input#discover-request").InputAsync("a thriller like Vault Job from the 90s, not horror");
        await page.Find("button[data-testid=discover-run]").ClickAsync();
        page.WaitForAssertion(() => Assert.Equal("local", page.Find("[data-testid=discover-source]").GetAttribute("data-source")));
        Assert.Contains("(Bedrock is off)", page.Find("[data-testid=discover-source]").TextContent);
        Assert.Equal("Vault Job (1996)", page.Find("[data-testid=discover-seeds]").TextContent.Trim());
        Assert.Equal("Thriller", page.Find("[data-testid=discover-genres]").TextContent);
        Assert.Equal("Horror", page.Find("[data-testid=discover-excluded]").TextContent);
        Assert.Equal("1990–1999", page.Find("[data-testid=discover-years]").TextContent);
        var asked = page.FindAll("[data-testid=discover-intent] ~ [data-testid=found-movies] [data-testid=found-title]").Select(t => t.TextContent).Order();
        Assert.Equal(["Cold Trail", "Safe House", "The Last Score"], asked);
    }

    [Fact]
    public async Task An_empty_search_or_years_the_wrong_way_round_are_refused_in_words()
    {
        await using var app = App();
        var page = Render<DiscoverPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("button[data-testid=search-run]").HasAttribute("disabled")));
        await page.Find("button[data-testid=search-run]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains("Write what happens in the movie", page.Find("[data-testid=search-error]").TextContent));

        await page.Find("input#search-query").InputAsync("a heist");
        await page.Find("input[data-testid=search-year-from]").ChangeAsync("2000");
        await page.Find("input[data-testid=search-year-to]").ChangeAsync("1990");
        await page.Find("button[data-testid=search-run]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains("The first year (2000) is after the last (1990)", page.Find("[data-testid=search-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=found-movie]"));
    }

    [Fact]
    public void What_Bedrock_read_is_shown_as_text_never_as_markup()
    {
        var intent = new DiscoveryIntent(["<img src=x onerror=alert(1)>"], ["Thriller"], [], 1990, null, ["<b>dark</b>"], "<script>alert(1)</script>");
        var summary = Render<IntentSummary>(p => p
            .Add(x => x.Read, new ReadIntent(intent, IntentReader.Bedrock, null))
            .Add(x => x.Result, new DiscoveryResult(intent, [], []))
            .Add(x => x.Missing, intent.SeedTitles));

        Assert.Contains("Read by Bedrock", summary.Find("[data-testid=discover-source]").TextContent);
        Assert.Empty(summary.FindAll("img, b, script"));
        Assert.Equal("<b>dark</b>", summary.Find("[data-testid=discover-mood]").TextContent);
        Assert.Equal("<script>alert(1)</script>", summary.Find("[data-testid=discover-query]").TextContent);
        Assert.Contains("“<img src=x onerror=alert(1)>” is not in the catalog", summary.Find("[data-testid=discover-seeds]").TextContent);
        Assert.Equal("from 1990", summary.Find("[data-testid=discover-years]").TextContent);
    }
}
