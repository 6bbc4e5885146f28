namespace GenreBlazor.Core.Genres;

/// <summary>
/// The 19 genres of TMDB's list, in a fixed order that every model, bundle and metric table uses as its label index.
/// </summary>
public static class GenreCatalog
{
    /// <summary>Every genre, in label-index order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family", "Fantasy",
        "History", "Horror", "Music", "Mystery", "Romance", "Science Fiction", "TV Movie", "Thriller", "War", "Western",
    ];

    public static int Count => All.Count;

    private static readonly Dictionary<string, int> IndexByName =
        All.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.OrdinalIgnoreCase);

    /// <summary>The label index of a genre name (case-insensitive), or -1 when it is not one of the 19.</summary>
    public static int IndexOf(string name) => IndexByName.GetValueOrDefault(name.Trim(), -1);

    /// <summary>True when the name is one of the 19 genres (case-insensitive).</summary>
    public static bool Contains(string name) => IndexOf(name) >= 0;
}
