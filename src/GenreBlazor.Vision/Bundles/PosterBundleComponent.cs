using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Fusion;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;
using GenreBlazor.Vision.Posters.Head;

namespace GenreBlazor.Vision.Bundles;

/// <summary>Where the poster training finds its inputs.</summary>
/// <param name="Posters">The posters CSV (read already).</param>
/// <param name="FeatureCacheFolder">Folder of the crop activation caches (one file per backbone and code version).</param>
/// <param name="Recipe">The feature recipe (default <see cref="PosterFeatureRecipe.Default"/>).</param>
/// <param name="Head">Head training options.</param>
public sealed record PosterTrainingOptions(PosterCsv Posters, string FeatureCacheFolder, PosterFeatureRecipe? Recipe = null, PosterHeadOptions? Head = null);

/// <summary>
/// Trains the poster model and the text + poster fusion into a bundle being written: extracts (or reads from the
/// cache) every poster's features, fits the head on the training and validation posters, fits the fusion on the
/// out-of-fold text and poster probabilities of the training movies that have both, and reports all three models on
/// the held-out movies that have both.
/// </summary>
public sealed class PosterBundleComponent(PosterTrainingOptions options) : IBundleComponentTrainer
{
    public const string HeadFile = "poster-head.bin";

    public const string FusionFileName = "fusion.json";

    /// <summary>Bundle file of the poster model's scores of the test posters.</summary>
    public const string PosterPredictionsFile = "poster-test-predictions.json";

    /// <summary>Bundle file of the fusion's scores of the test movies with both.</summary>
    public const string FusedPredictionsFile = "fused-test-predictions.json";

