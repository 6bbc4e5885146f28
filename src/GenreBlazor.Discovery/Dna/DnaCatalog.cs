using GenreBlazor.Core.Genres;

namespace GenreBlazor.Discovery.Dna;

/// <summary>What the catalog knows of a movie besides its vectors.</summary>
public sealed record CatalogMovie(string Id, string Title, int? Year, GenreSet Genres, string Language);

/// <summary>
/// Every catalog movie's DNA in memory, row-major and unit length: plot vectors (all movies) and poster vectors
/// (the movies with a poster; the others hold zeros). Read-only once built, so shared by every request.
/// </summary>
public sealed class DnaCatalog
{
    private readonly Dictionary<string, int> _byId;
    private readonly Dictionary<string, int> _byTitle;

    public DnaCatalog(string embedder, IReadOnlyList<CatalogMovie> movies, float[] plots, int plotWidth, float[]? posters = null, int posterWidth = 0)
    {
        ArgumentNullException.ThrowIfNull(movies);
        if (plots.Length != movies.Count * plotWidth)
        {
            throw new ArgumentException($"{plots.Length} plot values for {movies.Count} movies of width {plotWidth}.", nameof(plots));
        }
        if (posters is not null && posters.Length != movies.Count * posterWidth)
        {
            throw new ArgumentException($"{posters.Length} poster values for {movies.Count} movies of width {posterWidth}.", nameof(posters));
        }
        Embedder = embedder;
        Movies = movies;
        Plots = plots;
        PlotWidth = plotWidth;
        Posters = posters;
        PosterWidth = posters is null ? 0 : posterWidth;
        HasPoster = new bool[movies.Count];
        if (posters is not null)
        {
            for (var i = 0; i < movies.Count; i++)
            {
                HasPoster[i] = posters.AsSpan(i * posterWidth, posterWidth).ContainsAnyExcept(0f);
            }
        }
        _byId = new Dictionary<string, int>(StringComparer.Ordinal);
        _byTitle = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < movies.Count; i++)
        {
            _byId.TryAdd(movies[i].Id, i);
            _byTitle.TryAdd(TitleKey(movies[i].Title), i);
        }
    }

    /// <summary>The plot embedder the vectors come from; a query must be embedded with the same one.</summary>
    public string Embedder { get; }

    public IReadOnlyList<CatalogMovie> Movies { get; }

    public int Count => Movies.Count;

    public float[] Plots { get; }

    public int PlotWidth { get; }

    public float[]? Posters { get; }

    public int PosterWidth { get; }

    public bool[] HasPoster { get; }

    public int PostersHeld => HasPoster.Count(has => has);

    public ReadOnlySpan<float> Plot(int index) => Plots.AsSpan(index * PlotWidth, PlotWidth);

    public ReadOnlySpan<float> Poster(int index) => HasPoster[index] ? Posters.AsSpan(index * PosterWidth, PosterWidth) : default;

    public int IndexOf(string id) => _byId.GetValueOrDefault(id, -1);

    /// <summary>A movie by its title, case and punctuation aside ("the matrix" finds "The Matrix"); -1 when none.</summary>
    public int FindTitle(string title) => _byTitle.GetValueOrDefault(TitleKey(title), -1);

    internal static string TitleKey(string title) =>
        string.Join(' ', title.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string([.. word.Where(char.IsLetterOrDigit)]).ToLowerInvariant())
            .Where(word => word.Length > 0));
}
