using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Monitoring;

/// <summary>What happens to every prediction once it is made: counted in the metrics, added to the drift window and to the Operations page's timeline.</summary>
public sealed class PredictionMonitor(GenreMetrics metrics, PredictionDrift drift, OperationsTimeline timeline)
{
    public void Observe(string endpoint, ServingModel model, string? plot, bool poster, MovieClassification result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        var primary = result.Primary;
        metrics.Prediction(endpoint, model.Version, primary.Model, primary.Predicted, poster, elapsed);
        if (result.Text is { } text && !string.IsNullOrWhiteSpace(plot))
        {
            drift.Observe(model, plot, text.Scores.Probabilities);
        }
        timeline.Add(elapsed);
    }
}
