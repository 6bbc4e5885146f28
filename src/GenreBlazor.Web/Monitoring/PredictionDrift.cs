using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Drift;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Monitoring;

/// <summary>Section <c>Monitoring</c>: the drift window and what the Operations page keeps.</summary>
public sealed class MonitoringOptions
{
    /// <summary>Predictions in the drift window.</summary>
    public int DriftWindow { get; set; } = 500;

    /// <summary>The fewest predictions in the window before drift is judged.</summary>
    public int DriftMinObservations { get; set; } = 100;

    /// <summary>Minutes of invocations and latency the Operations page keeps in memory.</summary>
    public int TimelineMinutes { get; set; } = 120;

    /// <summary>How often the drift window is sampled for the Operations page's drift over time (it keeps <see cref="TimelineMinutes"/> samples).</summary>
    public TimeSpan DriftSampleInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Drift of what the serving model is asked (decision 0062's <see cref="DriftMonitor"/>, fed by every prediction of a
/// plot): the text model's genres at its tuned thresholds — the reference's own thresholds, so a visitor's slider or
/// profile does not read as drift — the plot's length and its out-of-vocabulary share. A new model starts a new window
/// against its own reference. Thread-safe.
/// </summary>
public sealed class PredictionDrift(GenreModelHost models, IOptions<MonitoringOptions> options)
{
    private readonly Lock _gate = new();
    private (string Version, DriftMonitor Monitor)? _window;

    /// <summary>The version the window measures.</summary>
    public string? Version => _window?.Version;

    /// <summary>Adds one plot the serving model scored.</summary>
    public void Observe(ServingModel model, string plot, IReadOnlyList<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(probabilities);
        var tuned = model.Bundle.TextThresholds;
        var predicted = GenreSet.Empty;
        for (var l = 0; l < GenreCatalog.Count; l++)
        {
            predicted = probabilities[l] >= tuned[l] ? predicted.With(l) : predicted;
        }
        MonitorFor(model)?.Observe(predicted, plot.Length, PlotVocabulary.OutOfVocabularyShare(model.Bundle.Text.Vectorizer.Words, plot));
    }

    /// <summary>The window's drift now (of the serving model; empty until it has a prediction).</summary>
    public DriftReport Report() => (MonitorFor(models.Current) ?? throw new InvalidOperationException("No serving model.")).Report();

    // A prediction of a model that is no longer serving (in flight across a swap) is left out rather than mixed into the new window.
    private DriftMonitor? MonitorFor(ServingModel model)
    {
        var window = _window;
        if (window is { } w && w.Version == model.Version)
        {
            return w.Monitor;
        }
        if (!ReferenceEquals(model, models.Current))
        {
            return null;
        }
        lock (_gate)
        {
            if (_window is { } again && again.Version == model.Version)
            {
                return again.Monitor;
            }
            var monitor = new DriftMonitor(DriftReference.FromBundle(model.Bundle), options.Value.DriftWindow, options.Value.DriftMinObservations);
            _window = (model.Version, monitor);
            return monitor;
        }
    }
}
