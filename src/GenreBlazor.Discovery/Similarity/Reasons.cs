using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Similarity;

/// <summary>Why a movie was found, in words a visitor reads: shared genres, how close the plot and the poster are.</summary>
public static class Reasons
{
    public static string For(CatalogMovie movie, GenreSet wanted, float? plotCosine, float? posterCosine, string? likeTitle = null)
    {
        ArgumentNullException.ThrowIfNull(movie);
        var parts = new List<string>();
        var shared = new GenreSet(movie.Genres.Bits & wanted.Bits);
        if (shared.Count > 0)
        {
            parts.Add($"shares {JoinAnd(shared.Names().ToList())}");
        }
        if (plotCosine is { } plot)
        {
            var target = likeTitle is null ? "" : $" to {likeTitle}";
            parts.Add(plot switch
            {
                >= 0.6f => $"plot very close{target}",
                >= 0.45f => $"plot close{target}",
                >= 0.3f => $"plot somewhat alike{target}",
                _ => $"plot loosely related{target}",
            } + $" ({plot:F2})");
        }
        if (posterCosine is >= 0.75f)
        {
            parts.Add("poster looks alike");
        }
        if (parts.Count == 0)
        {
            return "closest overall";
        }
        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
