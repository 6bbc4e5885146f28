using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Fusion;

/// <summary>The fusion model, its thresholds and its own out-of-fold figures.</summary>
/// <param name="Model">Fitted on every joint training movie.</param>
/// <param name="Thresholds">Per-genre thresholds tuned on its out-of-fold probabilities.</param>
/// <param name="OutOfFoldMetrics">Figures of those probabilities.</param>
public sealed record FusionTraining(FusionModel Model, float[] Thresholds, MultiLabelMetrics OutOfFoldMetrics);

/// <summary>Learns the per-genre fusion weights from out-of-fold text and poster probabilities of movies that have both.</summary>
public static class FusionTrainer
{
    /// <summary>
    /// Fits one logistic regression per genre on (text logit, poster logit), cross-fitted over <paramref name="folds"/>
    /// to tune thresholds (blend of micro- and macro-F1 with <paramref name="microWeight"/>).
    /// </summary>
    public static FusionTraining Train(IReadOnlyList<float[]> textProbabilities, IReadOnlyList<float[]> posterProbabilities,
        IReadOnlyList<GenreSet> truth, int[] folds, double c = 1.0, double microWeight = 0.5)
    {
        var labels = GenreCatalog.Count;
        var n = truth.Count;
        if (textProbabilities.Count != n || posterProbabilities.Count != n || folds.Length != n)
        {
            throw new ArgumentException("Text scores, poster scores, truths and folds must describe the same movies.");
        }
        var options = new LogisticRegressionOptions(C: c, Tolerance: 0.001, MaxEpochs: 2000);
        var genres = new GenreFusion[labels];
        var outOfFold = new float[n][];
        for (var i = 0; i < n; i++)
        {
            outOfFold[i] = new float[labels];
        }
        for (var g = 0; g < labels; g++)
        {
            var rows = new List<(int[], float[])>(n);
            var targets = new List<bool[]>(n);
            for (var i = 0; i < n; i++)
            {
                rows.Add(([0, 1], [FusionModel.Logit(textProbabilities[i][g]), FusionModel.Logit(posterProbabilities[i][g])]));
                targets.Add([truth[i].Contains(g)]);
            }
            var x = SparseMatrix.FromRows(2, rows);
            var fitted = LogisticRegressionTrainer.CrossFit(x, targets, 1, options with { Seed = options.Seed + g }, folds);
            genres[g] = new GenreFusion(fitted.Model.Weight(0, 0), fitted.Model.Weight(1, 0), fitted.Model.Biases[0]);
            for (var i = 0; i < n; i++)
            {
                outOfFold[i][g] = 1f / (1f + MathF.Exp(-fitted.OutOfFoldLogits[i]));
            }
        }
        var targetsAll = truth.Select(t => Enumerable.Range(0, labels).Select(t.Contains).ToArray()).ToList();
        var thresholds = ThresholdTuner.BestBlend(outOfFold, targetsAll, labels, microWeight);
        return new FusionTraining(new FusionModel(genres), thresholds, MultiLabelMetrics.Compute(truth, outOfFold, thresholds));
    }
}
