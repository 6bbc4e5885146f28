using System.Text;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Tests;

namespace GenreBlazor.Cli.Tests;

/// <summary>
/// train --posters, evaluate --posters and evaluate --data --posters on a small set the test draws itself: each genre
/// has its poster colour and its plot words, and some plots are deliberately vague so the poster matters.
/// </summary>
public sealed class PosterCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-posters-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly (string Genre, (byte, byte, byte) Colour, string[] Words)[] Genres =
    [
        ("Horror", (120, 10, 20), ["ghost", "haunted", "demon", "scream"]),
        ("Romance", (250, 160, 200), ["love", "wedding", "kiss", "heart"]),
        ("Western", (200, 140, 60), ["sheriff", "outlaw", "saloon", "ranch"]),
    ];

    private (string Movies, string Posters) WriteData(int count)
    {
        var random = new Random(3);
        var movies = new StringBuilder("id,title,year,genres,overview,language,tmdb_id,imdb_id\n");
        var posters = new StringBuilder("imdb_id,title,year,genres,file\n");
        Directory.CreateDirectory(Path.Combine(folder, "posters"));
        for (var i = 0; i < count; i++)
        {
            var (genre, (r, g, b), words) = Genres[i % Genres.Length];
            var imdb = $"tt{9000000 + i}";
            // a third of the plots say nothing about their genre
            var plot = (i / 3) % 3 == 0 ? "A story about a town and a family." : $"A story about a {words[random.Next(4)]} and a {words[random.Next(4)]}.";
            movies.Append($"m-{i},Film {i},2000,{genre},\"{plot}\",en,,{imdb}\n");
            posters.Append($"{imdb},Film {i},2000,{genre},posters/{imdb}.png\n");
            var noise = random.Next(40);
            File.WriteAllBytes(Path.Combine(folder, "posters", imdb + ".png"), TestImages.Png(40, 60, (x, y) =>
                ((byte)Math.Clamp(r + (x * y % 17) - 8 + noise / 4, 0, 255), (byte)Math.Clamp(g + noise / 4, 0, 255), (byte)Math.Clamp(b - (y % 11), 0, 255))));
        }
        posters.Append("tt9999999,Broken,2000,Drama,posters/broken.png\n");
        File.WriteAllText(Path.Combine(folder, "posters", "broken.png"), "<html>not an image</html>");
        var moviesPath = Path.Combine(folder, "movies.csv");
        var postersPath = Path.Combine(folder, "posters.csv");
        File.WriteAllText(moviesPath, movies.ToString());
        File.WriteAllText(postersPath, posters.ToString());
        return (moviesPath, postersPath);
    }

    [Fact]
    public void Train_with_posters_then_evaluate_the_poster_model_and_the_fusion()
    {
        var (movies, posters) = WriteData(240);
        var bundle = Path.Combine(folder, "bundle");
        var train = CliRunner.Run("train", "--data", movies, "--posters", posters, "--out", bundle, "--no-embeddings",
            "--feature-cache", Path.Combine(folder, "features"));
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        var manifest = ModelBundle.ReadManifest(bundle);
        Assert.NotNull(manifest.Poster);
        Assert.NotNull(manifest.Fusion);
        // The backbone ships with the build (from its NuGet package), not in the bundle: the manifest names it and its checksums.
        Assert.StartsWith("Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1/ResNet18#", manifest.Poster!.Backbone);
        Assert.Equal(["ResNet18.onnx", "ResNetPreprocess.onnx"], manifest.Poster.BackboneFiles!.Keys);
        Assert.Empty(Directory.GetFiles(bundle, "*.onnx"));
        var loaded = ModelBundle.Load(bundle);
        var posterPredictions = loaded.PosterTestPredictions!;
        Assert.Equal(manifest.Poster.Data.TestMovies, posterPredictions.Items.Count);
        Assert.All(posterPredictions.Items, item => Assert.Equal(item.ImdbId, item.Id));
        Assert.All(posterPredictions.Items, item => Assert.StartsWith("A story about", item.Overview));
        Assert.Equal(manifest.Fusion!.TestFused.Count, loaded.FusedTestPredictions!.Items.Count);
        Assert.All(loaded.FusedTestPredictions.Items, item => Assert.StartsWith("m-", item.Id));
        Assert.Equal(1, manifest.Poster.Data.Skipped); // the HTML file named .png
        Assert.True(manifest.Poster.TestMetrics.MicroF1 > 0.8, $"poster micro-F1 {manifest.Poster.TestMetrics.MicroF1}");

        var posterOnly = CliRunner.Run("evaluate", "--posters", posters, "--model", bundle, "--json");
        Assert.True(posterOnly.ExitCode == 0, posterOnly.Error);
        using (var report = JsonDocument.Parse(posterOnly.Output))
        {
            Assert.Equal("poster", report.RootElement.GetProperty("model").GetString());
            Assert.Equal(240, report.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("skipped").GetInt32());
            Assert.True(report.RootElement.GetProperty("microF1").GetDouble() > 0.8);
            Assert.Contains("broken.png", posterOnly.Error);
        }

        var fused = CliRunner.Run("evaluate", "--data", movies, "--posters", posters, "--model", bundle, "--json");
        Assert.True(fused.ExitCode == 0, fused.Error);
        using (var report = JsonDocument.Parse(fused.Output))
        {
            var root = report.RootElement;
            Assert.Equal("fused", root.GetProperty("model").GetString());
            Assert.Equal(240, root.GetProperty("count").GetInt32());
            foreach (var key in new[] { "text", "poster" })
            {
                var alone = root.GetProperty(key);
                Assert.Equal(240, alone.GetProperty("count").GetInt32());
                foreach (var field in new[] { "microF1", "macroF1", "samplesF1", "top3HitRate", "itemsPerSecond", "perGenre" })
                {
                    Assert.True(alone.TryGetProperty(field, out _), $"{key}.{field}");
                }
            }
            // vague plots: the text model alone must be clearly worse than the fusion
            Assert.True(root.GetProperty("microF1").GetDouble() > root.GetProperty("text").GetProperty("microF1").GetDouble() + 0.05,
                fused.Output);
        }

        var noPosters = CliRunner.Run("evaluate", "--posters", posters, "--model", Path.Combine(folder, "missing"));
        Assert.Equal(1, noPosters.ExitCode);

        // A backbone file other than the one the head was trained on is refused, naming the file.
        var manifestPath = Path.Combine(bundle, ModelBundle.ManifestFile);
        var original = File.ReadAllText(manifestPath);
        var changed = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        changed["poster"]!["backboneFiles"]!["ResNet18.onnx"] = "sha256:" + new string('0', 64);
        File.WriteAllText(manifestPath, changed.ToJsonString());
        var otherBackbone = CliRunner.Run("evaluate", "--posters", posters, "--model", bundle);
        Assert.Equal(1, otherBackbone.ExitCode);
        Assert.Contains("ResNet18.onnx", otherBackbone.Output + otherBackbone.Error);
        Assert.Contains("sha256:0000", otherBackbone.Output + otherBackbone.Error);
        File.WriteAllText(manifestPath, original);

        // A bundle written before the backbone moved into the build: it still loads, without poster or fused
        // predictions, and its poster model is refused with the command that fixes it.
        var old = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        old["poster"]!["backbone"] = "poster-backbone.onnx";
        foreach (var key in new[] { "backboneFiles", "testPredictions" })
        {
            old["poster"]!.AsObject().Remove(key);
        }
        old["fusion"]!.AsObject().Remove("testPredictions");
        old["files"]!.AsObject().Remove("poster-test-predictions.json");
        old["files"]!.AsObject().Remove("fused-test-predictions.json");
        File.WriteAllText(manifestPath, old.ToJsonString());
        var oldBundle = ModelBundle.Load(bundle);
        Assert.Null(oldBundle.PosterTestPredictions);
        Assert.Null(oldBundle.FusedTestPredictions);
        var refused = CliRunner.Run("evaluate", "--posters", posters, "--model", bundle);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("poster-backbone.onnx", refused.Output + refused.Error);
        Assert.Contains("--posters", refused.Output + refused.Error);
    }
}
