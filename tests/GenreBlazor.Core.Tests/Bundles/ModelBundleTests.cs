using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Fusion;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Tests.Bundles;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("genreblazor-bundle-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string TrainSmallBundle(string name = "bundle")
    {
        var movies = TextModelTrainingTests.Fixture(400, seed: 11);
        var csv = new MovieCsv(Path.Combine(root, "fixture.csv"), movies, [], "sha256:fixture");
        var directory = Path.Combine(root, name);
        BundleTrainer.Train(csv, directory, TextModelTrainingTests.SmallOptions, embeddings: null, version: "test-1");
        return directory;
    }

    [Fact]
    public void A_trained_bundle_loads_and_scores_exactly_as_its_test_predictions_say()
    {
        var directory = TrainSmallBundle();
        var bundle = ModelBundle.Load(directory);
        Assert.Equal("test-1", bundle.Manifest.Version);
        Assert.Equal(GenreCatalog.All, bundle.Manifest.Genres);
        Assert.Equal(["test-predictions.json", "text-model.bin"], bundle.Manifest.Files.Keys);
        // A text-only bundle, like every bundle before decision 0036, has no poster or fused predictions.
        Assert.Null(bundle.PosterTestPredictions);
        Assert.Null(bundle.FusedTestPredictions);

        var predictions = bundle.LoadTestPredictions();
        Assert.Equal(bundle.Manifest.Data.TestMovies, predictions.Items.Count);
        Assert.True(predictions.Items.Count > 20);
        foreach (var item in predictions.Items)
        {
            var scores = new float[GenreCatalog.Count];
            bundle.Text.Probabilities(item.Overview, scores);
            Assert.Equal(item.Scores, scores); // exact: JSON keeps every float, scoring is deterministic
        }
        Assert.True(bundle.Manifest.Text.TestMetrics.MicroF1 > 0.8, $"test micro-F1 {bundle.Manifest.Text.TestMetrics.MicroF1}");
        Assert.Equal(400 - predictions.Items.Count, bundle.Manifest.Training.Movies);
        Assert.Equal(bundle.Manifest.Training.GenreCounts[GenreCatalog.IndexOf("Horror")],
            bundle.Manifest.Training.Cooccurrence[GenreCatalog.IndexOf("Horror")][GenreCatalog.IndexOf("Horror")]);
    }

    /// <summary>Stands in for the poster trainer: scores the test movies by a fixed rule and writes both prediction files.</summary>
    private sealed class PredictionsOnlyComponent : IBundleComponentTrainer
    {
        public BundleComponents Train(BundleTrainingContext context)
        {
            var items = context.TestMovies.Select((m, i) => new ScoredMovie(m.Id, m.ImdbId, m.Title, m.Year, m.Genres.Names().ToList(), m.Overview,
                Enumerable.Range(0, GenreCatalog.Count).Select(g => (i + g) % 7 / 7f).ToList())).ToList();
            new TestPredictions(GenreCatalog.All, items).Write(Path.Combine(context.StagingDirectory, "poster-test-predictions.json"));
            new TestPredictions(GenreCatalog.All, items.Take(5).ToList()).Write(Path.Combine(context.StagingDirectory, "fused-test-predictions.json"));
            FusionFile.Write(Path.Combine(context.StagingDirectory, "fusion.json"), new FusionModel(GenreCatalog.All.Select(_ => new GenreFusion(1, 1, 0)).ToList()));
            var report = MetricsReport.From(context.Text.OutOfFoldMetrics);
            var data = new DataProvenance("posters.csv", "sha256:x", 1, 0, 1, 0, 0);
            var thresholds = Enumerable.Repeat(0.5f, GenreCatalog.Count).ToList();
            return new BundleComponents(
                new PosterComponent("test-backbone", "poster-head.bin", "v", "r", thresholds, data, report, report,
                    new Dictionary<string, string> { ["net.onnx"] = "sha256:00" }, "poster-test-predictions.json"),
                new FusionComponent("fusion.json", thresholds, 1, report, report, report, report, "fused-test-predictions.json"),
                ["poster-test-predictions.json", "fusion.json", "fused-test-predictions.json"]);
        }
    }

    [Fact]
    public void Poster_and_fused_test_predictions_are_checksummed_listed_and_exposed()
    {
        var movies = TextModelTrainingTests.Fixture(400, seed: 11);
        var csv = new MovieCsv(Path.Combine(root, "fixture.csv"), movies, [], "sha256:fixture");
        var directory = Path.Combine(root, "with-posters");
        BundleTrainer.Train(csv, directory, TextModelTrainingTests.SmallOptions, embeddings: null, version: "test-2", components: new PredictionsOnlyComponent());

        var bundle = ModelBundle.Load(directory);

        Assert.Equal("poster-test-predictions.json", bundle.Manifest.Poster!.TestPredictions);
        Assert.Equal("fused-test-predictions.json", bundle.Manifest.Fusion!.TestPredictions);
        Assert.Contains("poster-test-predictions.json", bundle.Manifest.Files.Keys);
        var text = bundle.LoadTestPredictions();
        var posters = bundle.PosterTestPredictions!;
        Assert.Equal(text.Items.Select(m => m.Id), posters.Items.Select(m => m.Id));
        Assert.Equal(1f / 7, posters.Items[1].Scores[0]);
        Assert.Equal(5, bundle.FusedTestPredictions!.Items.Count);

        var file = Path.Combine(directory, "poster-test-predictions.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"id\"", "\"ID\"", StringComparison.Ordinal) + " ");
        var changed = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(directory));
        Assert.Contains("poster-test-predictions.json is corrupt or was changed", changed.Message);
    }

    [Fact]
    public void A_changed_file_is_refused_with_its_name_and_the_command_to_run()
    {
        var directory = TrainSmallBundle();
        var model = Path.Combine(directory, "text-model.bin");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(directory));
        Assert.Contains("text-model.bin is corrupt or was changed", error.Message);
        Assert.Contains("train --data", error.Message);
    }

    [Fact]
    public void Missing_bundle_files_and_manifests_are_named()
    {
        Assert.Contains("manifest.json is missing", Assert.Throws<ModelBundleException>(() => ModelBundle.Load(Path.Combine(root, "none"))).Message);
        var directory = TrainSmallBundle();
        File.Delete(Path.Combine(directory, "test-predictions.json"));
        Assert.Contains("lacks", Assert.Throws<ModelBundleException>(() => ModelBundle.Load(directory)).Message);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<ModelBundleException>(() => ModelBundle.Load(directory)).Message);
    }

    [Fact]
    public void Retraining_replaces_the_bundle_in_one_step()
    {
        var directory = TrainSmallBundle();
        TrainSmallBundle();
        Assert.Single(Directory.GetDirectories(root));
        Assert.NotNull(ModelBundle.Load(directory));
    }

    [Fact]
    public void A_truncated_model_file_with_a_matching_checksum_is_a_clear_error()
    {
        var directory = TrainSmallBundle();
        var model = Path.Combine(directory, "text-model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..1000]);
        var manifestPath = Path.Combine(directory, "manifest.json");
        var manifest = JsonSerializer.Deserialize<BundleManifest>(File.ReadAllText(manifestPath), ModelBundle.Json)!;
        var files = new Dictionary<string, string>(manifest.Files) { ["text-model.bin"] = ModelBundle.Checksum(model) };
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest with { Files = files }, ModelBundle.Json));
        Assert.Contains("cannot be read", Assert.Throws<ModelBundleException>(() => ModelBundle.Load(directory)).Message);
    }
}
