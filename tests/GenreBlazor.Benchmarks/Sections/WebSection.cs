using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Web.Components.Shared;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// The Classify page's server-side work for one plot: <see cref="MovieClassifier"/> scores it and decides at the tuned
/// thresholds, then the <see cref="GenreResults"/> component renders the result to HTML (target: ≤ 5 ms p50).
/// </summary>
public sealed class WebSection : IBenchmarkSection
{
    /// <inheritdoc />
    public string Name => "web";

    /// <inheritdoc />
    public string Title => "server-side time to classify a plot and render the result";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if (context.BundleProblem is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        BenchmarkContext.Log("web: building the app's services and loading the bundle…");
        var app = context.App;
        var models = app.Models;
        var classifier = app.Services.GetRequiredService<MovieClassifier>();
        var plots = models.Current.Workspace.Items.Select(m => m.Overview).ToArray();
        using var html = new ComponentHtml();

        BenchmarkContext.Log($"web: classify + render over {plots.Length:N0} test plots…");
        var whole = LatencySampler.Measure(plots.Length, WarmUp.Service,
            i => html.Time<GenreResults>(() => Parameters(classifier.Classify(plots[i % plots.Length], null).Primary)).Elapsed);
        result.Add("classify + render `GenreResults` to HTML p50", whole.Median, "ms", Target.AtMost(5));
        result.Add("classify + render p99", whole.Percentile(99), "ms");

        var classifyOnly = LatencySampler.Measure(plots.Length, WarmUp.Service, i => classifier.Classify(plots[i % plots.Length], null));
        result.Add("of which classify (`MovieClassifier.Classify`) p50", classifyOnly.Median, "ms");

        var results = plots.Select(p => classifier.Classify(p, null).Primary).ToArray();
        var renderOnly = LatencySampler.Measure(results.Length, WarmUp.Service, i => html.Time<GenreResults>(() => Parameters(results[i % results.Length])).Elapsed);
        result.Add("of which render (`HtmlRenderer`, `GenreResults`) p50", renderOnly.Median, "ms");

        result.Note($"Services registered by the app's own AddGenreModels/AddClassification (bundle {models.Current.Version}, tuned thresholds, no profile); " +
            $"{whole.Count:N0} calls over the bundle's test-part plots, one at a time, after a warm-up of ≥ {WarmUp.Service.MinimumTime.TotalSeconds:F0} s; " +
            $"a fresh HtmlRenderer per call, its creation not timed; {html.Time<GenreResults>(() => Parameters(results[0])).Html.Length:N0} characters of HTML for the first plot. " +
            "Not included: the circuit's render batch over SignalR and the browser's work.");
    }

    private static Dictionary<string, object?> Parameters(Classification classification) =>
        new() { [nameof(GenreResults.Result)] = classification };
}
