namespace GenreBlazor.Vision.Posters.Head;

/// <summary>
/// Chooses one decision threshold per label to maximise a blend of micro-F1 and macro-F1 over held-out scores
/// (preferably out-of-fold scores of the whole training set, not a small validation part). Thresholds that each
/// maximise their own label's F1 drift low for weak, rare labels and flood the predictions; a single shared threshold
/// serves micro-F1 but gives up the rare labels. Coordinate ascent on the blend, over a 0.01 grid, starting from the
/// best shared threshold, sits between the two and moves little when a few examples change.
/// </summary>
public static class BalancedThresholdTuner
{
    public const float Lowest = 0.02f;

    public const float Step = 0.01f;

    /// <summary>Grid points (0.02 … 0.97).</summary>
    public const int GridPoints = 96;

    /// <summary>The threshold given to a label with no positive example: it is never predicted.</summary>
    public const float Never = 1f;

    /// <summary>
    /// Thresholds for <paramref name="labels"/> labels. <paramref name="scores"/>[i][l] is item i's probability of label
    /// l; predictions are score ≥ threshold. <paramref name="macroWeight"/> is the weight of macro-F1 in the objective
    /// (0 = micro-F1 alone, 1 = macro-F1 alone).
    /// </summary>
    public static float[] Tune(IReadOnlyList<float[]> scores, IReadOnlyList<bool[]> truth, int labels, double macroWeight = 0.5, int sweeps = 3)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(truth);
        if (scores.Count != truth.Count)
        {
            throw new ArgumentException("One truth vector per score vector is needed.", nameof(truth));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(macroWeight, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(macroWeight, 1.0);
        var table = CountTable(scores, truth, labels);
        var support = new int[labels];
        for (var l = 0; l < labels; l++)
        {
            support[l] = table[l][0].TruePositives + table[l][0].FalseNegatives;
        }

        var chosen = new int[labels];
        Array.Fill(chosen, BestShared(table, support, labels));
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var changed = false;
            for (var l = 0; l < labels; l++)
            {
                if (support[l] == 0)
                {
                    continue;
                }

                var bestPoint = chosen[l];
                var best = Objective(table, chosen, support, macroWeight);
                var original = chosen[l];
                for (var g = 0; g < GridPoints; g++)
                {
                    chosen[l] = g;
                    var value = Objective(table, chosen, support, macroWeight);
                    if (value > best + 1e-12)
                    {
                        best = value;
                        bestPoint = g;
                    }
                }

                chosen[l] = bestPoint;
                changed |= bestPoint != original;
            }

            if (!changed)
            {
                break;
            }
        }

        return Enumerable.Range(0, labels).Select(l => support[l] == 0 ? Never : ThresholdAt(chosen[l])).ToArray();
    }

    public static float ThresholdAt(int point) => MathF.Round(Lowest + (point * Step), 2);

    private readonly record struct Counts(int TruePositives, int FalsePositives, int FalseNegatives);

    // counts[l][g]: the label's confusion when its threshold is grid point g.
    private static Counts[][] CountTable(IReadOnlyList<float[]> scores, IReadOnlyList<bool[]> truth, int labels)
    {
        var table = new Counts[labels][];
        for (var l = 0; l < labels; l++)
        {
            var positivesAbove = new int[GridPoints + 1];
            var negativesAbove = new int[GridPoints + 1];
            var positives = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                // Number of grid thresholds at or below the score: the item is predicted for those points.
                var reach = Math.Clamp((int)MathF.Floor(((scores[i][l] - Lowest) / Step) + 1e-4f) + 1, 0, GridPoints);
                if (truth[i][l])
                {
                    positives++;
                    positivesAbove[reach]++;
                }
                else
                {
                    negativesAbove[reach]++;
                }
            }

            // Items with reach r are predicted at points g < r; accumulate from the top.
            table[l] = new Counts[GridPoints];
            int tp = 0, fp = 0;
            for (var g = GridPoints - 1; g >= 0; g--)
            {
                tp += positivesAbove[g + 1];
                fp += negativesAbove[g + 1];
                table[l][g] = new Counts(tp, fp, positives - tp);
            }
        }

        return table;
    }

    private static int BestShared(Counts[][] table, int[] support, int labels)
    {
        var best = 0;
        var bestValue = -1.0;
        var chosen = new int[labels];
        for (var g = 0; g < GridPoints; g++)
        {
            Array.Fill(chosen, g);
            var value = Objective(table, chosen, support, macroWeight: 0);
            if (value > bestValue)
            {
                bestValue = value;
                best = g;
            }
        }

        return best;
    }

    private static double Objective(Counts[][] table, int[] chosen, int[] support, double macroWeight)
    {
        long tp = 0, fp = 0, fn = 0;
        double macro = 0;
        var present = 0;
        for (var l = 0; l < chosen.Length; l++)
        {
            if (support[l] == 0)
            {
                continue;
            }

            var counts = table[l][chosen[l]];
            tp += counts.TruePositives;
            fp += counts.FalsePositives;
            fn += counts.FalseNegatives;
            macro += F1(counts.TruePositives, counts.FalsePositives, counts.FalseNegatives);
            present++;
        }

        var micro = F1(tp, fp, fn);
        return ((1 - macroWeight) * micro) + (macroWeight * (present == 0 ? 0 : macro / present));
    }

    private static double F1(long tp, long fp, long fn) => tp == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn);
}
