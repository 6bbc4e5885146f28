using System.Diagnostics;
using System.Text.Json;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Bundles;

/// <summary>What a component trainer (the poster model and fusion) gets while a bundle is being written.</summary>
/// <param name="StagingDirectory">Where the bundle's files are being written; add yours here.</param>
/// <param name="TrainingMovies">The movies the text model was trained on.</param>
/// <param name="TestMovies">The held-out test movies.</param>
/// <param name="Text">The text model's training, with its out-of-fold probabilities (in <paramref name="TrainingMovies"/> order).</param>
/// <param name="TestTextScores">The written text model's probabilities for the test movies.</param>
/// <param name="WrittenText">The text model as written to the bundle.</param>
/// <param name="Progress">Progress reporting.</param>
public sealed record BundleTrainingContext(
    string StagingDirectory,
    IReadOnlyList<Movie> TrainingMovies,
    IReadOnlyList<Movie> TestMovies,
    TextModelTrainingResult Text,
    IReadOnlyList<float[]> TestTextScores,
    TextGenreModel WrittenText,
    IProgress<TrainingProgress>? Progress);

/// <summary>What a component trainer added to the bundle.</summary>
/// <param name="Poster">The poster model's manifest entry.</param>
/// <param name="Fusion">The fusion's manifest entry.</param>
/// <param name="Files">The files it wrote into the staging folder (checksummed into the manifest).</param>
public sealed record BundleComponents(PosterComponent? Poster, FusionComponent? Fusion, IReadOnlyList<string> Files);

/// <summary>Trains more components into a bundle after the text model (the poster model and fusion live in GenreBlazor.Vision).</summary>
public interface IBundleComponentTrainer
{
    /// <summary>Trains and writes the components.</summary>
    BundleComponents Train(BundleTrainingContext context);
}

/// <summary>What a training run produced.</summary>
/// <param name="Directory">The bundle folder.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="TrainingSeconds">Wall time of the whole pipeline, threshold tuning included (not reading the CSV or writing files).</param>
public sealed record BundleTrainingReport(string Directory, BundleManifest Manifest, double TrainingSeconds);

/// <summary>
/// Trains a bundle from a movies CSV: the training and validation parts train the text model (thresholds come
/// from cross-fitting on them), the test part is scored by the model as written to disk and reported in the
/// manifest. The bundle is written to a temporary folder and moved into place only when complete.
/// </summary>
public static class BundleTrainer
{
    public static BundleTrainingReport Train(MovieCsv csv, string outDirectory, TextModelOptions options, WordEmbeddings? embeddings,
        string? version = null, IProgress<TrainingProgress>? progress = null, IBundleComponentTrainer? components = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return TrainCore(csv, outDirectory, options, embeddings, version, progress, components, cancellationToken);
        }
        catch (AggregateException e) when (cancellationToken.IsCancellationRequested && e.Flatten().InnerExceptions.All(i => i is OperationCanceledException))
        {
            // A report inside a parallel loop (the genres are fitted in parallel) threw it.
            throw new OperationCanceledException("Training was cancelled.", e, cancellationToken);
        }
    }

    private static BundleTrainingReport TrainCore(MovieCsv csv, string outDirectory, TextModelOptions options, WordEmbeddings? embeddings,
        string? version, IProgress<TrainingProgress>? progress, IBundleComponentTrainer? components, CancellationToken cancellationToken)
    {
        // Training is synchronous CPU work: it stops at its next progress report (every genre fitted, every poster read).
        if (cancellationToken.CanBeCanceled)
        {
            progress = new CancellingProgress(progress, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var train = DatasetSplit.Select(csv.Movies, SplitPart.Train);
        var validation = DatasetSplit.Select(csv.Movies, SplitPart.Validation);
        var test = DatasetSplit.Select(csv.Movies, SplitPart.Test);
        var trainingMovies = train.Concat(validation).ToList();
        if (test.Count == 0)
        {
            throw new ArgumentException("The data has no movie in the test part; a bundle needs held-out figures.");
        }

        var clock = Stopwatch.StartNew();
        var result = TextModelTrainer.Train(trainingMovies, options, embeddings, progress);
        var trainingSeconds = clock.Elapsed.TotalSeconds;

        var parent = Path.GetDirectoryName(Path.GetFullPath(outDirectory))!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(Path.GetFullPath(outDirectory))}.staging-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
        try
        {
            const string textFile = "text-model.bin";
            const string predictionsFile = "test-predictions.json";
            using (var stream = File.Create(Path.Combine(staging, textFile)))
            {
                TextModelFile.Write(stream, result.Model);
            }
            // Score the test part with the model exactly as it was written, so the manifest, `evaluate` and the
            // Analyze page all see the same numbers.
            TextGenreModel written;
            using (var stream = File.OpenRead(Path.Combine(staging, textFile)))
            {
                written = TextModelFile.Read(stream, textFile);
            }
            progress?.Report(new TrainingProgress("Scoring the test part", 0, 1));
            var testScores = written.ScoreMany(test.Select(m => m.Overview).ToList());
            var testMetrics = MultiLabelMetrics.Compute(test.Select(m => m.Genres).ToList(), testScores, result.Thresholds);
            var predictions = new TestPredictions(GenreCatalog.All, test.Select((m, i) => new ScoredMovie(
                m.Id, m.ImdbId, m.Title, m.Year, m.Genres.Names().ToList(), m.Overview, testScores[i])).ToList());
            predictions.Write(Path.Combine(staging, predictionsFile));

            cancellationToken.ThrowIfCancellationRequested();
            var extras = components?.Train(new BundleTrainingContext(staging, trainingMovies, test, result, testScores, written, progress))
                ?? new BundleComponents(null, null, []);
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in extras.Files.Append(textFile).Append(predictionsFile))
            {
                files[file] = ModelBundle.Checksum(Path.Combine(staging, file));
            }
            var created = DateTimeOffset.UtcNow;
            var manifest = new BundleManifest(
                BundleManifest.CurrentFormat,
                version ?? $"{created:yyyy.MM.dd}-{files[textFile]["sha256:".Length..][..8]}",
                created,
                GenreCatalog.All,
                new DataProvenance(Path.GetFileName(csv.Path), csv.Fingerprint, csv.Movies.Count, csv.Skipped.Count, train.Count, validation.Count, test.Count),
                new TextComponent(textFile, result.Thresholds, options, MetricsReport.From(testMetrics), MetricsReport.From(result.OutOfFoldMetrics), predictionsFile),
                TrainingStatistics.Count(trainingMovies.Select(m => m.Genres).ToList(), Math.Round(trainingSeconds, 3),
                    result.Timings.ToDictionary(t => t.Step, t => Math.Round(t.Elapsed.TotalSeconds, 3))),
                files,
                extras.Poster,
                extras.Fusion);
            cancellationToken.ThrowIfCancellationRequested();
            File.WriteAllBytes(Path.Combine(staging, ModelBundle.ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, ModelBundle.Json));
            Replace(staging, outDirectory);
            return new BundleTrainingReport(outDirectory, manifest, trainingSeconds);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Moves the staged folder to its place; an existing bundle there is replaced only once the new one is complete.</summary>
    private static void Replace(string staging, string destination)
    {
        var previous = destination.TrimEnd(Path.DirectorySeparatorChar) + $".previous-{Environment.ProcessId}";
        if (Directory.Exists(destination))
        {
            Directory.Move(destination, previous);
        }
        Directory.Move(staging, destination);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    private sealed class CancellingProgress(IProgress<TrainingProgress>? inner, CancellationToken cancellationToken) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner?.Report(value);
        }
    }
}
