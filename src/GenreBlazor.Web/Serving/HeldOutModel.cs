using System.Globalization;
using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Web.Serving;

/// <summary>
/// One deciding model with its own held-out part, as the Analyze page tunes it: the text model over the held-out test
/// movies, the poster model over the held-out test posters, the fusion over the held-out movies that have both.
/// </summary>
/// <param name="Model">Which model.</param>
/// <param name="Name">Its name on the page, e.g. "Plot model".</param>
/// <param name="Workspace">Its scores on its held-out part.</param>
/// <param name="Tuned">Its tuned per-genre thresholds, in catalog order.</param>
public sealed record HeldOutModel(DecidingModel Model, string Name, ThresholdWorkspace Workspace, IReadOnlyList<float> Tuned)
{
    /// <summary>What the held-out part is, e.g. "1,581 held-out test movies".</summary>
    public string Part => string.Create(CultureInfo.InvariantCulture, $"{Workspace.Items.Count:N0} held-out test {Model switch
    {
        DecidingModel.Poster => "posters",
        DecidingModel.Fused => "movies with both a plot and a poster",
        _ => "movies",
    }}");
}
