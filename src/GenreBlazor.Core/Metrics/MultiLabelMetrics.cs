using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Metrics;

public sealed record GenreMetrics(string Genre, LabelConfusion Confusion)
{
    public double Precision => Confusion.Precision;

    public double Recall => Confusion.Recall;

    public double F1 => Confusion.F1;

    public int Support => Confusion.Support;
}

/// <summary>
/// Multi-label figures over a set of items: per-genre confusion, micro F1 (pooled counts), macro F1 (mean over the
/// genres present in the data), samples F1 (mean per-item F1), and top-3 hit rate (share of items whose three
/// highest-scored genres contain at least one true genre).
/// </summary>
public sealed record MultiLabelMetrics(
    int Count,
    IReadOnlyList<GenreMetrics> PerGenre,
    double MicroPrecision,
    double MicroRecall,
    double MicroF1,
    double MacroF1,
    double SamplesF1,
    double Top3HitRate,
    double AveragePredictedGenres,
    double AverageTrueGenres)
{
    /// <summary>
    /// Computes the figures. <paramref name="scores"/>[i] holds item i's score per genre (any monotone score),
    /// decisions are <c>score ≥ threshold</c>. Genres with no true item in the data are left out of the macro average
    /// (and reported with support 0).
    /// </summary>
    public static MultiLabelMetrics Compute(IReadOnlyList<GenreSet> truth, IReadOnlyList<float[]> scores, IReadOnlyList<float> thresholds)
    {
        if (truth.Count != scores.Count)
        {
            throw new ArgumentException("One score vector per item is needed.", nameof(scores));
        }
        var labels = thresholds.Count;
        var tp = new int[labels];
        var fp = new int[labels];
        var fn = new int[labels];
        var samplesF1 = 0.0;
        var top3Hits = 0;
        long predictedTotal = 0, trueTotal = 0;
        Span<int> top = stackalloc int[3];
        for (var i = 0; i < truth.Count; i++)
        {
            int itemTp = 0, itemFp = 0, itemFn = 0;
            for (var l = 0; l < labels; l++)
            {
                var predicted = scores[i][l] >= thresholds[l];
                var actual = truth[i].Contains(l);
                if (predicted && actual) { tp[l]++; itemTp++; }
                else if (predicted) { fp[l]++; itemFp++; }
                else if (actual) { fn[l]++; itemFn++; }
            }
            predictedTotal += itemTp + itemFp;
            trueTotal += itemTp + itemFn;
            samplesF1 += LabelConfusion.F1Of(itemTp, itemFp, itemFn);
            var topCount = TopLabels(scores[i].AsSpan(0, labels), top);
            for (var k = 0; k < topCount; k++)
            {
                if (truth[i].Contains(top[k]))
                {
                    top3Hits++;
                    break;
                }
            }
        }

        var perGenre = new List<GenreMetrics>(labels);
        var pooled = default(LabelConfusion);
        var macroSum = 0.0;
        var present = 0;
        for (var l = 0; l < labels; l++)
        {
            var confusion = new LabelConfusion(tp[l], fp[l], fn[l], truth.Count - tp[l] - fp[l] - fn[l]);
            perGenre.Add(new GenreMetrics(GenreCatalog.All[l], confusion));
            pooled += confusion;
            if (confusion.Support > 0)
            {
                macroSum += confusion.F1;
                present++;
            }
        }
        var n = Math.Max(truth.Count, 1);
        return new MultiLabelMetrics(truth.Count, perGenre, pooled.Precision, pooled.Recall, pooled.F1,
            present == 0 ? 0 : macroSum / present, samplesF1 / n, (double)top3Hits / n,
            (double)predictedTotal / n, (double)trueTotal / n);
    }

    /// <summary>Writes the indices of the (up to) three highest scores, best first; ties go to the lower index.</summary>
    public static int TopLabels(ReadOnlySpan<float> scores, Span<int> top)
    {
        var count = 0;
        for (var l = 0; l < scores.Length; l++)
        {
            var position = count;
            while (position > 0 && scores[l] > scores[top[position - 1]])
            {
                position--;
            }
            if (position >= top.Length)
            {
                continue;
            }
            var last = Math.Min(count, top.Length - 1);
            for (var k = last; k > position; k--)
            {
                top[k] = top[k - 1];
            }
            top[position] = l;
            count = Math.Min(count + 1, top.Length);
        }
        return count;
    }
}
