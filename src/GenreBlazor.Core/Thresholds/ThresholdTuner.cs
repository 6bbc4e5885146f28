using GenreBlazor.Core.Metrics;

namespace GenreBlazor.Core.Thresholds;

/// <summary>Picks per-label decision thresholds from scores on data the model did not train on.</summary>
public static class ThresholdTuner
{
    /// <summary>
    /// The threshold with the best F1 for one label. Candidates are midpoints between consecutive distinct scores;
    /// among near-ties (within <paramref name="tolerance"/> of the best F1) the middle of the flat region is taken,
    /// which moves less when the data changes than the edge of the region would.
    /// </summary>
    public static float BestF1(ReadOnlySpan<float> scores, ReadOnlySpan<bool> truth, double tolerance = 0.0)
    {
        var curve = PrecisionRecallCurve.Compute(scores, truth);
        if (curve.Count == 0)
        {
            return 0.5f;
        }
        var best = curve.Max(p => p.F1);
        if (best == 0)
        {
            return 0.5f;
        }
        var near = Enumerable.Range(0, curve.Count).Where(k => curve[k].F1 >= best - tolerance).ToList();
        var k = tolerance > 0 ? near[near.Count / 2] : near[0];
        // Predict every score ≥ the chosen point's score; put the cut halfway to the next lower score.
        var lower = k + 1 < curve.Count ? curve[k + 1].Threshold : curve[k].Threshold - 1e-6f;
        return (curve[k].Threshold + lower) / 2f;
    }

    /// <summary>Best-F1 thresholds for every label; <paramref name="scores"/>[i][l] is item i's score for label l.</summary>
    public static float[] BestF1(IReadOnlyList<float[]> scores, IReadOnlyList<bool[]> truth, int labels, double tolerance = 0.0)
    {
        var thresholds = new float[labels];
        var column = new float[scores.Count];
        var labelTruth = new bool[scores.Count];
        for (var l = 0; l < labels; l++)
        {
            for (var i = 0; i < scores.Count; i++)
            {
                column[i] = scores[i][l];
                labelTruth[i] = truth[i][l];
            }
            thresholds[l] = BestF1(column, labelTruth, tolerance);
        }
        return thresholds;
    }

    /// <summary>
    /// Thresholds that maximise <paramref name="microWeight"/> × micro-F1 + (1 − <paramref name="microWeight"/>) × macro-F1
    /// over all labels together. Per-label best-F1 thresholds maximise macro-F1 only; pooled counts reward a
    /// different balance (frequent genres weigh more), so this starts from the per-label optimum and moves one
    /// label's threshold at a time (coordinate ascent over each label's precision–recall curve) while the blend rises.
    /// </summary>
    public static float[] BestBlend(IReadOnlyList<float[]> scores, IReadOnlyList<bool[]> truth, int labels, double microWeight, int rounds = 4)
    {
        var curves = new IReadOnlyList<PrecisionRecallPoint>[labels];
        var positives = new int[labels];
        var column = new float[scores.Count];
        var labelTruth = new bool[scores.Count];
        for (var l = 0; l < labels; l++)
        {
            for (var i = 0; i < scores.Count; i++)
            {
                column[i] = scores[i][l];
                labelTruth[i] = truth[i][l];
                positives[l] += labelTruth[i] ? 1 : 0;
            }
            curves[l] = PrecisionRecallCurve.Compute(column, labelTruth);
        }
        // The chosen point on each label's curve; -1 means "predict nothing".
        var chosen = new int[labels];
        for (var l = 0; l < labels; l++)
        {
            chosen[l] = curves[l].Count == 0 ? -1 : Enumerable.Range(0, curves[l].Count).MaxBy(k => curves[l][k].F1);
        }
        (int Tp, int Fp, int Fn, double F1) Counts(int l, int k) => k < 0
            ? (0, 0, positives[l], 0)
            : (curves[l][k].TruePositives, curves[l][k].FalsePositives, positives[l] - curves[l][k].TruePositives, curves[l][k].F1);

        var present = positives.Count(p => p > 0);
        for (var round = 0; round < rounds; round++)
        {
            var changed = false;
            for (var l = 0; l < labels; l++)
            {
                int tp = 0, fp = 0, fn = 0;
                var f1Sum = 0.0;
                for (var k = 0; k < labels; k++)
                {
                    if (k == l)
                    {
                        continue;
                    }
                    var counts = Counts(k, chosen[k]);
                    tp += counts.Tp;
                    fp += counts.Fp;
                    fn += counts.Fn;
                    f1Sum += positives[k] > 0 ? counts.F1 : 0;
                }
                double Blend(int k)
                {
                    var own = Counts(l, k);
                    var micro = LabelConfusion.F1Of(tp + own.Tp, fp + own.Fp, fn + own.Fn);
                    var macro = (f1Sum + (positives[l] > 0 ? own.F1 : 0)) / Math.Max(present, 1);
                    return microWeight * micro + (1 - microWeight) * macro;
                }
                var best = chosen[l];
                var bestValue = Blend(best);
                for (var k = 0; k < curves[l].Count; k++)
                {
                    var value = Blend(k);
                    if (value > bestValue + 1e-12)
                    {
                        best = k;
                        bestValue = value;
                    }
                }
                changed |= best != chosen[l];
                chosen[l] = best;
            }
            if (!changed)
            {
                break;
            }
        }

        var thresholds = new float[labels];
        for (var l = 0; l < labels; l++)
        {
            var k = chosen[l];
            thresholds[l] = k < 0 ? 1.0001f
                : (curves[l][k].Threshold + (k + 1 < curves[l].Count ? curves[l][k + 1].Threshold : curves[l][k].Threshold - 1e-6f)) / 2f;
        }
        return thresholds;
    }

    /// <summary>
    /// The lowest threshold at which precision is at least <paramref name="target"/> — the most recall that precision
    /// allows — or null when no threshold reaches it.
    /// </summary>
    public static float? ForPrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> truth, double target)
    {
        var curve = PrecisionRecallCurve.Compute(scores, truth);
        for (var k = curve.Count - 1; k >= 0; k--)
        {
            if (curve[k].Precision >= target && curve[k].TruePositives > 0)
            {
                return curve[k].Threshold;
            }
        }
        return null;
    }

    /// <summary>The highest threshold at which recall is at least <paramref name="target"/> — the most precision at that recall.</summary>
    public static float ForRecall(ReadOnlySpan<float> scores, ReadOnlySpan<bool> truth, double target)
    {
        var curve = PrecisionRecallCurve.Compute(scores, truth);
        foreach (var point in curve)
        {
            if (point.Recall >= target)
            {
                return point.Threshold;
            }
        }
        return curve.Count > 0 ? curve[^1].Threshold : 0f;
    }
}
