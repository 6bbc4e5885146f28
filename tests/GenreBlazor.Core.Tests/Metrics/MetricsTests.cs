using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Tests.Metrics;

public class LabelConfusionTests
{
    [Fact]
    public void Derives_precision_recall_and_f1()
    {
        var confusion = new LabelConfusion(TruePositives: 6, FalsePositives: 2, FalseNegatives: 4, TrueNegatives: 88);
        Assert.Equal(0.75, confusion.Precision, 9);
        Assert.Equal(0.6, confusion.Recall, 9);
        Assert.Equal(12.0 / 18.0, confusion.F1, 9);
        Assert.Equal(10, confusion.Support);
        Assert.Equal(100, confusion.Total);
    }

    [Fact]
    public void Empty_cases_are_zero_not_nan()
    {
        var nothing = new LabelConfusion(0, 0, 0, 10);
        Assert.Equal(0, nothing.Precision);
        Assert.Equal(0, nothing.Recall);
        Assert.Equal(0, nothing.F1);
    }
}

public class MultiLabelMetricsTests
{
    // Three genres (labels 0, 1, 2 = Action, Adventure, Animation), four items, threshold 0.5 everywhere.
    //            truth        scores (0, 1, 2)     predicted
    // item 0:   {0, 1}        0.9 0.6 0.1          {0, 1}      TP 2
    // item 1:   {0}           0.7 0.8 0.2          {0, 1}      TP 1, FP 1
    // item 2:   {2}           0.4 0.3 0.45         {}          FN 1
    // item 3:   {1, 2}        0.2 0.9 0.7          {1, 2}      TP 2
    private static readonly GenreSet[] Truth =
    [
        GenreSet.FromNames(["Action", "Adventure"]),
        GenreSet.FromNames(["Action"]),
        GenreSet.FromNames(["Animation"]),
        GenreSet.FromNames(["Adventure", "Animation"]),
    ];

    private static readonly float[][] Scores =
    [
        [0.9f, 0.6f, 0.1f],
        [0.7f, 0.8f, 0.2f],
        [0.4f, 0.3f, 0.45f],
        [0.2f, 0.9f, 0.7f],
    ];

    [Fact]
    public void Per_genre_micro_macro_samples_and_top3_match_a_hand_made_table()
    {
        var metrics = MultiLabelMetrics.Compute(Truth, Scores, [0.5f, 0.5f, 0.5f]);
        // Action: TP 2 FP 0 FN 0; Adventure: TP 2 FP 1 FN 0; Animation: TP 1 FP 0 FN 1
        Assert.Equal(new LabelConfusion(2, 0, 0, 2), metrics.PerGenre[0].Confusion);
        Assert.Equal(new LabelConfusion(2, 1, 0, 1), metrics.PerGenre[1].Confusion);
        Assert.Equal(new LabelConfusion(1, 0, 1, 2), metrics.PerGenre[2].Confusion);
        // micro: TP 5, FP 1, FN 1 → 10 / 12
        Assert.Equal(10.0 / 12.0, metrics.MicroF1, 9);
        Assert.Equal(5.0 / 6.0, metrics.MicroPrecision, 9);
        // macro over the three genres with support: (1 + 0.8 + 2/3) / 3
        Assert.Equal((1 + 0.8 + 2.0 / 3.0) / 3, metrics.MacroF1, 9);
        // samples: item F1s 1, 2/3, 0, 1
        Assert.Equal((1 + 2.0 / 3.0 + 0 + 1) / 4, metrics.SamplesF1, 9);
        // top 3 of 3 genres always holds a true genre
        Assert.Equal(1.0, metrics.Top3HitRate);
        Assert.Equal(6.0 / 4.0, metrics.AveragePredictedGenres, 9);
        Assert.Equal(6.0 / 4.0, metrics.AverageTrueGenres, 9);
    }

    [Fact]
    public void Genres_without_support_are_left_out_of_the_macro_average()
    {
        var truth = new[] { GenreSet.FromNames(["Action"]), GenreSet.FromNames(["Action"]) };
        var scores = new[] { new[] { 0.9f, 0.9f }, new[] { 0.9f, 0.1f } };
        var metrics = MultiLabelMetrics.Compute(truth, scores, [0.5f, 0.5f]);
        Assert.Equal(1.0, metrics.MacroF1); // Adventure (support 0, one false positive) does not count
        Assert.Equal(0, metrics.PerGenre[1].Support);
        Assert.Equal(4.0 / 5.0, metrics.MicroF1, 9);
    }

