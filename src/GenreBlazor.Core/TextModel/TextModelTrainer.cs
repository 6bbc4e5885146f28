using System.Diagnostics;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.TextModel;

/// <summary>A step of training, for progress bars.</summary>
public sealed record TrainingProgress(string Step, int Done, int Total);

/// <param name="Model">The model, fitted on every training movie.</param>
/// <param name="Thresholds">Per-genre thresholds tuned on the out-of-fold probabilities.</param>
/// <param name="OutOfFoldProbabilities">Each training movie's probabilities from a model that did not see it.</param>
/// <param name="OutOfFoldMetrics">The figures of those probabilities at the tuned thresholds (slightly optimistic: the thresholds were tuned on them).</param>
/// <param name="Timings">Wall time of each step.</param>
public sealed record TextModelTrainingResult(
    TextGenreModel Model,
    float[] Thresholds,
    IReadOnlyList<float[]> OutOfFoldProbabilities,
    MultiLabelMetrics OutOfFoldMetrics,
    IReadOnlyList<(string Step, TimeSpan Elapsed)> Timings);

/// <summary>
/// Trains the text model: learn the vocabularies and idf, vectorize every plot, fit one logistic regression per
/// genre on all training movies and — cross-fitted — on each fold's complement, so every training movie also has
/// probabilities from a model that did not see it; tune each genre's threshold on those.
/// </summary>
public static class TextModelTrainer
{
    public static TextModelTrainingResult Train(IReadOnlyList<Movie> movies, TextModelOptions options, WordEmbeddings? embeddings,
        IProgress<TrainingProgress>? progress = null)
    {
        if (movies.Count < options.Folds * 2)
        {
            throw new ArgumentException($"Training needs at least {options.Folds * 2} movies; got {movies.Count}.", nameof(movies));
        }
        if (options.UseEmbeddings && embeddings is null)
        {
            throw new ArgumentException("The options use word vectors but none were given.", nameof(embeddings));
        }
        var timings = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Done(string step)
        {
            timings.Add((step, clock.Elapsed));
            clock.Restart();
        }

        var labels = GenreCatalog.Count;
        var plots = movies.Select(m => m.Overview).ToList();
        var targets = movies.Select(m => Targets(m.Genres)).ToList();
        // Folds follow the split key, so they do not depend on row order.
        var folds = movies.Select(m => DatasetSplit.Bucket(m.SplitKey) % options.Folds).ToArray();

        progress?.Report(new TrainingProgress("Learning the vocabulary and vectorizing plots", 0, 1));
        var (vectorizer, features) = PlotVectorizer.FitTransform(plots, options.Vectorizer, options.UseEmbeddings ? embeddings : null);
        Done("features");

        var fitted = LogisticRegressionTrainer.CrossFit(features, targets, labels, options.Learner, folds,
            done => progress?.Report(new TrainingProgress("Fitting one model per genre", done, labels)));
        Done("fit");

        var outOfFold = new float[movies.Count][];
        for (var i = 0; i < movies.Count; i++)
        {
            outOfFold[i] = new float[labels];
            System.Numerics.Tensors.TensorPrimitives.Sigmoid(fitted.OutOfFoldLogits.AsSpan(i * labels, labels), outOfFold[i]);
        }
        var thresholds = ThresholdTuner.BestBlend(outOfFold, targets, labels, options.ThresholdMicroWeight);
        var metrics = MultiLabelMetrics.Compute(movies.Select(m => m.Genres).ToList(), outOfFold, thresholds);
        Done("thresholds");
        return new TextModelTrainingResult(new TextGenreModel(vectorizer, fitted.Model), thresholds, outOfFold, metrics, timings);
    }

    public static bool[] Targets(GenreSet genres)
    {
        var targets = new bool[GenreCatalog.Count];
        foreach (var label in genres.Labels())
        {
            targets[label] = true;
        }
        return targets;
    }
}
