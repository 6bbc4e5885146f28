using System.Diagnostics.Metrics;
using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Drift;
using GenreBlazor.Web.Explanations;

namespace GenreBlazor.Web.Monitoring;

/// <summary>Where a prediction was asked for: the <c>endpoint</c> label of the prediction metrics.</summary>
public static class PredictionEndpoint
{
    public const string ClassifyPage = "classify-page";
    public const string Predict = "api/predict";
    public const string Similar = "api/similar";
}

/// <summary>
/// The app's own instruments, on the meter <see cref="MeterName"/> (exported at <c>/metrics</c> beside ASP.NET Core's
/// request-duration histogram): predictions by endpoint, model version and deciding model; predicted genres by
/// endpoint, model version and genre; posters; explanations by source and fallbacks by reason; Bedrock tokens; and the
/// drift of each genre as gauges read from <see cref="PredictionDrift"/> at each scrape.
/// </summary>
public sealed class GenreMetrics
{
    public const string MeterName = "GenreBlazor";

    private readonly Counter<long> _predictions;
    private readonly Counter<long> _genres;
    private readonly Counter<long> _posters;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _explanations;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _tokens;

    // One meter for the process, never disposed. A meter from the app's IMeterFactory is disposed with the app, and
    // OpenTelemetry merges same-named instruments of every live meter into one stream: when one app of several in a
    // process (the test run) stopped, its instruments' completion dropped the stream the others were still counting on.
    private static readonly Meter Meter = new(MeterName);

    public GenreMetrics(PredictionDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        var meter = Meter;
        _predictions = meter.CreateCounter<long>("genreblazor.predictions", "{prediction}", "Predictions, by endpoint, model version and deciding model.");
        _genres = meter.CreateCounter<long>("genreblazor.predicted.genres", "{genre}", "Genres predicted (one per predicted genre of a prediction), by endpoint, model version and genre.");
        _posters = meter.CreateCounter<long>("genreblazor.posters", "{poster}", "Posters scored by the poster model, by endpoint and model version.");
        _duration = meter.CreateHistogram<double>("genreblazor.prediction.duration", "s", "Time the models took for one prediction, by endpoint.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _explanations = meter.CreateCounter<long>("genreblazor.explanations", "{explanation}", "Explanations, by source (bedrock, local) and whether the answer came from the cache.");
        _fallbacks = meter.CreateCounter<long>("genreblazor.explanation.fallbacks", "{explanation}", "Explanations written locally because Bedrock could not be used, by reason.");
        _tokens = meter.CreateCounter<long>("genreblazor.bedrock.tokens", "{token}", "Bedrock tokens spent on explanations (input + output), by Bedrock model.");
        meter.CreateObservableGauge("genreblazor.drift.psi", () => drift.Report().Genres.Select(g => new Measurement<double>(g.Psi, new KeyValuePair<string, object?>("genre", g.Genre))),
            description: "Population stability index of each genre's predicted share in the sliding window against the bundle's held-out reference.");
        meter.CreateObservableGauge("genreblazor.drift.alert", () => drift.Report().Genres.Select(g => new Measurement<int>((int)g.Level, new KeyValuePair<string, object?>("genre", g.Genre))),
            description: "Drift band of each genre: 0 stable (PSI < 0.1), 1 watch (< 0.25), 2 alert; 0 until the window holds enough predictions.");
    }

    /// <summary>Counts one prediction of <paramref name="version"/>: its deciding model, its predicted genres, its poster.</summary>
    public void Prediction(string endpoint, string version, string model, GenreSet predicted, bool poster, TimeSpan elapsed)
    {
        var where = new KeyValuePair<string, object?>("endpoint", endpoint);
        var which = new KeyValuePair<string, object?>("model_version", version);
        _predictions.Add(1, where, which, new KeyValuePair<string, object?>("model", model));
        foreach (var label in predicted.Labels())
        {
            _genres.Add(1, where, which, new KeyValuePair<string, object?>("genre", GenreCatalog.All[label]));
        }
        if (poster)
        {
            _posters.Add(1, where, which);
        }
        _duration.Record(elapsed.TotalSeconds, where);
    }

    /// <summary>Counts one explanation, its fallback and its tokens.</summary>
    public void Explanation(ExplanationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _explanations.Add(1, new KeyValuePair<string, object?>("source", result.SourceName), new KeyValuePair<string, object?>("cached", result.FromCache));
        if (result.IsFallback)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", result.Why?.ToString() ?? "unknown"));
        }
        if (result.Tokens > 0)
        {
            _tokens.Add(result.Tokens, new KeyValuePair<string, object?>("bedrock_model", result.BedrockModel ?? "unknown"));
        }
    }
}
