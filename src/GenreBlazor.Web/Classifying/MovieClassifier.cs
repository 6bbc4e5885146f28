using GenreBlazor.Web.Monitoring;
using GenreBlazor.Core.Scoring;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Imaging;
using Microsoft.Extensions.Options;

using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Classifying;

/// <summary>
/// Classifies a movie from a plot, a poster or both: the text model, the poster model and their fusion, each deciding
/// at its own thresholds — the active profile's for that model when it sets them, else the model's tuned ones — all
/// moved by the same slider. Thread-safe; shared by the Classify page and the API.
/// Every classification is handed to the <see cref="PredictionMonitor"/> (metrics, drift, the Operations page) when
/// the app registers one, with the endpoint that asked for it.
/// </summary>
public sealed class MovieClassifier(GenreModelHost models, PlotClassifier plots, IOptions<ClassifyOptions> options, ImageDecodeLimiter posterDecodes,
    PredictionMonitor? monitor = null)
{
    // The poster model's input side: posters are decoded straight to this shorter side (see ImageDecoder.Decode).
    private const int PosterSide = 224;

    /// <summary>Whether the serving bundle can read posters.</summary>
    public bool AcceptsPosters => models.Current.Posters is not null;

    /// <summary>Image limits checked before decoding a poster.</summary>
    public ImageLimits PosterLimits => options.Value.PosterLimits;

    /// <summary>Largest poster file accepted.</summary>
    public int MaxPosterBytes => options.Value.MaxPosterBytes;

    /// <summary>What is wrong with the input, or null.</summary>
    public string? Problem(string? plot, bool hasPoster)
    {
        if (hasPoster && !AcceptsPosters)
        {
            return "This model bundle has no poster model; classify the plot alone.";
        }
        if (string.IsNullOrWhiteSpace(plot))
        {
            return hasPoster ? null
                : AcceptsPosters ? "The plot is empty: write or paste a plot summary, or add a poster." : plots.Problem(plot);
        }
        return plots.Problem(plot);
    }

    /// <summary>Classifies decoded poster pixels and/or a plot with the model serving now.</summary>
    public MovieClassification Classify(string? plot, RgbImage? poster, ThresholdSettings? settings = null, string endpoint = PredictionEndpoint.ClassifyPage)
    {
        using var lease = models.Acquire();
        return Classify(lease.Model, plot, poster, settings, endpoint);
    }

    /// <summary>The same with a snapshot the caller holds (under a <see cref="ModelLease"/> when there is a poster).</summary>
    public MovieClassification Classify(ServingModel model, string? plot, RgbImage? poster, ThresholdSettings? settings = null, string endpoint = PredictionEndpoint.ClassifyPage)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Problem(plot, poster is not null) is { } problem)
        {
            throw new PlotRejectedException(problem);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        settings ??= ThresholdSettings.Tuned;
        var text = string.IsNullOrWhiteSpace(plot) ? null : plots.Classify(model, plot, settings);
        Classification? posterResult = null;
        Classification? fused = null;
        if (poster is not null && model.Posters is { } posterModel)
        {
            var posterScores = posterModel.Probabilities(poster);
            var (posterThresholds, posterProfile) = plots.BaseFor(DecidingModel.Poster, posterModel.Thresholds, settings.Profile);
            posterResult = new Classification(model.Version, new GenreScores(posterScores), settings.Apply(posterThresholds), posterProfile, DecidingModel.Poster.Key());
            if (text is not null && model.Bundle.Fusion is { } fusion && model.Bundle.Manifest.Fusion is { } entry)
            {
                var (fusedThresholds, fusedProfile) = plots.BaseFor(DecidingModel.Fused, entry.Thresholds, settings.Profile);
                fused = new Classification(model.Version, new GenreScores(fusion.Probabilities(text.Scores.Probabilities, posterScores)),
                    settings.Apply(fusedThresholds), fusedProfile, DecidingModel.Fused.Key());
            }
        }
        var result = new MovieClassification(text, posterResult, fused);
        monitor?.Observe(endpoint, model, plot, posterResult is not null, result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>
    /// Classifies an encoded JPEG or PNG and/or a plot. The poster is decoded on the server within
    /// <see cref="PosterLimits"/> and scored in one of the limited decode slots; this thread blocks while it waits for one.
    /// </summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image, or no slot was free in time (<see cref="ImageErrorKind.Busy"/>).</exception>
    public MovieClassification ClassifyEncoded(string? plot, ReadOnlySpan<byte> encodedPoster, ThresholdSettings? settings = null, string endpoint = PredictionEndpoint.ClassifyPage)
    {
        RejectProblem(plot);
        return posterDecodes.Decode(encodedPoster, PosterLimits, PosterSide, poster => Classify(plot, poster, settings, endpoint));
    }

    /// <summary>The same, waiting for a decode slot asynchronously (the API's path).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image, or no slot was free in time (<see cref="ImageErrorKind.Busy"/>).</exception>
    public Task<MovieClassification> ClassifyEncodedAsync(string? plot, ReadOnlyMemory<byte> encodedPoster, ThresholdSettings? settings = null,
        string endpoint = PredictionEndpoint.Predict, CancellationToken cancellationToken = default)
    {
        RejectProblem(plot);
        // The slot is held through the poster model's run too: on two cores more runs at once only add memory and latency.
        return posterDecodes.DecodeAsync(encodedPoster, PosterLimits, PosterSide, poster => Classify(plot, poster, settings, endpoint), cancellationToken);
    }

    // Checked before decoding, so that a poster sent with a bad plot costs no decode.
    private void RejectProblem(string? plot)
    {
        if (Problem(plot, hasPoster: true) is { } problem)
        {
            throw new PlotRejectedException(problem);
        }
    }

    /// <summary>
    /// The decode <see cref="ClassifyEncoded"/> does, for callers that keep the pixels: the Classify page classifies
    /// the same poster again with a new plot and draws its occlusion map.
    /// </summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image.</exception>
    public RgbImage DecodePoster(ReadOnlySpan<byte> encodedPoster) =>
        ImageDecoder.Decode(encodedPoster, PosterLimits, targetMinSide: 224);

    /// <summary>
    /// Where the poster's evidence is: grey out each cell of a grid and measure every genre's poster probability
    /// (the poster and one copy per cell scored in one call, spread over the cores; docs/decisions/0036 has the timing).
    /// </summary>
    public GenreBlazor.Vision.Explanations.OcclusionMap Occlusion(RgbImage poster, int rows = 6, int columns = 4)
    {
        using var lease = models.Acquire();
        var model = lease.Model.Posters ?? throw new InvalidOperationException("This bundle has no poster model.");
        return GenreBlazor.Vision.Explanations.PosterOcclusion.Compute(poster, model.Probabilities, rows, columns);
    }

    /// <summary>
    /// The same scores at new slider settings, without running any model again, from the tuned thresholds of the model
    /// that scored them (after a swap, a page's result of the previous model still moves with its own thresholds).
    /// </summary>
    public MovieClassification Redecide(MovieClassification result, ThresholdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        var model = models.Served(result.Primary.ModelVersion) ?? models.Current;
        return new(
            result.Text is { } text ? Redecide(text, DecidingModel.Text, model.Bundle.TextThresholds, settings) : null,
            result.Poster is { } poster && model.Bundle.Manifest.Poster is { } entry ? Redecide(poster, DecidingModel.Poster, entry.Thresholds, settings) : result.Poster,
            result.Fused is { } fused && model.Bundle.Manifest.Fusion is { } fusion ? Redecide(fused, DecidingModel.Fused, fusion.Thresholds, settings) : result.Fused);
    }

    private Classification Redecide(Classification result, DecidingModel model, IReadOnlyList<float> tuned, ThresholdSettings settings)
    {
        var (thresholds, profile) = plots.BaseFor(model, tuned, settings.Profile);
        return result.WithThresholds(settings.Apply(thresholds)) with { Profile = profile };
    }
}
