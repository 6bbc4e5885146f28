using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Fusion;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Tests.Bundles;

namespace GenreBlazor.Core.Tests.Fusion;

public sealed class FusionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-fusion-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// Two noisy views: the "text" scores know Horror and Romance well but not Western; the "poster" scores know
    /// Western well and the others poorly. Fusion should learn, per genre, which view to trust.
    /// </summary>
    private static (List<float[]> Text, List<float[]> Poster, List<GenreSet> Truth) Views(int count, int seed)
    {
        var random = new Random(seed);
        int horror = GenreCatalog.IndexOf("Horror"), romance = GenreCatalog.IndexOf("Romance"), western = GenreCatalog.IndexOf("Western");
        var text = new List<float[]>();
        var poster = new List<float[]>();
        var truth = new List<GenreSet>();
        for (var i = 0; i < count; i++)
        {
            var set = GenreSet.Empty;
            foreach (var g in new[] { horror, romance, western })
            {
                if (random.NextDouble() < 0.35) set = set.With(g);
            }
            if (set.Count == 0) set = set.With(horror);
            float Noisy(bool on, double skill) => (float)Math.Clamp((on ? 0.5 + skill / 2 : 0.5 - skill / 2) + (random.NextDouble() - 0.5) * 0.9, 0.01, 0.99);
            var t = new float[GenreCatalog.Count];
            var p = new float[GenreCatalog.Count];
            for (var g = 0; g < GenreCatalog.Count; g++)
            {
                t[g] = g == western ? Noisy(set.Contains(g), 0.05) : Noisy(set.Contains(g), 0.6);
                p[g] = g == western ? Noisy(set.Contains(g), 0.6) : Noisy(set.Contains(g), 0.05);
            }
            text.Add(t);
            poster.Add(p);
            truth.Add(set);
        }
        return (text, poster, truth);
    }

    [Fact]
    public void Fusion_learns_which_model_to_trust_per_genre_and_beats_each_alone()
    {
        var (text, poster, truth) = Views(900, seed: 1);
        var training = FusionTrainer.Train(text, poster, truth, Enumerable.Range(0, truth.Count).Select(i => i % 5).ToArray());
        var western = training.Model.Genres[GenreCatalog.IndexOf("Western")];
        var horror = training.Model.Genres[GenreCatalog.IndexOf("Horror")];
        Assert.True(western.PosterWeight > 3 * Math.Abs(western.TextWeight), $"{western}");
        Assert.True(horror.TextWeight > 3 * Math.Abs(horror.PosterWeight), $"{horror}");

        var (testText, testPoster, testTruth) = Views(400, seed: 2);
        var fused = testText.Select((t, i) => training.Model.Probabilities(t, testPoster[i])).ToList();
        var fusedF1 = MultiLabelMetrics.Compute(testTruth, fused, training.Thresholds).MicroF1;
        var half = Enumerable.Repeat(0.5f, GenreCatalog.Count).ToArray();
        Assert.True(fusedF1 > MultiLabelMetrics.Compute(testTruth, testText, half).MicroF1 + 0.05);
        Assert.True(fusedF1 > MultiLabelMetrics.Compute(testTruth, testPoster, half).MicroF1 + 0.05);
    }

    [Fact]
    public void Fusion_weights_round_trip_through_their_file()
    {
        var model = new FusionModel(GenreCatalog.All.Select((_, i) => new GenreFusion(i, -i / 2f, 0.25f)).ToList());
        var path = Path.Combine(folder, "fusion.json");
        FusionFile.Write(path, model);
        Assert.Equal(model.Genres, FusionFile.Read(path).Genres);
        File.WriteAllText(path, "[{\"genre\":\"Action\",\"textWeight\":1,\"posterWeight\":1,\"bias\":0}]");
        Assert.Contains("does not list the 19 genres", Assert.Throws<ModelBundleException>(() => FusionFile.Read(path)).Message);
    }

    [Fact]
    public void Fused_probability_is_the_sigmoid_of_the_weighted_logits()
    {
        var genres = GenreCatalog.All.Select(_ => new GenreFusion(2f, 0.5f, -1f)).ToList();
        var fused = new FusionModel(genres).Probabilities(Enumerable.Repeat(0.8f, 19).ToArray(), Enumerable.Repeat(0.3f, 19).ToArray());
        var logit = 2 * MathF.Log(0.8f / 0.2f) + 0.5f * MathF.Log(0.3f / 0.7f) - 1;
        Assert.Equal(1 / (1 + MathF.Exp(-logit)), fused[0], 5);
    }

    private sealed class ExtraFile : IBundleComponentTrainer
    {
        public BundleTrainingContext? Seen { get; private set; }

        public BundleComponents Train(BundleTrainingContext context)
        {
            Seen = context;
            File.WriteAllText(Path.Combine(context.StagingDirectory, "fusion.json"), "[]");
            return new BundleComponents(null, null, ["fusion.json"]);
        }
    }

    [Fact]
    public void Component_trainers_see_the_text_training_and_their_files_are_checksummed()
    {
        var movies = TextModelTrainingTests.Fixture(300, seed: 21);
        var extra = new ExtraFile();
        var directory = Path.Combine(folder, "bundle");
        BundleTrainer.Train(new MovieCsv("fixture.csv", movies, [], "sha256:x"), directory, TextModelTrainingTests.SmallOptions, null, "v", null, extra);
        Assert.NotNull(extra.Seen);
        Assert.Equal(extra.Seen!.TrainingMovies.Count, extra.Seen.Text.OutOfFoldProbabilities.Count);
        Assert.Equal(extra.Seen.TestMovies.Count, extra.Seen.TestTextScores.Count);
        var manifest = ModelBundle.ReadManifest(directory);
        Assert.Equal(ModelBundle.Checksum(Path.Combine(directory, "fusion.json")), manifest.Files["fusion.json"]);
        Assert.Null(manifest.Poster);
    }
}

public class PosterCsvReaderTests
{
    [Fact]
    public void Reads_posters_with_paths_relative_to_the_csv_and_skips_bad_rows()
    {
        var folder = Directory.CreateTempSubdirectory("genreblazor-posters-").FullName;
        try
        {
            var path = Path.Combine(folder, "posters.csv");
            File.WriteAllText(path, "imdb_id,title,year,genres,file\n" +
                "tt1,One,1999,Drama|Comedy,posters/tt1.jpg\n" +
                "tt2,Two,,Cooking,posters/tt2.jpg\n" +
                ",Three,2001,Drama,posters/tt3.jpg\n" +
                "tt4,Four,2001,Drama,\n");
            var csv = PosterCsvReader.Read(path);
            var poster = Assert.Single(csv.Posters);
            Assert.Equal(Path.Combine(folder, "posters", "tt1.jpg"), poster.File);
            Assert.Equal(GenreSet.FromNames(["Drama", "Comedy"]), poster.Genres);
            Assert.Equal([3L, 4L, 5L], csv.Skipped.Select(s => s.Line));
            Assert.Contains("unknown genre 'Cooking'", csv.Skipped[0].Reason);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
