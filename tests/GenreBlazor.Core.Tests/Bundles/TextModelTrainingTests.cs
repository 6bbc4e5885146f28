using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Tests.Bundles;

/// <summary>Trains on a small fixture the test builds itself: each genre has its own vocabulary plus shared filler.</summary>
public class TextModelTrainingTests
{
    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["Horror"] = ["ghost", "haunted", "demon", "blood", "scream", "curse"],
        ["Romance"] = ["love", "wedding", "kiss", "heart", "romance", "bride"],
        ["Science Fiction"] = ["spaceship", "alien", "planet", "robot", "galaxy", "laser"],
        ["Western"] = ["sheriff", "outlaw", "saloon", "ranch", "cowboy", "frontier"],
    };

    private static readonly string[] Filler = ["story", "town", "family", "journey", "secret", "night", "friend", "life"];

    internal static List<Movie> Fixture(int count, int seed)
    {
        var random = new Random(seed);
        var genres = Cues.Keys.ToArray();
        var movies = new List<Movie>();
        for (var i = 0; i < count; i++)
        {
            var first = genres[random.Next(genres.Length)];
            var chosen = random.NextDouble() < 0.3 ? new[] { first, genres[random.Next(genres.Length)] }.Distinct().ToArray() : [first];
            var words = chosen.SelectMany(g => Enumerable.Range(0, 3).Select(_ => Cues[g][random.Next(6)]))
                .Concat(Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)]))
                .OrderBy(_ => random.Next());
            movies.Add(new Movie($"fx-{seed}-{i}", $"Film {i}", 2000, GenreSet.FromNames(chosen), "A " + string.Join(" ", words) + ".", "en", ""));
        }
        return movies;
    }

    internal static TextModelOptions SmallOptions { get; } = TextModelOptions.Default.WithoutEmbeddings() with { Folds = 3 };

    [Fact]
    public void Learns_the_fixture_and_generalises_to_new_plots()
    {
        var result = TextModelTrainer.Train(Fixture(300, seed: 1), SmallOptions, embeddings: null);
        var test = Fixture(100, seed: 2);
        var scores = result.Model.ScoreMany(test.Select(m => m.Overview).ToList());
        var metrics = MultiLabelMetrics.Compute(test.Select(m => m.Genres).ToList(), scores, result.Thresholds);
        Assert.True(metrics.MicroF1 > 0.9, $"micro-F1 {metrics.MicroF1}");
        Assert.Equal(1.0, metrics.Top3HitRate);
        Assert.True(result.OutOfFoldMetrics.MicroF1 > 0.85, $"out-of-fold micro-F1 {result.OutOfFoldMetrics.MicroF1}");
        Assert.Equal(GenreCatalog.Count, result.Thresholds.Length);

        var haunted = result.Model.Score("A haunted house with a demon and a curse.");
        Assert.Equal(GenreCatalog.IndexOf("Horror"), haunted.Top(1)[0]);
    }

    [Fact]
    public void Same_data_and_seed_give_the_same_model()
    {
        var movies = Fixture(200, seed: 3);
        var first = TextModelTrainer.Train(movies, SmallOptions, null);
        var second = TextModelTrainer.Train(movies, SmallOptions, null);
        Assert.Equal(first.Model.Scorer.Weights, second.Model.Scorer.Weights);
        Assert.Equal(first.Thresholds, second.Thresholds);
    }
}
