using System.Diagnostics;
using System.Globalization;
using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Benchmarks.MlNet;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// ML.NET's text pipeline (<c>FeaturizeText</c> + one binary logistic regression per genre) as the measured peer of
/// the project's learner: both trained in this run on the same training + validation movies, thresholds tuned by the
/// same tuner on 5-fold cross-fitted probabilities, scored on the same held-out test part, timed the same way
/// (docs/decisions/0045-mlnet-as-the-measured-peer.md).
/// </summary>
public sealed class MlNetSection : IBenchmarkSection
{
    private const int LatencyPasses = 3;
    private const int ThroughputRuns = 3;

    /// <inheritdoc />
    public string Name => "mlnet";

    /// <inheritdoc />
    public string Title => "ML.NET's text pipeline beside the project's learner: same split, same thresholds, same run";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if (BenchmarkContext.DataProblem(context.MoviesCsv) is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        var movies = MovieCsvReader.Read(context.MoviesCsv).Movies;
        // The parts BundleTrainer trains on, in its order, and the part it reports.
        var training = DatasetSplit.Select(movies, SplitPart.Train).Concat(DatasetSplit.Select(movies, SplitPart.Validation)).ToList();
        var test = DatasetSplit.Select(movies, SplitPart.Test);
        var allPlots = movies.Select(m => m.Overview).ToList();

        var peers = new List<PeerFigures>();
        foreach (var contender in Contenders(context, training.Count, result))
        {
            BenchmarkContext.Log($"mlnet: {contender.Name}: training on {training.Count:N0} movies…");
            peers.Add(Measure(contender, training, test, allPlots));
        }
        Report(peers, training.Count, test.Count, allPlots.Count, result);
    }

    private static IEnumerable<Contender> Contenders(BenchmarkContext context, int trainingMovies, SectionResult result)
    {
        var vectors = context.Arguments.EmbeddingsFile;
        if (File.Exists(vectors))
        {
            yield return Project("project, as committed (word vectors)", TextModelOptions.Default, vectors);
        }
        else
        {
            result.Skip("the project's learner as committed (with word vectors)", TextSection.MissingEmbeddings(vectors));
        }
        // The project's TF-IDF + logistic regression alone: the part of its pipeline that ML.NET's is a peer of.
        yield return Project("project, no word vectors", TextModelOptions.Default.WithoutEmbeddings(), null);
        foreach (var options in MlNetPeers(trainingMovies))
        {
            yield return MlNet(options);
        }
    }

    /// <summary>The ML.NET configurations measured; docs/decisions/0045 says why these.</summary>
    private static IReadOnlyList<MlNetPeerOptions> MlNetPeers(int trainingMovies) =>
    [
        MlNetPeerOptions.For(MlNetTrainer.Sdca).MatchingC(TextModelOptions.Default.C, trainingMovies),
        MlNetPeerOptions.For(MlNetTrainer.Lbfgs).MatchingC(TextModelOptions.Default.C, trainingMovies),
    ];

    private static Contender Project(string name, TextModelOptions options, string? vectorsFile) => new(name, training =>
    {
        WordEmbeddings? vectors = null;
        if (vectorsFile is not null)
        {
            using var stream = File.OpenRead(vectorsFile);
            vectors = WordEmbeddings.ReadBinary(stream);
        }
        // Reading the vectors is outside the figure, as in `train`.
        var clock = Stopwatch.StartNew();
        var trained = TextModelTrainer.Train(training, options, vectors);
        var seconds = clock.Elapsed.TotalSeconds;
        var model = trained.Model;
        return new TrainedPeer(seconds, trained.Thresholds, trained.OutOfFoldMetrics, model.Probabilities,
            [new BatchScorer("`ScoreMany` (Parallel.For)", model.ScoreMany)], Describe(trained.Timings), null);
    });

    private static Contender MlNet(MlNetPeerOptions options) => new(options.Describe(), training =>
    {
        var clock = Stopwatch.StartNew();
        var trained = MlNetTextPeer.Train(training, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var model = trained.Model;
        return new TrainedPeer(seconds, trained.Thresholds, trained.OutOfFoldMetrics, model.Probabilities,
            [new BatchScorer("`Transform` of one IDataView", model.ScoreBatch), new BatchScorer("a PredictionEngine per thread (Parallel.For)", model.ScoreMany)],
            Describe(trained.Timings) + string.Create(CultureInfo.InvariantCulture, $", {trained.FeatureCount:N0} features"), model);
    });

    private static PeerFigures Measure(Contender contender, IReadOnlyList<Movie> training, IReadOnlyList<Movie> test, List<string> allPlots)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peer = contender.Train(training);
        try
        {
            var testPlots = test.Select(m => m.Overview).ToList();
            var scores = peer.Batches[0].Score(testPlots);
            var held = MultiLabelMetrics.Compute(test.Select(m => m.Genres).ToList(), scores, peer.Thresholds);

            BenchmarkContext.Log($"mlnet: {contender.Name}: single-plot latency over {testPlots.Count:N0} test plots × {LatencyPasses}…");
            var probabilities = new float[GenreCatalog.Count];
            var latency = LatencySampler.Measure(testPlots.Count * LatencyPasses, WarmUp.Service,
                i => peer.Probabilities(testPlots[i % testPlots.Count], probabilities));

            var throughput = new List<(string How, LatencySamples Runs)>();
            foreach (var batch in peer.Batches)
            {
                BenchmarkContext.Log($"mlnet: {contender.Name}: {batch.How} over {allPlots.Count:N0} plots, 1 warm-up + {ThroughputRuns} runs…");
                batch.Score(allPlots);
                throughput.Add((batch.How, new LatencySamples(Enumerable.Range(0, ThroughputRuns)
                    .Select(_ => LatencySampler.Time(() => batch.Score(allPlots)).TotalMilliseconds).ToList())));
            }
            // Warm: every buffer, table and engine the scoring above created is part of what a server holds.
            var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            return new PeerFigures(contender.Name, peer.TrainingSeconds, held, peer.OutOfFold, latency, throughput, retained / 1e6, peer.Steps);
        }
        finally
        {
            peer.Owner?.Dispose();
        }
    }

