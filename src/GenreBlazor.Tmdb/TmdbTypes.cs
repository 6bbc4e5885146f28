namespace GenreBlazor.Tmdb;

/// <summary>A TMDB genre.</summary>
public sealed record TmdbGenre(int Id, string Name);

/// <summary>Where TMDB's images are served from.</summary>
/// <param name="BaseUrl">The image base address (https), e.g. <c>https://image.tmdb.org/t/p/</c>.</param>
/// <param name="PosterSizes">The poster sizes it serves, e.g. <c>w185</c>, <c>w342</c>, <c>original</c>.</param>
public sealed record TmdbImages(Uri BaseUrl, IReadOnlyList<string> PosterSizes);

/// <summary>One result of a discover query.</summary>
public sealed record TmdbMovieSummary(
    int Id,
    string? Title,
    string? OriginalTitle,
    string? Overview,
    string? ReleaseDate,
    IReadOnlyList<int>? GenreIds,
    string? OriginalLanguage,
    string? PosterPath,
    double Popularity,
    bool Adult);

/// <summary>A movie's details, its IMDb id included.</summary>
public sealed record TmdbMovie(
    int Id,
    string? Title,
    string? Overview,
    string? ReleaseDate,
    IReadOnlyList<TmdbGenre> Genres,
    string? OriginalLanguage,
    string? PosterPath,
    string? ImdbId,
    bool Adult);

/// <summary>A movie that changed in a period.</summary>
public sealed record TmdbChange(int Id, bool? Adult);

/// <summary>One page of a paged answer.</summary>
public sealed record TmdbPage<T>(int Page, int TotalPages, int TotalResults, IReadOnlyList<T> Results);

/// <summary>What to discover: a release-date window and an order.</summary>
/// <param name="ReleasedFrom">First primary release date, inclusive.</param>
/// <param name="ReleasedTo">Last primary release date, inclusive.</param>
/// <param name="SortBy">TMDB's sort order, e.g. <c>primary_release_date.asc</c> (stable for paging through a window).</param>
public sealed record DiscoverQuery(DateOnly? ReleasedFrom = null, DateOnly? ReleasedTo = null, string SortBy = "primary_release_date.asc");
