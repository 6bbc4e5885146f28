using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;

namespace GenreBlazor.Lifecycle.Registry;

/// <summary>One genre's F1 under each model, on the same rows.</summary>
public sealed record GenreDelta(string Genre, int Support, double BaselineF1, double CandidateF1)
{
    /// <summary>Candidate minus baseline.</summary>
    public double Delta => CandidateF1 - BaselineF1;
}

/// <summary>Two bundles' text models on the same held-out rows.</summary>
/// <param name="Baseline">The version compared against (usually the champion).</param>
/// <param name="Candidate">The version compared.</param>
/// <param name="Rows">Held-out movies both bundles scored (in both test parts, so neither trained on them).</param>
/// <param name="BaselineMicroF1">Baseline's micro-F1 on those rows at its thresholds.</param>
/// <param name="CandidateMicroF1">Candidate's micro-F1 on those rows at its thresholds.</param>
/// <param name="DeltaLow">2.5th percentile of the paired bootstrap of candidate − baseline micro-F1.</param>
/// <param name="DeltaHigh">97.5th percentile of it.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Genres">Per-genre F1 and deltas.</param>
public sealed record ModelComparisonResult(string Baseline, string Candidate, int Rows, double BaselineMicroF1, double CandidateMicroF1, double DeltaLow, double DeltaHigh,
    int Resamples, IReadOnlyList<GenreDelta> Genres)
{
    /// <summary>Candidate minus baseline micro-F1.</summary>
    public double Delta => CandidateMicroF1 - BaselineMicroF1;
}

/// <summary>
/// Compares two bundles on the movies held out by both (matched by id in their stored test predictions), so the
/// figures are paired: the same rows, each model at its own tuned thresholds. The micro-F1 difference gets a paired
/// bootstrap interval — rows are resampled with replacement and both models' pooled counts recomputed on each resample —
/// because two bundles' figures on one test part are correlated, and an unpaired comparison would overstate the noise.
/// </summary>
public static class ModelComparison
{
    /// <summary>Fewest shared rows a comparison is made on.</summary>
    public const int MinRows = 20;

    /// <summary>Compares <paramref name="candidate"/> against <paramref name="baseline"/>.</summary>
    public static ModelComparisonResult Compare(ModelBundle baseline, ModelBundle candidate, int resamples = 2000, int seed = 11)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var a = baseline.LoadTestPredictions().Items;
        var b = candidate.LoadTestPredictions().Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var pairs = a.Where(i => b.ContainsKey(i.Id)).Select(i => (A: i, B: b[i.Id])).ToList();
        if (pairs.Count < MinRows)
        {
            throw new ModelRegistryException($"{baseline.Manifest.Version} and {candidate.Manifest.Version} share {pairs.Count} held-out movies (at least {MinRows} are needed): " +
                "they were trained on different data, so no rows are unseen by both.");
        }
        var truth = pairs.Select(p => GenreSet.FromNames(p.A.Genres)).ToList();
        var baseMetrics = MultiLabelMetrics.Compute(truth, pairs.Select(p => p.A.Scores.ToArray()).ToList(), baseline.TextThresholds);
        var candidateMetrics = MultiLabelMetrics.Compute(truth, pairs.Select(p => p.B.Scores.ToArray()).ToList(), candidate.TextThresholds);
        var genres = GenreCatalog.All.Select((g, l) => new GenreDelta(g, baseMetrics.PerGenre[l].Support, baseMetrics.PerGenre[l].F1, candidateMetrics.PerGenre[l].F1)).ToList();

        var countsA = pairs.Select((p, i) => Counts(truth[i], p.A.Scores, baseline.TextThresholds)).ToArray();
        var countsB = pairs.Select((p, i) => Counts(truth[i], p.B.Scores, candidate.TextThresholds)).ToArray();
        var random = new Random(seed);
        var deltas = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            (long tp, long fp, long fn) sa = default, sb = default;
            for (var n = 0; n < pairs.Count; n++)
            {
                var i = random.Next(pairs.Count);
                sa = (sa.tp + countsA[i].Tp, sa.fp + countsA[i].Fp, sa.fn + countsA[i].Fn);
                sb = (sb.tp + countsB[i].Tp, sb.fp + countsB[i].Fp, sb.fn + countsB[i].Fn);
            }
            deltas[r] = MicroF1(sb) - MicroF1(sa);
        }
        Array.Sort(deltas);
        return new ModelComparisonResult(baseline.Manifest.Version, candidate.Manifest.Version, pairs.Count, baseMetrics.MicroF1, candidateMetrics.MicroF1,
            Percentile(deltas, 0.025), Percentile(deltas, 0.975), resamples, genres);
    }

    private static (int Tp, int Fp, int Fn) Counts(GenreSet truth, IReadOnlyList<float> scores, IReadOnlyList<float> thresholds)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var l = 0; l < thresholds.Count; l++)
        {
            var predicted = scores[l] >= thresholds[l];
            var actual = truth.Contains(l);
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        return (tp, fp, fn);
    }

    private static double MicroF1((long Tp, long Fp, long Fn) c) => c.Tp == 0 ? 0 : 2.0 * c.Tp / (2.0 * c.Tp + c.Fp + c.Fn);

    private static double Percentile(double[] sorted, double q) => sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
}
