using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Bundles;

/// <summary>What <c>manifest.json</c> says about a model bundle.</summary>
/// <param name="Format">The bundle format, <c>genreblazor-bundle/1</c>.</param>
/// <param name="Version">The bundle's version: training date and the start of the text model's checksum.</param>
/// <param name="Created">When it was trained.</param>
/// <param name="Genres">The label order of every score in the bundle.</param>
/// <param name="Data">Where the training data came from.</param>
/// <param name="Text">The text model.</param>
/// <param name="Training">Statistics of the training data and the run.</param>
/// <param name="Files">SHA-256 of every file of the bundle, verified on load.</param>
/// <param name="Poster">The poster model, when the bundle has one.</param>
/// <param name="Fusion">The text + poster fusion, when the bundle has one.</param>
public sealed record BundleManifest(
    string Format,
    string Version,
    DateTimeOffset Created,
    IReadOnlyList<string> Genres,
    DataProvenance Data,
    TextComponent Text,
    TrainingStatistics Training,
    IReadOnlyDictionary<string, string> Files,
    PosterComponent? Poster = null,
    FusionComponent? Fusion = null)
{
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentFormat = "genreblazor-bundle/1";
}

/// <summary>The data a bundle was trained on.</summary>
/// <param name="Source">File name of the CSV.</param>
/// <param name="Fingerprint">SHA-256 of the CSV's bytes.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Skipped">Malformed rows skipped.</param>
/// <param name="TrainMovies">Movies in the training part.</param>
/// <param name="ValidationMovies">Movies in the validation part (trained on too; thresholds come from cross-fitting).</param>
/// <param name="TestMovies">Movies in the test part, never trained on.</param>
public sealed record DataProvenance(string Source, string Fingerprint, int Rows, int Skipped, int TrainMovies, int ValidationMovies, int TestMovies);

/// <summary>The text model's entry in the manifest.</summary>
/// <param name="File">Its binary file.</param>
/// <param name="Thresholds">Tuned per-genre thresholds, in genre order.</param>
/// <param name="Options">The hyperparameters it was trained with.</param>
/// <param name="TestMetrics">Figures on the test part at the tuned thresholds.</param>
/// <param name="OutOfFoldMetrics">Figures of the cross-fitted probabilities on the training movies.</param>
/// <param name="TestPredictions">File with every test movie's scores and true genres.</param>
public sealed record TextComponent(
    string File,
    IReadOnlyList<float> Thresholds,
    TextModelOptions Options,
    MetricsReport TestMetrics,
    MetricsReport OutOfFoldMetrics,
    string TestPredictions);

/// <summary>Statistics kept for the Analyze page and for monitoring.</summary>
/// <param name="Movies">Training movies.</param>
/// <param name="GenreCounts">Training movies per genre, in genre order.</param>
/// <param name="Cooccurrence">Training movies having both genre i and genre j.</param>
/// <param name="Seconds">Wall time of training.</param>
/// <param name="Steps">Wall time of each step, in seconds.</param>
public sealed record TrainingStatistics(
    int Movies,
    IReadOnlyList<int> GenreCounts,
    IReadOnlyList<IReadOnlyList<int>> Cooccurrence,
    double Seconds,
    IReadOnlyDictionary<string, double> Steps)
{
    /// <summary>Counts genres and genre pairs.</summary>
    public static TrainingStatistics Count(IReadOnlyList<GenreSet> genres, double seconds, IReadOnlyDictionary<string, double> steps)
    {
        var n = GenreCatalog.Count;
        var counts = new int[n];
        var pairs = new int[n][];
        for (var i = 0; i < n; i++)
        {
            pairs[i] = new int[n];
        }
        foreach (var set in genres)
        {
            foreach (var a in set.Labels())
            {
                counts[a]++;
                foreach (var b in set.Labels())
                {
                    pairs[a][b]++;
                }
            }
        }
        return new TrainingStatistics(genres.Count, counts, pairs, seconds, steps);
    }
}