    private static void Report(IReadOnlyList<PeerFigures> peers, int trainingMovies, int testMovies, int allPlots, SectionResult result)
    {
        void Rows(string what, string unit, Func<PeerFigures, double> value)
        {
            foreach (var peer in peers)
            {
                result.Add($"{what} · {peer.Name}", value(peer), unit);
            }
        }
        Rows($"held-out micro-F1 ({testMovies:N0} test movies)", "F1", p => p.Test.MicroF1);
        Rows("held-out macro-F1", "F1", p => p.Test.MacroF1);
        Rows("held-out samples-F1", "F1", p => p.Test.SamplesF1);
        Rows("held-out top-3 hit rate", "share", p => p.Test.Top3HitRate);
        Rows("training wall time, whole pipeline incl. thresholds (in this process)", "s", p => p.TrainingSeconds);
        Rows("single-plot latency p50", "µs", p => p.Latency.Median * 1000);
        Rows("single-plot latency p99", "µs", p => p.Latency.Percentile(99) * 1000);
        foreach (var peer in peers)
        {
            foreach (var (how, runs) in peer.Throughput)
            {
                result.Add($"batch throughput, all {allPlots:N0} plots, {how} · {peer.Name}", allPlots / (runs.Median / 1000), "plots/s");
            }
        }
        Rows("managed heap held by the trained model, warm", "MB", p => p.RetainedMegabytes);

        string Four(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
        result.Note($"Same data for every row: trained on the {trainingMovies:N0} training + validation movies of movies.csv (as `BundleTrainer`), " +
            $"5-fold cross-fitted probabilities (folds from the split key) tuned by `ThresholdTuner.BestBlend` (½ micro + ½ macro F1), " +
            $"figures on the {testMovies:N0} test-part movies. Micro / macro / samples-F1 / top-3 to four places: " +
            string.Join("; ", peers.Select(p => $"{p.Name} {Four(p.Test.MicroF1)} / {Four(p.Test.MacroF1)} / {Four(p.Test.SamplesF1)} / {Four(p.Test.Top3HitRate)}")) + ".");
        result.Note("Out-of-fold micro / macro-F1 (the figures thresholds were tuned on): " +
            string.Join("; ", peers.Select(p => $"{p.Name} {Four(p.OutOfFold.MicroF1)} / {Four(p.OutOfFold.MacroF1)}")) + ".");
        result.Note("Training steps: " + string.Join("; ", peers.Select(p => $"{p.Name}: {p.Steps}")) + ". Every row trains in this process " +
            "(tiering on, first run, JIT included; reading the CSV and the word vectors not counted); the `text` section's figure is `train`'s own, " +
            "in a fresh tiering-off process.");
        result.Note($"ML.NET: `FeaturizeText` with word 1–2-grams and character 3-grams (ML.NET's default n-gram lengths), TF-IDF weighting, " +
            "each block scaled to unit length; `SdcaLogisticRegression` and `LbfgsLogisticRegression` at the L2 that gives the optimum of the " +
            $"project's C = {TextModelOptions.Default.C.ToString(CultureInfo.InvariantCulture)}, L1 off (ML.NET's own defaults score lower, decision 0045); " +
            "each trainer single-threaded, the 19 genres fitted in parallel; L-BFGS fold models start from the full model's weights. " +
            "Latency: one plot at a time through a reused PredictionEngine " +
            $"(`Predict(example, ref prediction)`), {LatencyPasses} passes over the test plots after a warm-up of ≥ {WarmUp.Service.MinimumTime.TotalSeconds:F0} s; " +
            $"throughput: median of {ThroughputRuns} runs after one warm-up.");
    }

    private static string Describe(IReadOnlyList<(string Step, TimeSpan Elapsed)> timings) =>
        string.Join(", ", timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Step} {t.Elapsed.TotalSeconds:F1} s")));

    /// <summary>Scores one plot into a span of 19 probabilities.</summary>
    private delegate void PlotScorer(string plot, Span<float> destination);

    /// <summary>A learner to train on the training movies.</summary>
    private sealed record Contender(string Name, Func<IReadOnlyList<Movie>, TrainedPeer> Train);

    /// <summary>A way to score many plots at once.</summary>
    private sealed record BatchScorer(string How, Func<IReadOnlyList<string>, float[][]> Score);

    /// <summary>A trained learner: its training time, thresholds, and how it scores.</summary>
    private sealed record TrainedPeer(
        double TrainingSeconds,
        float[] Thresholds,
        MultiLabelMetrics OutOfFold,
        PlotScorer Probabilities,
        IReadOnlyList<BatchScorer> Batches,
        string Steps,
        IDisposable? Owner);

    /// <summary>Everything measured of one learner.</summary>
    private sealed record PeerFigures(
        string Name,
        double TrainingSeconds,
        MultiLabelMetrics Test,
        MultiLabelMetrics OutOfFold,
        LatencySamples Latency,
        IReadOnlyList<(string How, LatencySamples Runs)> Throughput,
        double RetainedMegabytes,
        string Steps);
}
