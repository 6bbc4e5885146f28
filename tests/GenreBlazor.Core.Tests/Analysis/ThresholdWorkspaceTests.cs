using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Tests.Analysis;

public class ThresholdWorkspaceTests
{
    /// <summary>Random movies whose scores are only loosely tied to their genres, with many tied scores.</summary>
    private static TestPredictions RandomPredictions(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<ScoredMovie>();
        for (var i = 0; i < count; i++)
        {
            var genres = GenreCatalog.All.Where(_ => random.NextDouble() < 0.12).ToList();
            var scores = GenreCatalog.All.Select(g => (float)Math.Round(Math.Clamp((genres.Contains(g) ? 0.3 : 0) + random.NextDouble() * 0.7, 0, 1), 2)).ToArray();
            items.Add(new ScoredMovie($"m-{i}", "", $"Movie {i}", 2000, genres, $"Plot {i}", scores));
        }
        return new TestPredictions(GenreCatalog.All, items);
    }

    [Fact]
    public void Every_figure_agrees_exactly_with_the_metrics_evaluate_reports()
    {
        var predictions = RandomPredictions(700, seed: 5);
        var workspace = new ThresholdWorkspace(predictions);
        var truth = predictions.Items.Select(m => GenreSet.FromNames(m.Genres)).ToList();
        var scores = predictions.Items.Select(m => m.Scores.ToArray()).ToList();
        var random = new Random(9);
        for (var trial = 0; trial < 20; trial++)
        {
            // thresholds on score values (ties!) and between them
            var thresholds = GenreCatalog.All.Select(_ => trial % 2 == 0 ? (float)Math.Round(random.NextDouble(), 2) : (float)random.NextDouble()).ToArray();
            var expected = MultiLabelMetrics.Compute(truth, scores, thresholds);
            var actual = workspace.Figures(thresholds);
            Assert.Equal(expected.PerGenre.Select(g => g.Confusion), actual.PerGenre);
            Assert.Equal(expected.MicroF1, actual.MicroF1, 12);
            Assert.Equal(expected.MacroF1, actual.MacroF1, 12);
            Assert.Equal(expected.SamplesF1, actual.SamplesF1, 12);
            Assert.Equal(expected.AveragePredictedGenres, actual.AveragePredictedGenres, 12);
            Assert.Equal(expected.AverageTrueGenres, actual.AverageTrueGenres, 12);
        }
    }

    [Fact]
    public void Score_index_counts_at_the_extremes()
    {
        var index = new LabelScoreIndex([0.2f, 0.5f, 0.5f, 0.9f], [false, true, false, true]);
        Assert.Equal(new LabelConfusion(2, 2, 0, 0), index.At(0f));
        Assert.Equal(new LabelConfusion(2, 1, 0, 1), index.At(0.5f));   // ≥ 0.5 takes both tied scores
        Assert.Equal(new LabelConfusion(1, 0, 1, 2), index.At(0.51f));
        Assert.Equal(new LabelConfusion(0, 0, 2, 2), index.At(1.01f));
    }

    [Fact]
    public void Errors_are_the_false_positives_and_false_negatives_most_confident_first()
    {
        var predictions = new TestPredictions(GenreCatalog.All,
        [
            Movie("a", ["Horror"], horror: 0.9f),
            Movie("b", [], horror: 0.8f),
            Movie("c", [], horror: 0.6f),
            Movie("d", ["Horror"], horror: 0.3f),
            Movie("e", ["Horror"], horror: 0.1f),
        ]);
        var workspace = new ThresholdWorkspace(predictions);
        var (falsePositives, falseNegatives) = workspace.Errors(GenreCatalog.IndexOf("Horror"), 0.5f);
        Assert.Equal(["b", "c"], falsePositives.Select(m => m.Id));
        Assert.Equal(["e", "d"], falseNegatives.Select(m => m.Id));

        // A score equal to the threshold is predicted; below every score nothing is missed, above every score nothing is predicted.
        var horror = GenreCatalog.IndexOf("Horror");
        Assert.Equal(["b", "c"], workspace.Errors(horror, 0.6f).FalsePositives.Select(m => m.Id));
        Assert.Equal(["b"], workspace.Errors(horror, 0.61f).FalsePositives.Select(m => m.Id));
        Assert.Equal(["e"], workspace.Errors(horror, 0.3f).FalseNegatives.Select(m => m.Id));
        Assert.Empty(workspace.Errors(horror, 0f).FalseNegatives);
        Assert.Equal(["b", "c"], workspace.Errors(horror, 0f).FalsePositives.Select(m => m.Id));
        Assert.Empty(workspace.Errors(horror, 1f).FalsePositives);
        Assert.Equal(["e", "d", "a"], workspace.Errors(horror, 1f).FalseNegatives.Select(m => m.Id));

        static ScoredMovie Movie(string id, string[] genres, float horror)
        {
            var scores = new float[GenreCatalog.Count];
            scores[GenreCatalog.IndexOf("Horror")] = horror;
            return new ScoredMovie(id, "", id, null, genres, "", scores);
        }
    }

    [Fact]
    public void Auto_tuning_to_a_precision_or_recall_target()
    {
        // scores ↓: 0.9 T, 0.8 T, 0.7 F, 0.6 T, 0.5 F, 0.4 T
        float[] scores = [0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f];
        bool[] truth = [true, true, false, true, false, true];
        // precision ≥ 0.75: at 0.6 it is 3/4 (recall 3/4); at 0.4 it is 4/6 → the lowest threshold meeting it is 0.6
        Assert.Equal(0.6f, ThresholdTuner.ForPrecision(scores, truth, 0.75));
        Assert.Null(ThresholdTuner.ForPrecision(scores, truth, 1.01));
        // recall ≥ 0.5 first reached at 0.8 (2 of 4)
        Assert.Equal(0.8f, ThresholdTuner.ForRecall(scores, truth, 0.5));
        Assert.Equal(0.4f, ThresholdTuner.ForRecall(scores, truth, 1.0));
    }

    [Fact]
    public void Curves_start_at_the_top_score()
    {
        var workspace = new ThresholdWorkspace(RandomPredictions(300, seed: 2));
        var curve = workspace.Curve(0, maxPoints: 50);
        Assert.InRange(curve.Count, 2, 50);
        Assert.True(curve[0].Threshold >= curve[^1].Threshold);
        Assert.Equal(1.0, curve[^1].Recall);
    }
}