/// <summary>Multi-label figures as written to JSON by the bundle and by <c>evaluate --json</c>.</summary>
public sealed record MetricsReport(
    int Count,
    double MicroF1,
    double MacroF1,
    double SamplesF1,
    double Top3HitRate,
    double MicroPrecision,
    double MicroRecall,
    double AveragePredictedGenres,
    double AverageTrueGenres,
    IReadOnlyDictionary<string, GenreReport> PerGenre)
{
    /// <summary>The report of computed metrics; genres absent from the data (no support) are left out.</summary>
    public static MetricsReport From(MultiLabelMetrics metrics) => new(
        metrics.Count, Round(metrics.MicroF1), Round(metrics.MacroF1), Round(metrics.SamplesF1), Round(metrics.Top3HitRate),
        Round(metrics.MicroPrecision), Round(metrics.MicroRecall), Round(metrics.AveragePredictedGenres), Round(metrics.AverageTrueGenres),
        metrics.PerGenre.Where(g => g.Support > 0).ToDictionary(g => g.Genre, g => new GenreReport(
            Round(g.Precision), Round(g.Recall), Round(g.F1), g.Support,
            g.Confusion.TruePositives, g.Confusion.FalsePositives, g.Confusion.FalseNegatives, g.Confusion.TrueNegatives)));

    private static double Round(double value) => Math.Round(value, 4);
}

public sealed record GenreReport(double Precision, double Recall, double F1, int Support, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives);

/// <summary>The poster model's entry in the manifest.</summary>
/// <param name="Backbone">The backbone's identity (source package, model, start of its SHA-256); in bundles older than decision 0036, the file of a converted backbone.</param>
/// <param name="Head">The genre head file.</param>
/// <param name="FeatureVersion">Backbone and feature recipe the head was trained on; the app refuses a mismatch.</param>
/// <param name="Recipe">The feature recipe, as <c>PosterFeatureRecipe.Describe</c> writes it.</param>
/// <param name="Thresholds">Per-genre thresholds of the head.</param>
/// <param name="Data">The posters it was trained on.</param>
/// <param name="TestMetrics">Figures on the test part's posters.</param>
/// <param name="OutOfFoldMetrics">Figures of the cross-fitted probabilities of the training posters.</param>
/// <param name="BackboneFiles">"sha256:…" of each backbone model file by name; the backbone ships with the build, not the bundle, and loading compares them.</param>
/// <param name="TestPredictions">File with every test poster's scores and true genres (bundles from before decision 0036 have none).</param>
public sealed record PosterComponent(
    string Backbone,
    string Head,
    string FeatureVersion,
    string Recipe,
    IReadOnlyList<float> Thresholds,
    DataProvenance Data,
    MetricsReport TestMetrics,
    MetricsReport OutOfFoldMetrics,
    IReadOnlyDictionary<string, string>? BackboneFiles = null,
    string? TestPredictions = null);

/// <summary>The fusion's entry in the manifest, with the three models compared on the same held-out movies.</summary>
/// <param name="File">The per-genre fusion weights.</param>
/// <param name="Thresholds">Per-genre thresholds of the fused probabilities.</param>
/// <param name="TrainingMovies">Movies with both a plot and a poster it was fitted on.</param>
/// <param name="TestFused">Fused figures on the test part's movies with both.</param>
/// <param name="TestTextOnly">The text model alone on the same movies.</param>
/// <param name="TestPosterOnly">The poster model alone on the same movies.</param>
/// <param name="OutOfFoldMetrics">Figures of its cross-fitted probabilities.</param>
/// <param name="TestPredictions">File with the fused scores of the test movies that have both (bundles from before decision 0036 have none).</param>
public sealed record FusionComponent(
    string File,
    IReadOnlyList<float> Thresholds,
    int TrainingMovies,
    MetricsReport TestFused,
    MetricsReport TestTextOnly,
    MetricsReport TestPosterOnly,
    MetricsReport OutOfFoldMetrics,
    string? TestPredictions = null);
