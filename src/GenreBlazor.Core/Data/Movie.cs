using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Data;

/// <summary>One row of a movies CSV: a plot overview with its multi-label genres.</summary>
/// <param name="Id">Stable id (<c>tmdb-278</c>, <c>m-…</c>); the split is derived from it.</param>
/// <param name="Title">Title as TMDB lists it.</param>
/// <param name="Year">Release year, when known.</param>
/// <param name="Genres">True genres.</param>
/// <param name="Overview">The plot overview.</param>
/// <param name="Language">Original language code, may be empty.</param>
/// <param name="ImdbId">IMDb id (<c>tt0114709</c>), may be empty; joins a movie to its poster.</param>
public sealed record Movie(string Id, string Title, int? Year, GenreSet Genres, string Overview, string Language, string ImdbId)
{
    /// <summary>
    /// The key that decides the movie's split part: its IMDb id when known, so that a movie with both a plot and a
    /// poster lands in the same part in both data sets; otherwise its id.
    /// </summary>
    public string SplitKey => ImdbId.Length > 0 ? ImdbId : Id;
}
