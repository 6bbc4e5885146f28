namespace GenreBlazor.Core.Metrics;

/// <summary>One point of a precision–recall curve: the figures when predicting every score ≥ <see cref="Threshold"/>.</summary>
public readonly record struct PrecisionRecallPoint(float Threshold, double Precision, double Recall, double F1, int TruePositives, int FalsePositives);

/// <summary>Precision–recall curves of one label, from its scores and truths.</summary>
public static class PrecisionRecallCurve
{
    /// <summary>
    /// One point per distinct score, from the highest threshold (fewest predictions) to the lowest, as
    /// scikit-learn's precision_recall_curve computes them (without its final (recall 0, precision 1) point).
    /// </summary>
    public static IReadOnlyList<PrecisionRecallPoint> Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> truth)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        Array.Reverse(keys);
        Array.Reverse(order);
        var positives = 0;
        foreach (var t in truth)
        {
            positives += t ? 1 : 0;
        }
        var points = new List<PrecisionRecallPoint>();
        int tp = 0, fp = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            if (truth[order[k]]) tp++; else fp++;
            if (k + 1 < keys.Length && keys[k + 1] == keys[k])
            {
                continue; // all items sharing a score are predicted together
            }
            var confusion = new LabelConfusion(tp, fp, positives - tp, 0);
            points.Add(new PrecisionRecallPoint(keys[k], confusion.Precision, confusion.Recall, confusion.F1, tp, fp));
        }
        return points;
    }

    /// <summary>Thins a curve to at most <paramref name="maxPoints"/> points, keeping the first and last.</summary>
    public static IReadOnlyList<PrecisionRecallPoint> Thin(IReadOnlyList<PrecisionRecallPoint> curve, int maxPoints)
    {
        if (curve.Count <= maxPoints || maxPoints < 2)
        {
            return curve;
        }
        var thinned = new List<PrecisionRecallPoint>(maxPoints);
        for (var k = 0; k < maxPoints; k++)
        {
            thinned.Add(curve[(int)Math.Round(k * (curve.Count - 1.0) / (maxPoints - 1))]);
        }
        return thinned;
    }
}