    /// <inheritdoc />
    public BundleComponents Train(BundleTrainingContext context)
    {
        var labels = GenreCatalog.Count;
        var recipe = options.Recipe ?? PosterFeatureRecipe.Default;

        // 1. Features of every poster (crops cached), one intra-op thread × two posters at a time (docs/decisions/0022).
        var posters = options.Posters.Posters;
        var backbone = ResNet18Backbone.Open(OnnxRuntimeOptions.Batch);
        using var extractor = new PosterFeatureExtractor(backbone, recipe, ownsBackbone: true);
        var cache = PosterFeatureCache.Open(PosterFeatureCache.DefaultPath(options.FeatureCacheFolder, extractor.CropVersion), extractor.CropVersion, backbone.Width);
        var progress = context.Progress;
        var report = new PosterBatchExtraction(extractor, cache).Run(posters.Select(p => p.File).ToList(),
            new Progress(done => progress?.Report(new TrainingProgress("Poster features", done, posters.Count))));
        cache.Save();
        var usable = Enumerable.Range(0, posters.Count).Where(i => report.Results[i].Features is not null).ToList();
        var features = usable.ToDictionary(i => posters[i].ImdbId, i => report.Results[i].Features!.Values);

        // 2. The head, on training + validation posters.
        var training = usable.Where(i => DatasetSplit.PartOf(posters[i].ImdbId) != SplitPart.Test).ToList();
        var testing = usable.Where(i => DatasetSplit.PartOf(posters[i].ImdbId) == SplitPart.Test).ToList();
        var headOptions = options.Head ?? new PosterHeadOptions();
        var headSteps = 0;
        var headTraining = PosterHeadTrainer.Train(training.Select(i => report.Results[i].Features!.Values).ToList(),
            training.Select(i => TextModelTrainer.Targets(posters[i].Genres)).ToList(), labels, extractor.FeatureVersion, headOptions,
            new StepProgress(_ => progress?.Report(new TrainingProgress("Poster head (cross-fitted networks)", ++headSteps, headOptions.Folds + 2))));
        var head = headTraining.Head;
        using (var stream = File.Create(Path.Combine(context.StagingDirectory, HeadFile)))
        {
            head.Write(stream);
        }
        var testPosterScores = testing.ToDictionary(i => posters[i].ImdbId, i => head.Probabilities(report.Results[i].Features!.Values));
        var posterTest = MultiLabelMetrics.Compute(testing.Select(i => posters[i].Genres).ToList(), testing.Select(i => testPosterScores[posters[i].ImdbId]).ToList(), head.Thresholds);
        var posterOutOfFold = MultiLabelMetrics.Compute(training.Select(i => posters[i].Genres).ToList(), headTraining.OutOfFoldProbabilities, head.Thresholds);
        var posterOutOfFoldById = training.Select((i, k) => (posters[i].ImdbId, headTraining.OutOfFoldProbabilities[k])).ToDictionary(p => p.ImdbId, p => p.Item2);

        var plots = context.TrainingMovies.Concat(context.TestMovies).Where(m => m.ImdbId.Length > 0)
            .GroupBy(m => m.ImdbId).ToDictionary(g => g.Key, g => g.First().Overview);
        new TestPredictions(GenreCatalog.All, testing.Select(i => posters[i]).Select(p => new ScoredMovie(
                p.ImdbId, p.ImdbId, p.Title, p.Year, p.Genres.Names().ToList(), plots.GetValueOrDefault(p.ImdbId, ""), testPosterScores[p.ImdbId])).ToList())
            .Write(Path.Combine(context.StagingDirectory, PosterPredictionsFile));

        var poster = new PosterComponent(backbone.Version, HeadFile, extractor.FeatureVersion, recipe.Describe(), head.Thresholds,
            new DataProvenance(Path.GetFileName(options.Posters.Path), options.Posters.Fingerprint, posters.Count, options.Posters.Skipped.Count + report.Failed,
                posters.Count(p => DatasetSplit.PartOf(p.ImdbId) == SplitPart.Train), posters.Count(p => DatasetSplit.PartOf(p.ImdbId) == SplitPart.Validation), testing.Count),
            MetricsReport.From(posterTest), MetricsReport.From(posterOutOfFold), backbone.Files, PosterPredictionsFile);

        // 3. Fusion on training movies with both: out-of-fold text and poster probabilities.
        progress?.Report(new TrainingProgress("Fusion", 0, 1));
        var joint = Enumerable.Range(0, context.TrainingMovies.Count)
            .Where(i => context.TrainingMovies[i].ImdbId.Length > 0 && posterOutOfFoldById.ContainsKey(context.TrainingMovies[i].ImdbId))
            .ToList();
        if (joint.Count < 50)
        {
            return new BundleComponents(poster, null, [HeadFile, PosterPredictionsFile]);
        }
        var fusion = FusionTrainer.Train(
            joint.Select(i => context.Text.OutOfFoldProbabilities[i]).ToList(),
            joint.Select(i => posterOutOfFoldById[context.TrainingMovies[i].ImdbId]).ToList(),
            joint.Select(i => context.TrainingMovies[i].Genres).ToList(),
            joint.Select(i => DatasetSplit.Bucket(context.TrainingMovies[i].SplitKey) % 5).ToArray());
        FusionFile.Write(Path.Combine(context.StagingDirectory, FusionFileName), fusion.Model);

        // 4. The three models on the held-out movies that have both.
        var jointTest = Enumerable.Range(0, context.TestMovies.Count)
            .Where(i => testPosterScores.ContainsKey(context.TestMovies[i].ImdbId))
            .ToList();
        var truth = jointTest.Select(i => context.TestMovies[i].Genres).ToList();
        var textScores = jointTest.Select(i => context.TestTextScores[i]).ToList();
        var posterScores = jointTest.Select(i => testPosterScores[context.TestMovies[i].ImdbId]).ToList();
        var fusedScores = jointTest.Select((_, k) => fusion.Model.Probabilities(textScores[k], posterScores[k])).ToList();
        new TestPredictions(GenreCatalog.All, jointTest.Select((i, k) =>
            {
                var m = context.TestMovies[i];
                return new ScoredMovie(m.Id, m.ImdbId, m.Title, m.Year, m.Genres.Names().ToList(), m.Overview, fusedScores[k]);
            }).ToList())
            .Write(Path.Combine(context.StagingDirectory, FusedPredictionsFile));
        var component = new FusionComponent(FusionFileName, fusion.Thresholds, joint.Count,
            MetricsReport.From(MultiLabelMetrics.Compute(truth, fusedScores, fusion.Thresholds)),
            MetricsReport.From(MultiLabelMetrics.Compute(truth, textScores, context.Text.Thresholds)),
            MetricsReport.From(MultiLabelMetrics.Compute(truth, posterScores, head.Thresholds)),
            MetricsReport.From(fusion.OutOfFoldMetrics),
            FusedPredictionsFile);
        return new BundleComponents(poster, component, [HeadFile, PosterPredictionsFile, FusionFileName, FusedPredictionsFile]);
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private sealed class StepProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
