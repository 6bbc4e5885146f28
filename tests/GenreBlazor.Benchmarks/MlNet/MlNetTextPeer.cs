using System.Diagnostics;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Core.Thresholds;
using Microsoft.ML;
using Microsoft.ML.Trainers;

using LogisticModel = Microsoft.ML.Data.BinaryPredictionTransformer<
    Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.LinearBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>>;

namespace GenreBlazor.Benchmarks.MlNet;

/// <summary>What training the ML.NET peer produced, in the shape of <see cref="TextModelTrainingResult"/>.</summary>
/// <param name="Model">The featurizer and the 19 genre models fitted on every training movie, as one scorer.</param>
/// <param name="Thresholds">Per-genre thresholds tuned on the out-of-fold probabilities.</param>
/// <param name="OutOfFoldProbabilities">Each training movie's probabilities from the models that did not see it.</param>
/// <param name="OutOfFoldMetrics">Their figures at the tuned thresholds.</param>
/// <param name="FeatureCount">Length of the featurizer's vector.</param>
/// <param name="Timings">Wall time of each step.</param>
public sealed record MlNetTrainingResult(
    MlNetGenreModel Model,
    float[] Thresholds,
    IReadOnlyList<float[]> OutOfFoldProbabilities,
    MultiLabelMetrics OutOfFoldMetrics,
    int FeatureCount,
    IReadOnlyList<(string Step, TimeSpan Elapsed)> Timings);

/// <summary>
/// ML.NET's text pipeline trained the way <see cref="TextModelTrainer"/> trains the project's learner: the featurizer
/// learns its n-gram dictionaries and idf on every training movie; one binary logistic regression per genre is
/// fitted on every training movie and, cross-fitted, on each fold's complement (folds from the split key, as the
/// project's); the project's <see cref="ThresholdTuner.BestBlend"/> picks each genre's threshold from the
/// out-of-fold probabilities.
/// </summary>
public static class MlNetTextPeer
{
    private const string Features = "Features";

    public static MlNetTrainingResult Train(IReadOnlyList<Movie> movies, MlNetPeerOptions options)
    {
        if (movies.Count < options.Folds * 2)
        {
            throw new ArgumentException($"Training needs at least {options.Folds * 2} movies; got {movies.Count}.", nameof(movies));
        }
        var start = Stopwatch.GetTimestamp();
        var labels = GenreCatalog.Count;
        var targets = movies.Select(m => TextModelTrainer.Targets(m.Genres)).ToList();
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(movies.Select((m, i) => new TrainingPlot
        {
            Row = i,
            Plot = m.Overview,
            Genres = targets[i],
            Fold = DatasetSplit.Bucket(m.SplitKey) % options.Folds,
        }));
        var featurizer = ml.Transforms.Text.FeaturizeText(Features, options.Featurizer(), nameof(TrainingPlot.Plot)).Fit(data);
        var featurized = ml.Data.Cache(featurizer.Transform(data));
        // Fill the cache once here, so the parallel fits below only read it.
        using (var cursor = featurized.GetRowCursor(featurized.Schema))
        {
            while (cursor.MoveNext())
            {
            }
        }
        var featureCount = ((Microsoft.ML.Data.VectorDataViewType)featurized.Schema[Features].Type).Size;
        var featuresDone = Stopwatch.GetTimestamp();

        var models = new ITransformer[labels];
        var outOfFold = new float[movies.Count][];
        for (var i = 0; i < outOfFold.Length; i++)
        {
            outOfFold[i] = new float[labels];
        }
        Parallel.For(0, labels, label =>
        {
            // A context per genre: a context's random source is not shared across threads.
            var context = new MLContext(options.Seed + label);
            var labelled = context.Transforms.CustomMapping<GenreTargets, GenreLabel>(
                (row, target) => target.Label = row.Genres[label], contractName: null).Fit(featurized).Transform(featurized);
            var trainer = options.Estimator(context, nameof(GenreLabel.Label), Features);
            models[label] = trainer.Fit(labelled);
            for (var fold = 0; fold < options.Folds; fold++)
            {
                var f = fold;
                // The predicate says which rows to drop.
                var rest = context.Data.FilterByCustomPredicate<FoldOf>(labelled, row => row.Fold == f);
                var held = context.Data.FilterByCustomPredicate<FoldOf>(labelled, row => row.Fold != f);
                var foldModel = WarmStarted(trainer, rest, models[label]) ?? trainer.Fit(rest);
                foreach (var scored in context.Data.CreateEnumerable<ScoredRow>(foldModel.Transform(held), reuseRowObject: true))
                {
                    outOfFold[scored.Row][label] = scored.Probability;
                }
            }
        });
        var fitDone = Stopwatch.GetTimestamp();

        var thresholds = ThresholdTuner.BestBlend(outOfFold, targets, labels, options.ThresholdMicroWeight);
        var metrics = MultiLabelMetrics.Compute(movies.Select(m => m.Genres).ToList(), outOfFold, thresholds);
        var timings = new List<(string, TimeSpan)>
        {
            ("features", Stopwatch.GetElapsedTime(start, featuresDone)),
            ("fit", Stopwatch.GetElapsedTime(featuresDone, fitDone)),
            ("thresholds", Stopwatch.GetElapsedTime(fitDone)),
        };
        return new MlNetTrainingResult(MlNetGenreModel.Compose(ml, featurizer, models), thresholds, outOfFold, metrics, featureCount, timings);
    }

    // L-BFGS can start from the full model's weights, close to each fold model's optimum, as the project's
    // learner starts its folds from the full dual solution: the same optimum, reached in fewer iterations.
    // SDCA takes no starting point in ML.NET.
    private static LogisticModel? WarmStarted(IEstimator<ITransformer> trainer, IDataView rest, ITransformer full) =>
        trainer is LbfgsLogisticRegressionBinaryTrainer lbfgs && full is LogisticModel fitted
            ? lbfgs.Fit(rest, fitted.Model.SubModel)
            : null;
}
