using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// The Analyze page's reaction to a threshold change: <see cref="ThresholdWorkspace.Figures"/> for all 19 genres over
/// the bundle's test predictions, alone and with the 19 confusion matrices rendered to HTML (target: ≤ 20 ms, p50 and p99).
/// </summary>
public sealed class AnalyzeSection : IBenchmarkSection
{
    private const int ThresholdSets = 256;
    private const int Samples = 2_000;

    /// <inheritdoc />
    public string Name => "analyze";

    /// <inheritdoc />
    public string Title => "Analyze page: every genre's figures at new thresholds, with and without rendering the matrices";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if (context.BundleProblem is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        var bundle = context.Bundle;
        TestPredictions predictions = null!;
        ThresholdWorkspace workspace = null!;
        var read = LatencySampler.Time(() => predictions = bundle.LoadTestPredictions());
        var build = LatencySampler.Time(() => workspace = new ThresholdWorkspace(predictions));
        var sets = SliderMoves(bundle.TextThresholds);

        BenchmarkContext.Log($"analyze: Figures over {workspace.Items.Count:N0} test movies…");
        var figures = LatencySampler.Measure(Samples, WarmUp.Service, i => workspace.Figures(sets[i % sets.Length]));
        result.Add("`ThresholdWorkspace.Figures`, 19 genres, p50", figures.Median, "ms", Target.AtMost(20));
        result.Add("`ThresholdWorkspace.Figures` p99", figures.Percentile(99), "ms", Target.AtMost(20));

        using var html = new ComponentHtml();
        var rendered = LatencySampler.Measure(Samples, WarmUp.Service, i => html.Time<ConfusionGrid>(() => new Dictionary<string, object?>
        {
            [nameof(ConfusionGrid.Matrices)] = workspace.Figures(sets[i % sets.Length]).PerGenre,
        }).Elapsed);
        result.Add("`Figures` + render 19 `ConfusionMatrix` to HTML, p50", rendered.Median, "ms", Target.AtMost(20));
        result.Add("`Figures` + render p99", rendered.Percentile(99), "ms", Target.AtMost(20));
        // The genre in depth on a slider tick: the error lists' new prefixes. The curve depends on the genre only and is
        // computed when the genre changes; it is timed here because the page used to compute it on every tick.
        var drama = GenreCatalog.IndexOf("Drama");
        var errors = LatencySampler.Measure(Samples, WarmUp.Service, i => workspace.Errors(drama, sets[i % sets.Length][drama]));
        result.Add("genre in depth, per tick: `ThresholdWorkspace.Errors` (Drama) p50", errors.Median, "ms");
        var curve = LatencySampler.Measure(Samples, WarmUp.Service, _ => workspace.Curve(drama));
        result.Add("genre in depth, per genre chosen: `ThresholdWorkspace.Curve` (Drama) p50", curve.Median, "ms");
        result.Add("workspace build, once per bundle (reading test predictions not included)", build.TotalMilliseconds, "ms");

        result.Note($"{Samples:N0} calls each over {workspace.Items.Count:N0} test movies, cycling through {ThresholdSets} threshold sets " +
            "(the tuned ones, each genre moved by up to ±0.2, as slider moves do), after a warm-up of " +
            $"≥ {WarmUp.Service.MinimumTime.TotalSeconds:F0} s; a fresh HtmlRenderer per render, not timed; reading the test predictions took {read.TotalMilliseconds:F0} ms. " +
            "The page also redraws its global figures and curve; only the matrices are rendered here.");
    }

    // Deterministic slider moves around the tuned thresholds, clamped to 0–1.
    private static float[][] SliderMoves(IReadOnlyList<float> tuned)
    {
        var random = new Random(2026);
        return [.. Enumerable.Range(0, ThresholdSets).Select(_ => Enumerable.Range(0, GenreCatalog.Count)
            .Select(label => Math.Clamp(tuned[label] + (float)(random.NextDouble() * 0.4 - 0.2), 0f, 1f)).ToArray())];
    }
}
