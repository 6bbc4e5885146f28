using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using Microsoft.Extensions.Options;

using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Classifying;

/// <summary>Why a plot was not classified.</summary>
public sealed class PlotRejectedException(string message) : Exception(message);

/// <summary>Checks a plot and classifies it with the loaded text model. Shared by the pages and the API; thread-safe.</summary>
public sealed class PlotClassifier(GenreModelHost models, ServerProfiles profiles, IOptions<ClassifyOptions> options)
{
    /// <summary>Longest plot accepted.</summary>
    public int MaxPlotCharacters => options.Value.MaxPlotCharacters;

    /// <summary>The thresholds the text model decides from: the active profile's, else its tuned ones.</summary>
    public IReadOnlyList<float> BaseThresholds => profiles.Active?.ThresholdsFor(DecidingModel.Text) ?? models.Current.Bundle.TextThresholds;

    /// <summary>The active profile's name, or null when no profile is active.</summary>
    public string? ActiveProfile => profiles.Active?.Name;

    /// <summary>
    /// The thresholds <paramref name="model"/> decides from and the profile they come from: the caller's own profile
    /// when given, else the active profile, when it sets that model; else the model's tuned ones (profile null).
    /// </summary>
    public (IReadOnlyList<float> Thresholds, string? Profile) BaseFor(DecidingModel model, IReadOnlyList<float> tuned, ThresholdProfile? own = null) =>
        (own ?? profiles.Active) is { } deciding && deciding.ThresholdsFor(model) is { } set ? (set, deciding.Name) : (tuned, null);

    /// <summary>A message saying what is wrong with the plot, or null when it can be classified.</summary>
    public string? Problem(string? plot)
    {
        if (string.IsNullOrWhiteSpace(plot))
        {
            return "The plot is empty: write or paste a plot summary.";
        }
        if (plot.Length > MaxPlotCharacters)
        {
            return $"The plot is {plot.Length:N0} characters long; the limit is {MaxPlotCharacters:N0}.";
        }
        return null;
    }

    /// <summary>Classifies a plot at the given thresholds (default: the tuned ones) with the model serving now.</summary>
    public Classification Classify(string? plot, ThresholdSettings? settings = null) => Classify(models.Current, plot, settings);

    /// <summary>The same with one serving snapshot, so a caller that also scores a poster uses one model throughout.</summary>
    public Classification Classify(ServingModel model, string? plot, ThresholdSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Problem(plot) is { } problem)
        {
            throw new PlotRejectedException(problem);
        }
        var scores = model.Bundle.Text.Score(plot!);
        settings ??= ThresholdSettings.Tuned;
        var (thresholds, profile) = BaseFor(DecidingModel.Text, model.Bundle.TextThresholds, settings.Profile);
        return new Classification(model.Version, scores, settings.Apply(thresholds), profile);
    }

    /// <summary>Label index of a genre name, for callers that hold names.</summary>
    public static int Label(string genre) => GenreCatalog.IndexOf(genre);
}
