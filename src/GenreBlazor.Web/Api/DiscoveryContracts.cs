namespace GenreBlazor.Web.Api;

/// <summary>A movie of the catalog found by similar, search or discover, with its score and the reason in words.</summary>
public sealed record FoundMovieResponse(string Id, string Title, int? Year, IReadOnlyList<string> Genres, float Score, string Reason);

/// <summary>The answer of <c>/api/similar</c> and <c>/api/search</c>.</summary>
public sealed record MoviesResponse(IReadOnlyList<FoundMovieResponse> Movies);

/// <summary>The answer of <c>/api/similar</c>: the movies, and the theme of the plot (null without a plot or themes).</summary>
public sealed record SimilarResponse(IReadOnlyList<FoundMovieResponse> Movies, ThemeResponse? Theme);

/// <summary>A catalog theme (the Themes page lists them all), with the plot's cosine to its centre.</summary>
public sealed record ThemeResponse(int Id, string Name, IReadOnlyList<string> Words, int Size, float Cosine)
{
    public static ThemeResponse Of(GenreBlazor.Discovery.Themes.ClosestTheme closest)
    {
        ArgumentNullException.ThrowIfNull(closest);
        var theme = closest.Theme;
        return new ThemeResponse(theme.Id, theme.Name, [.. theme.Words.Select(w => w.Word)], theme.Size, MathF.Round(closest.Cosine, 4));
    }
}

/// <summary>The body of <c>/api/discover</c>.</summary>
public sealed record DiscoverRequest(string? Request);

/// <summary>A seed title resolved in the catalog.</summary>
public sealed record SeedResponse(string Id, string Title, int? Year);

/// <summary>What was read from the request and by whom ("bedrock" or "local"), the seeds found, and the movies.</summary>
public sealed record DiscoverResponse(DiscoverIntentResponse Intent, string Source, IReadOnlyList<SeedResponse> Seeds, IReadOnlyList<FoundMovieResponse> Movies);

/// <summary>The intent as JSON.</summary>
public sealed record DiscoverIntentResponse(IReadOnlyList<string> SeedTitles, IReadOnlyList<string> Genres, IReadOnlyList<string> ExcludedGenres,
    int? YearFrom, int? YearTo, IReadOnlyList<string> Mood, string Query);
