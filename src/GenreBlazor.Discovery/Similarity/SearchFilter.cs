using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Similarity;

/// <summary>
/// Which catalog movies a search or a discovery may answer: all of <see cref="Genres"/>, none of
/// <see cref="ExcludedGenres"/>, a year range (inclusive; a movie without a year fails any range) and a language.
/// </summary>
public sealed record SearchFilter(GenreSet Genres = default, GenreSet ExcludedGenres = default, int? YearFrom = null, int? YearTo = null, string? Language = null)
{
    public static SearchFilter None { get; } = new();

    public bool Keeps(CatalogMovie movie)
    {
        ArgumentNullException.ThrowIfNull(movie);
        if ((movie.Genres.Bits & Genres.Bits) != Genres.Bits || (movie.Genres.Bits & ExcludedGenres.Bits) != 0)
        {
            return false;
        }
        if ((YearFrom is not null || YearTo is not null) && movie.Year is not { } year)
        {
            return false;
        }
        if (YearFrom is { } from && movie.Year < from || YearTo is { } to && movie.Year > to)
        {
            return false;
        }
        return string.IsNullOrEmpty(Language) || string.Equals(movie.Language, Language, StringComparison.OrdinalIgnoreCase);
    }
}
