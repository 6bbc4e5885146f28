using GenreBlazor.Core.Data;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Discovering;

/// <summary>
/// The catalog's plots by movie id, for a movie's detail page. The DNA keeps vectors, not text, so the plots come from
/// the movies CSV the DNA was built from (<see cref="DiscoveryOptions.MoviesPath"/>), read once on first use.
/// </summary>
public sealed class CatalogOverviews(IOptions<DiscoveryOptions> options, ILogger<CatalogOverviews> logger)
{
    private readonly Lazy<(IReadOnlyDictionary<string, string> Plots, string? Problem)> _loaded = new(() => Load(options.Value.MoviesPath, logger));

    /// <summary>Why no plot can be shown, or null.</summary>
    public string? Problem => _loaded.Value.Problem;

    public string? Overview(string id) => _loaded.Value.Plots.GetValueOrDefault(id);

    private static (IReadOnlyDictionary<string, string>, string?) Load(string configured, ILogger logger)
    {
        var path = AppPaths.Resolve(configured);
        if (!File.Exists(path))
        {
            var problem = $"The catalog's plots are not on this server ({path}; setting Discovery:MoviesPath).";
            logger.LogWarning("Movie pages show no plot: {Problem}", problem);
            return (new Dictionary<string, string>(), problem);
        }
        try
        {
            var csv = MovieCsvReader.Read(path);
            var plots = new Dictionary<string, string>(csv.Movies.Count, StringComparer.Ordinal);
            foreach (var movie in csv.Movies)
            {
                plots.TryAdd(movie.Id, movie.Overview);
            }
            return (plots, null);
        }
        catch (Exception e) when (e is MovieCsvException or IOException)
        {
            logger.LogError("Movie pages show no plot: {Problem}", e.Message);
            return (new Dictionary<string, string>(), $"The catalog's plots cannot be read: {e.Message}");
        }
    }
}
