using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GenreBlazor.Core.Genres;
using GenreBlazor.Tmdb;

namespace GenreBlazor.Lifecycle.Ingest;

/// <summary>A TMDB movie as the store keeps it after cleaning.</summary>
/// <param name="TmdbId">TMDB's id, the key of the upsert.</param>
/// <param name="Title">Title, whitespace collapsed.</param>
/// <param name="Year">Release year, when TMDB gives a date.</param>
/// <param name="Genres">Genre names of the 19-genre list, in catalogue order.</param>
/// <param name="Overview">Overview without markup, on one line.</param>
/// <param name="Language">Original language code, may be empty.</param>
/// <param name="ImdbId">IMDb id, may be empty.</param>
/// <param name="PosterPath">TMDB's poster file path, when it has one.</param>
public sealed record IngestedMovie(int TmdbId, string Title, int? Year, IReadOnlyList<string> Genres, string Overview, string Language, string ImdbId, string? PosterPath);

/// <summary>
/// The cleaning the shared <c>movies.csv</c> went through, applied to one TMDB movie: HTML tags and entities removed,
/// whitespace collapsed to single spaces, overviews under <see cref="MinOverviewLength"/> characters dropped, genres
/// mapped to the 19-genre list (a movie with none of them dropped), adult titles dropped. Duplicates by title + year and
/// by overview are a property of the whole data set and are removed at export (<see cref="DatasetExport"/>).
/// </summary>
public static partial class MovieCleaning
{
    /// <summary>The shortest overview kept, as in the shared data.</summary>
    public const int MinOverviewLength = 40;

    /// <summary>Drop reasons, as counted in snapshots.</summary>
    public static class Reasons
    {
        public const string Adult = "adult title";
        public const string NoTitle = "no title";
        public const string ShortOverview = "overview under 40 characters";
        public const string NoGenres = "no genre of the 19";
        public const string Gone = "no longer on TMDB";
        public const string DuplicateTitleYear = "duplicate title + year";
        public const string DuplicateOverview = "duplicate overview";
    }

    /// <summary>The cleaned movie, or why it is dropped.</summary>
    public static (IngestedMovie? Movie, string? Dropped) Clean(TmdbMovie movie)
    {
        ArgumentNullException.ThrowIfNull(movie);
        if (movie.Adult)
        {
            return (null, Reasons.Adult);
        }
        var title = Text(movie.Title);
        if (title.Length == 0)
        {
            return (null, Reasons.NoTitle);
        }
        var overview = Text(movie.Overview);
        if (overview.Length < MinOverviewLength)
        {
            return (null, Reasons.ShortOverview);
        }
        var genres = movie.Genres.Select(g => GenreCatalog.IndexOf(g.Name)).Where(i => i >= 0).Distinct().Order()
            .Select(i => GenreCatalog.All[i]).ToList();
        if (genres.Count == 0)
        {
            return (null, Reasons.NoGenres);
        }
        int? year = movie.ReleaseDate is { Length: >= 4 } date && int.TryParse(date.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
        var poster = string.IsNullOrWhiteSpace(movie.PosterPath) ? null : movie.PosterPath;
        return (new IngestedMovie(movie.Id, title, year, genres, overview, Text(movie.OriginalLanguage), Text(movie.ImdbId), poster), null);
    }

    /// <summary>Text without markup or entities, its whitespace runs (line breaks included) as single spaces.</summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var plain = WebUtility.HtmlDecode(Tag().Replace(text, " "));
        return Whitespace().Replace(plain, " ").Trim();
    }

    [GeneratedRegex("<[^<>]{0,500}>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
