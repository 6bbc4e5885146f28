namespace GenreBlazor.Web.Api;

/// <summary>A movie of the catalog found by similar, search or discover, with its score and the reason in words.</summary>
public sealed record FoundMovieResponse(string Id, string Title, int? Year, IReadOnlyList<string> Genres, float Score, string Reason);

/// <summary>The answer of <c>/api/similar</c> and <c>/api/search</c>.</summary>
public sealed record MoviesResponse(IReadOnlyList<FoundMovieResponse> Movies);

/// <summary>The body of <c>/api/discover</c>.</summary>
public sealed record DiscoverRequest(string? Request);

/// <summary>A seed title resolved in the catalog.</summary>
public sealed record SeedResponse(string Id, string Title, int? Year);

/// <summary>What was read from the request and by whom ("bedrock" or "local"), the seeds found, and the movies.</summary>
public sealed record DiscoverResponse(DiscoverIntentResponse Intent, string Source, IReadOnlyList<SeedResponse> Seeds, IReadOnlyList<FoundMovieResponse> Movies);

/// <summary>The intent as JSON.</summary>
public sealed record DiscoverIntentResponse(IReadOnlyList<string> SeedTitles, IReadOnlyList<string> Genres, IReadOnlyList<string> ExcludedGenres,
    int? YearFrom, int? YearTo, IReadOnlyList<string> Mood, string Query);
