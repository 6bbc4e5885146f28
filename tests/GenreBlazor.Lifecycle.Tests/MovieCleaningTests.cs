using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Tmdb;

namespace GenreBlazor.Lifecycle.Tests;

public sealed class MovieCleaningTests
{
    private static TmdbMovie Movie(string overview, params TmdbGenre[] genres) =>
        new(7, "  The  <i>Title</i> ", overview, "1999-03-31", genres, "en", "/x.jpg", "tt0133093", Adult: false);

    [Fact]
    public void Markup_entities_and_whitespace_go_and_genres_map_onto_the_19()
    {
        var (movie, dropped) = MovieCleaning.Clean(Movie("A hacker <b>learns</b>&nbsp;the truth\r\n about   his reality &amp; joins a rebellion.",
            new TmdbGenre(878, "Science Fiction"), new TmdbGenre(28, "Action"), new TmdbGenre(99999, "Biography")));

        Assert.Null(dropped);
        Assert.NotNull(movie);
        Assert.Equal("A hacker learns the truth about his reality & joins a rebellion.", movie.Overview);
        Assert.Equal("The Title", movie.Title);
        Assert.Equal(1999, movie.Year);
        Assert.Equal(["Action", "Science Fiction"], movie.Genres);
        Assert.Equal("tt0133093", movie.ImdbId);
    }

    [Theory]
    [InlineData("Too short, even with <b>lots of markup</b>.", 28, MovieCleaning.Reasons.ShortOverview)]
    [InlineData("A perfectly long overview of a movie that has no genre TMDB lists among the nineteen.", 99999, MovieCleaning.Reasons.NoGenres)]
    public void A_movie_the_shared_data_would_not_hold_is_dropped_with_its_reason(string overview, int genre, string reason)
    {
        var (movie, dropped) = MovieCleaning.Clean(Movie(overview, new TmdbGenre(genre, genre == 28 ? "Action" : "Biography")));

        Assert.Null(movie);
        Assert.Equal(reason, dropped);
    }

    [Fact]
    public void Adult_and_untitled_movies_are_dropped()
    {
        var overview = "A perfectly long overview of a movie that would otherwise be kept.";
        Assert.Equal(MovieCleaning.Reasons.Adult, MovieCleaning.Clean(Movie(overview, new TmdbGenre(18, "Drama")) with { Adult = true }).Dropped);
        Assert.Equal(MovieCleaning.Reasons.NoTitle, MovieCleaning.Clean(Movie(overview, new TmdbGenre(18, "Drama")) with { Title = " <br/> " }).Dropped);
    }
}
