using System.Numerics.Tensors;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Evaluation;

/// <summary>Held-out figures of one way of scoring, with the blend weight and thresholds chosen on the training part.</summary>
public sealed record LiftFigures(string Method, float Weight, double TrainingMicroF1, double TestMicroF1, double TestMacroF1);

/// <summary>
/// Decision 0075: do genre votes of a plot's nearest catalog neighbours (by DNA plot vector) lift the text model?
/// The votes blend with the text model's probabilities as (1 − w)·p + w·v; w and the per-genre thresholds are chosen
/// on the training part's out-of-fold probabilities, whose votes come from the other training movies — never a
/// movie itself, never a held-out one — and then scored once on the test part.
/// </summary>
public static class LiftEvaluation
{
    public const int Neighbours = 20;
    public static readonly IReadOnlyList<float> Weights = [0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];

    /// <summary>Per query row, the cosine-weighted share of its <paramref name="k"/> nearest pool rows having each genre.</summary>
    public static float[][] Votes(DnaCatalog catalog, IReadOnlyList<int> queries, IReadOnlyList<int> pool, int k = Neighbours)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(pool);
        var votes = new float[queries.Count][];
        Parallel.For(0, queries.Count, () => new float[pool.Count], (q, _, scores) =>
        {
            var query = catalog.Plot(queries[q]);
            for (var j = 0; j < pool.Count; j++)
            {
                scores[j] = pool[j] == queries[q] ? float.NegativeInfinity : TensorPrimitives.Dot(catalog.Plot(pool[j]), query);
            }
            var vote = new float[GenreCatalog.Count];
            float total = 0;
            foreach (var (j, score) in TopK.Select(scores, k))
            {
                var weight = Math.Max(score, 0f);
                foreach (var label in catalog.Movies[pool[j]].Genres.Labels())
                {
                    vote[label] += weight;
                }
                total += weight;
            }
            if (total > 0)
            {
                TensorPrimitives.Divide(vote, total, vote);
            }
            votes[q] = vote;
            return scores;
        }, _ => { });
        return votes;
    }

    /// <summary>The text model alone (w = 0) and the blend at the w best on the training part, each with thresholds tuned there.</summary>
    public static IReadOnlyList<LiftFigures> Blend(
        IReadOnlyList<float[]> trainingProbabilities, IReadOnlyList<float[]> trainingVotes, IReadOnlyList<GenreSet> trainingGenres,
        IReadOnlyList<float[]> testProbabilities, IReadOnlyList<float[]> testVotes, IReadOnlyList<GenreSet> testGenres)
    {
        var truth = trainingGenres.Select(g => Enumerable.Range(0, GenreCatalog.Count).Select(g.Contains).ToArray()).ToList();
        LiftFigures Score(string method, float w)
        {
            var training = Mix(trainingProbabilities, trainingVotes, w);
            var thresholds = ThresholdTuner.BestF1(training, truth, GenreCatalog.Count);
            var test = MultiLabelMetrics.Compute(testGenres, Mix(testProbabilities, testVotes, w), thresholds);
            return new LiftFigures(method, w, Math.Round(MultiLabelMetrics.Compute(trainingGenres, training, thresholds).MicroF1, 4),
                Math.Round(test.MicroF1, 4), Math.Round(test.MacroF1, 4));
        }
        var alone = Score("text model alone", 0f);
        var best = Weights.Where(w => w > 0).Select(w => Score($"text + {Neighbours}-neighbour votes", w)).MaxBy(f => f.TrainingMicroF1)!;
        return [alone, best];
    }

    private static List<float[]> Mix(IReadOnlyList<float[]> probabilities, IReadOnlyList<float[]> votes, float w) =>
        [.. probabilities.Select((p, i) =>
        {
            var mixed = new float[p.Length];
            for (var g = 0; g < p.Length; g++)
            {
                mixed[g] = (1 - w) * p[g] + w * votes[i][g];
            }
            return mixed;
        })];
}
