using GenreBlazor.Discovery.Themes;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Discovering;

/// <summary>
/// The catalog's themes (written by <c>genreblazor themes</c>, decision 0074), loaded once: the Themes page lists them
/// and a classified plot is given the closest one. Without the file the app serves everything else and says why.
/// </summary>
public sealed class ThemesHost
{
    public ThemesHost(IOptions<DiscoveryOptions> options, ILogger<ThemesHost> logger)
    {
        var path = AppPaths.Resolve(options.Value.ThemesPath);
        try
        {
            Model = File.Exists(path) ? ThemeModel.Read(path) : null;
            Problem = Model is null ? $"The catalog's themes are missing ({path}). Build them with: dotnet run -c Release --project src/GenreBlazor.Cli -- themes" : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Problem = e.Message;
        }
        if (Problem is not null)
        {
            logger.LogWarning("Themes are off: {Problem}", Problem);
        }
    }

    public ThemeModel? Model { get; }

    /// <summary>Why there are no themes, or null.</summary>
    public string? Problem { get; }

    /// <summary>The closest theme to a plot vector of the embedder <paramref name="embedder"/>; null without themes of that embedder.</summary>
    public ClosestTheme? Closest(ReadOnlySpan<float> plot, string embedder) =>
        Model is { } model && model.Embedder == embedder ? model.Closest(plot) : null;
}