    [Fact]
    public void Top3_hit_rate_counts_items_whose_three_best_contain_a_true_genre()
    {
        var truth = new[] { GenreSet.FromNames(["Comedy"]), GenreSet.FromNames(["Action"]) };
        // item 0: best three are 0, 1, 2; Comedy (3) is fourth → miss. item 1: Action is best → hit.
        var scores = new[] { new[] { 0.9f, 0.8f, 0.7f, 0.6f }, new[] { 0.9f, 0.1f, 0.1f, 0.1f } };
        Assert.Equal(0.5, MultiLabelMetrics.Compute(truth, scores, [1f, 1f, 1f, 1f]).Top3HitRate);
    }

    [Fact]
    public void Top_labels_are_ordered_best_first_and_ties_go_to_the_lower_index()
    {
        Span<int> top = stackalloc int[3];
        Assert.Equal(3, MultiLabelMetrics.TopLabels([0.1f, 0.5f, 0.5f, 0.9f, 0.2f], top));
        Assert.Equal([3, 1, 2], top.ToArray());
        Assert.Equal(2, MultiLabelMetrics.TopLabels([0.3f, 0.7f], top));
        Assert.Equal([1, 0], top[..2].ToArray());
    }
}

public class PrecisionRecallCurveTests
{
    [Fact]
    public void One_point_per_distinct_score_from_the_top()
    {
        var curve = PrecisionRecallCurve.Compute([0.9f, 0.8f, 0.8f, 0.3f], [true, false, true, false]);
        Assert.Equal(3, curve.Count);
        Assert.Equal((0.9f, 1.0, 0.5), (curve[0].Threshold, curve[0].Precision, curve[0].Recall));
        Assert.Equal((0.8f, 2.0 / 3.0, 1.0), (curve[1].Threshold, curve[1].Precision, curve[1].Recall));
        Assert.Equal((0.3f, 0.5, 1.0), (curve[2].Threshold, curve[2].Precision, curve[2].Recall));
    }

    [Fact]
    public void Thinning_keeps_first_and_last()
    {
        var curve = PrecisionRecallCurve.Compute(Enumerable.Range(0, 100).Select(i => i / 100f).ToArray(), Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToArray());
        var thin = PrecisionRecallCurve.Thin(curve, 5);
        Assert.Equal(5, thin.Count);
        Assert.Equal(curve[0], thin[0]);
        Assert.Equal(curve[^1], thin[^1]);
    }
}

public class ThresholdTunerTests
{
    [Fact]
    public void Best_f1_threshold_on_a_toy_set()
    {
        // Scores with truth: 0.9 T, 0.8 T, 0.7 F, 0.6 T, 0.2 F.
        // Cut below 0.6: TP 3 FP 1 FN 0 → F1 6/7 (best); below 0.8: TP 2 FN 1 → 0.8; below 0.9: 2/3.
        var threshold = ThresholdTuner.BestF1([0.9f, 0.8f, 0.7f, 0.6f, 0.2f], [true, true, false, true, false]);
        Assert.Equal(0.4f, threshold, 5); // halfway between 0.6 and the next lower score, 0.2
    }

    [Fact]
    public void A_label_with_no_positive_gets_the_neutral_threshold() =>
        Assert.Equal(0.5f, ThresholdTuner.BestF1([0.1f, 0.2f], [false, false]));

    [Fact]
    public void Blend_weighted_to_micro_lowers_the_threshold_of_a_frequent_label()
    {
        // Label 0 is frequent and cheap to recall; label 1 is rare. With micro weight 1 the pooled counts decide.
        var random = new Random(7);
        var scores = new List<float[]>();
        var truth = new List<bool[]>();
        for (var i = 0; i < 400; i++)
        {
            var a = random.NextDouble() < 0.5;
            var b = random.NextDouble() < 0.05;
            scores.Add([(float)Math.Clamp((a ? 0.6 : 0.4) + random.NextDouble() * 0.3 - 0.15, 0, 1), (float)Math.Clamp((b ? 0.7 : 0.3) + random.NextDouble() * 0.5 - 0.25, 0, 1)]);
            truth.Add([a, b]);
        }
        var perLabel = ThresholdTuner.BestF1(scores, truth, 2);
        var macroOnly = ThresholdTuner.BestBlend(scores, truth, 2, microWeight: 0);
        Assert.Equal(perLabel, macroOnly);
        var microOnly = ThresholdTuner.BestBlend(scores, truth, 2, microWeight: 1);
        var genres = truth.Select(t => new GenreSet((t[0] ? 1u : 0) | (t[1] ? 2u : 0))).ToList();
        var microAtPerLabel = MultiLabelMetrics.Compute(genres, scores, perLabel).MicroF1;
        var microAtBlend = MultiLabelMetrics.Compute(genres, scores, microOnly).MicroF1;
        Assert.True(microAtBlend >= microAtPerLabel, $"{microAtBlend} < {microAtPerLabel}");
    }
}
