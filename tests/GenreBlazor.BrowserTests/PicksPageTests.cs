using Microsoft.Playwright;

namespace GenreBlazor.BrowserTests;

/// <summary>The Picks page in a real browser over the committed DNA and personas: likes live in this browser only.</summary>
public sealed class PicksPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Finds a title with the page's search and likes the first title found.</summary>
    internal static async Task LikeAsync(IPage page, string title)
    {
        var liked = await page.GetByTestId("liked-item").CountAsync();
        await page.GetByTestId("picks-search").FillAsync(title);
        var first = page.GetByTestId("search-result").First;
        await Assertions.Expect(first).ToContainTextAsync(title, new() { Timeout = 15_000 });
        await first.GetByTestId("like-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("liked-item")).ToHaveCountAsync(liked + 1, new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Two_liked_movies_survive_a_reload_name_the_recommendations_and_stay_out_of_another_browser()
    {
        var page = await fixture.OpenAsync("picks");
        await Assertions.Expect(page.GetByTestId("nothing-liked")).ToBeVisibleAsync();
        await LikeAsync(page, "Heat");
        await LikeAsync(page, "The Matrix");

        await Assertions.Expect(page.GetByTestId("pick-item")).ToHaveCountAsync(10, new() { Timeout = 15_000 });
        await AssertPicksNameALikedMovieAsync(page);
        await Assertions.Expect(page.GetByTestId("persona")).ToContainTextAsync("Your taste is closest to The ");
        await Assertions.Expect(page.GetByTestId("movielens-credit")).ToContainTextAsync("Harper and Joseph A. Konstan");

        await page.ReloadAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("liked-item")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        Assert.Equal(["Heat", "The Matrix"], (await page.Locator("[data-testid=liked-item] .title").AllTextContentsAsync()).Order());
        await Assertions.Expect(page.GetByTestId("pick-item")).ToHaveCountAsync(10);
        await AssertPicksNameALikedMovieAsync(page);

        // Unliking one leaves the other, and the picks then come from it alone.
        await page.Locator("[data-testid=liked-item]", new() { HasText = "The Matrix" }).GetByTestId("unlike-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("liked-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("pick-reason").First).ToContainTextAsync("Because you liked Heat:");

        var other = await fixture.OpenAsync("picks");
        await Assertions.Expect(other.GetByTestId("nothing-liked")).ToBeVisibleAsync();
        Assert.Equal(0, await other.GetByTestId("liked-item").CountAsync());
        Assert.Equal(0, await other.GetByTestId("pick-item").CountAsync());
    }

    private static async Task AssertPicksNameALikedMovieAsync(IPage page)
    {
        var reasons = await page.GetByTestId("pick-reason").AllTextContentsAsync();
        Assert.All(reasons, r => Assert.Matches("^Because you liked (Heat|The Matrix): ", r));
        Assert.DoesNotContain(await page.Locator("[data-testid=pick-item] .title").AllTextContentsAsync(), t => t is "Heat" or "The Matrix");
    }
}
