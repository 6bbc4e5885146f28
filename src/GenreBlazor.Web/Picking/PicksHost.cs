using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;
using GenreBlazor.Web.Discovering;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Picking;

/// <summary>Section <c>Picks</c> of the configuration.</summary>
public sealed class PicksOptions
{
    public const string SectionName = "Picks";

    /// <summary>Personas and the popularity prior (written by <c>genreblazor personas</c>); relative to the repository root.</summary>
    public string PersonasPath { get; set; } = "models/discovery/personas.json";

    /// <summary>Half-life of a visitor's likes in days; 0 or less: no decay.</summary>
    public double HalfLifeDays { get; set; } = 365;

    /// <summary>Most liked movies one request or one browser holds.</summary>
    public int MaxLiked { get; set; } = 200;
}

/// <summary>Picks for a set of likes: the recommendations, the persona the taste is closest to, and the ids not in the catalog.</summary>
public sealed record PicksAnswer(IReadOnlyList<Pick> Picks, ClosestPersona? Persona, IReadOnlyList<string> Unknown);

/// <summary>
/// The server side of "your picks", which keeps nothing of a visitor: it turns the likes a request or a circuit hands
/// it into recommendations over the catalog DNA, blended with the MovieLens popularity prior and weight of the
/// personas file (decision 0072). Without the personas file picks are by taste alone and no persona is named.
/// </summary>
public sealed class PicksHost
{
    private readonly PicksOptions _options;
    private readonly TastePicks? _picks;

    public PicksHost(DiscoveryHost discovery, IOptions<PicksOptions> options, ILogger<PicksHost> logger)
    {
        _options = options.Value;
        Catalog = discovery.Catalog;
        Problem = discovery.Problem;
        if (Catalog is null)
        {
            return;
        }
        var path = AppPaths.Resolve(_options.PersonasPath);
        try
        {
            Personas = File.Exists(path) ? PersonaModel.Read(path) : null;
            if (Personas is null)
            {
                logger.LogWarning("Picks without personas or popularity: {Path} is missing (genreblazor personas writes it)", path);
            }
        }
        catch (InvalidDataException e)
        {
            logger.LogError("Picks without personas or popularity: {Problem}", e.Message);
        }
        _picks = Personas is { } model ? new TastePicks(Catalog, model.PopularityPrior(Catalog), model.PopularityWeight) : new TastePicks(Catalog);
    }

    /// <summary>Why picks are off (no catalog DNA), or null.</summary>
    public string? Problem { get; }

    public DnaCatalog? Catalog { get; }

    public PersonaModel? Personas { get; }

    public int MaxLiked => _options.MaxLiked;

    public TimeSpan? HalfLife => _options.HalfLifeDays > 0 ? TimeSpan.FromDays(_options.HalfLifeDays) : null;

    public PicksAnswer Recommend(IReadOnlyList<LikedMovie> liked, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(liked);
        if (_picks is null || Catalog is null)
        {
            throw new InvalidOperationException(Problem ?? "Picks are off.");
        }
        var unknown = liked.Where(l => Catalog.IndexOf(l.Id) < 0).Select(l => l.Id).Distinct().ToList();
        if (TasteVector.Of(Catalog, liked, HalfLife) is not { } taste)
        {
            return new PicksAnswer([], null, unknown);
        }
        return new PicksAnswer(_picks.Recommend(taste, limit), Personas?.Closest(taste), unknown);
    }

    /// <summary>Catalog movies whose title holds the words typed, titles that start with them first, then shorter ones.</summary>
    public IReadOnlyList<(int Row, CatalogMovie Movie)> FindTitles(string query, int limit = 8)
    {
        if (Catalog is null || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        var text = query.Trim();
        return [.. Catalog.Movies.Select((movie, row) => (Row: row, Movie: movie))
            .Where(m => m.Movie.Title.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.Movie.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(m => m.Movie.Title.Length)
            .ThenBy(m => m.Movie.Year)
            .Take(limit)];
    }
}
