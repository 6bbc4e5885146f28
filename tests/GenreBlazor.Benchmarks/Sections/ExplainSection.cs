using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Web.Explanations;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// The local explanation of a classified plot, with Bedrock off: <see cref="ExplanationService.ExplainAsync"/> works out
/// the text model's evidence and writes the explanation from it (target: ≤ 50 ms p50).
/// </summary>
public sealed class ExplainSection : IBenchmarkSection
{
    /// <inheritdoc />
    public string Name => "explain";

    /// <inheritdoc />
    public string Title => "local explanation of a classified plot (Bedrock off)";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if (context.BundleProblem is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        BenchmarkContext.Log("explain: building the app's services…");
        var app = context.App;
        var plots = app.Models.Current.Workspace.Items.Select(m => m.Overview).ToArray();
        var classifier = app.Services.GetRequiredService<PlotClassifier>();
        using var scope = app.Services.CreateScope();
        var explanations = scope.ServiceProvider.GetRequiredService<ExplanationService>();
        if (explanations.BedrockEnabled)
        {
            result.Skip("every figure", "Bedrock is enabled in this configuration; the figure is of the local explanation");
            return;
        }
        // Classifying is the web section's figure; here it happens beforehand.
        var classifications = plots.Select(p => classifier.Classify(p)).ToArray();

        BenchmarkContext.Log($"explain: local explanations of {plots.Length:N0} test plots…");
        var whole = LatencySampler.Measure(plots.Length, WarmUp.Service,
            i => explanations.ExplainAsync(plots[i % plots.Length], classifications[i % plots.Length]).GetAwaiter().GetResult());
        result.Add("local explanation `ExplanationService.ExplainAsync` (evidence included) p50", whole.Median, "ms", Target.AtMost(50));
        result.Add("local explanation p99", whole.Percentile(99), "ms");
        var evidence = LatencySampler.Measure(plots.Length, WarmUp.Service, i => explanations.Evidence(plots[i % plots.Length]));
        result.Add("of which the plot's evidence (`Evidence`) p50", evidence.Median, "ms");
        result.Note($"{whole.Count:N0} calls over the bundle's test-part plots, one at a time, each with its classification at the tuned thresholds, " +
            $"after a warm-up of ≥ {WarmUp.Service.MinimumTime.TotalSeconds:F0} s; services from the app's own AddExplanations with Bedrock off, as the API calls it (no evidence passed in).");
    }
}
