using GenreBlazor.Discovery.Intent;

namespace GenreBlazor.Discovery.Tests;

public sealed class LocalIntentParserTests
{
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase) { "Heat", "From Dusk Till Dawn", "The Matrix", "Dark" };

    private static readonly LocalIntentParser Parser = new(Titles.Contains);

    [Theory]
    [InlineData("a thriller like Heat from the 90s", "Heat", "Thriller", "", 1990, 1999)]
    [InlineData("something like From Dusk Till Dawn but funnier", "From Dusk Till Dawn", "", "", null, null)]
    [InlineData("horror movies from the 1980s, not comedy", "", "Horror", "Comedy", 1980, 1989)]
    [InlineData("sci-fi films like the matrix after 2000", "the matrix", "Science Fiction", "", 2001, null)]
    [InlineData("romantic comedies from 1994", "", "Romance|Comedy", "", 1994, 1994)]
    [InlineData("westerns made between 1950 and 1965", "", "Western", "", 1950, 1965)]
    [InlineData("a war drama from the seventies without romance", "", "War|Drama", "Romance", 1970, 1979)]
    [InlineData("a heist in space", "", "", "", null, null)]
    [InlineData("animated family films before 1990", "", "Animation|Family", "", null, 1989)]
    [InlineData("a thriller like Dark but lighter", "Dark", "Thriller", "", null, null)]
    [InlineData("'80s action", "", "Action", "", 1980, 1989)]
    public void Reads_genres_years_and_seed_titles(string request, string seed, string genres, string excluded, int? from, int? to)
    {
        var intent = Parser.Parse(request);
        Assert.Equal(Split(seed), intent.SeedTitles);
        Assert.Equal(Split(genres), intent.Genres);
        Assert.Equal(Split(excluded), intent.ExcludedGenres);
        Assert.Equal(from, intent.YearFrom);
        Assert.Equal(to, intent.YearTo);
    }

    [Fact]
    public void Words_that_are_neither_genres_nor_filler_are_left_to_search_with()
    {
        Assert.Equal("heist space", Parser.Parse("a heist in space").Query);
        Assert.Equal("lighter", Parser.Parse("a thriller like Dark but lighter").Query);
    }

    [Fact]
    public void Without_a_title_list_the_seed_ends_at_the_next_clause()
    {
        var intent = new LocalIntentParser().Parse("a thriller like Some Unknown Film from the 90s");
        Assert.Equal(["Some Unknown Film"], intent.SeedTitles);
        Assert.Equal(1990, intent.YearFrom);
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split('|');
}
