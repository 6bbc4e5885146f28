using GenreBlazor.Benchmarks.MlNet;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Benchmarks.Tests.MlNet;

// The peer's figures are only as good as its plumbing: each genre's model must learn that genre's labels, each
// out-of-fold probability must land on the movie it belongs to, and the scorer must put genre l in slot l. A mix-up
// in any of them would not crash, it would quietly lower the peer's figures; these tests make it fail instead.
public class MlNetTextPeerTests
{
    // One made-up word per genre, so that a plot's genres are exactly the genres whose words it holds.
    private static readonly string[] Cues = [.. Enumerable.Range(0, GenreCatalog.Count).Select(label => "zq" + (char)('a' + label) + "vorn")];

    private static readonly string[] Filler =
        ["the", "city", "night", "family", "secret", "journey", "friend", "house", "past", "war", "love", "town", "years", "life", "finds", "young"];

    // 12 movies per genre; every third one has a second genre, so the label vectors are not one-hot.
    private static List<Movie> Movies()
    {
        var random = new Random(7);
        var movies = new List<Movie>();
        for (var label = 0; label < GenreCatalog.Count; label++)
        {
            for (var k = 0; k < 12; k++)
            {
                var genres = GenreSet.Empty.With(label);
                if (k % 3 == 0)
                {
                    genres = genres.With((label + 5) % GenreCatalog.Count);
                }
                movies.Add(new Movie($"m-{label}-{k}", $"Movie {label}-{k}", 2000, genres, Plot(genres, random), "en", ""));
            }
        }
        // Shuffled, so that rows of one genre are not contiguous and a shifted row index cannot pass by luck.
        return [.. movies.OrderBy(_ => random.Next())];
    }

    private static string Plot(GenreSet genres, Random random)
    {
        var words = Enumerable.Range(0, 8).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
        foreach (var label in genres.Labels())
        {
            words.Insert(random.Next(words.Count), Cues[label]);
        }
        return string.Join(' ', words);
    }

    private static int Best(IReadOnlyList<float> probabilities) =>
        Enumerable.Range(0, probabilities.Count).MaxBy(label => probabilities[label]);

    [Theory]
    [InlineData(MlNetTrainer.Sdca)]
    [InlineData(MlNetTrainer.Lbfgs)]
    public void Out_of_fold_probabilities_rank_each_movies_own_genres_first(MlNetTrainer trainer)
    {
        var movies = Movies();
        var trained = MlNetTextPeer.Train(movies, MlNetPeerOptions.For(trainer));
        using var model = trained.Model;

        Assert.Equal(movies.Count, trained.OutOfFoldProbabilities.Count);
        for (var i = 0; i < movies.Count; i++)
        {
            var probabilities = trained.OutOfFoldProbabilities[i];
            var best = Best(probabilities);
            Assert.True(movies[i].Genres.Contains(best),
                $"{movies[i].Id} ({movies[i].Genres}): out-of-fold best is {GenreCatalog.All[best]} at {probabilities[best]:F3}");
        }
        Assert.Equal(GenreCatalog.Count, trained.Thresholds.Length);
        Assert.True(trained.OutOfFoldMetrics.MicroF1 > 0.9, $"out-of-fold micro-F1 {trained.OutOfFoldMetrics.MicroF1:F3}");
    }

    [Fact]
    public void Every_scoring_path_puts_each_genre_in_its_own_slot()
    {
        var trained = MlNetTextPeer.Train(Movies(), MlNetPeerOptions.For(MlNetTrainer.Sdca));
        using var model = trained.Model;
        var plots = Enumerable.Range(0, GenreCatalog.Count).Select(label => $"a young friend finds the {Cues[label]} house").ToList();

        var batch = model.ScoreBatch(plots);
        var parallel = model.ScoreMany(plots);
        var single = new float[GenreCatalog.Count];
        for (var label = 0; label < plots.Count; label++)
        {
            model.Probabilities(plots[label], single);
            Assert.Equal(label, Best(single));
            Assert.Equal(single, batch[label]);
            Assert.Equal(single, parallel[label]);
            // Decided at the tuned thresholds, the plot's genre is in the set.
            Assert.True(single[label] >= trained.Thresholds[label],
                $"{GenreCatalog.All[label]}: {single[label]:F3} below its threshold {trained.Thresholds[label]:F3}");
        }
    }
}
