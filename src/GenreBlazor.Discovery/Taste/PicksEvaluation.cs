using System.Numerics.Tensors;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Taste;

/// <summary>One user's liked movies (rated ≥ 4, in time order) split for evaluation: the earlier ones kept, the latest hidden.</summary>
public sealed record UserSplit(int User, int[] TrainRows, long[] TrainTimes, int[] HiddenRows);

/// <summary>
/// Hit-rate@10 and nDCG@10 of one way of recommending, over a set of users. <c>HalfLifeDays</c> is null for no decay
/// (and for the baselines); <c>PopularityWeight</c> is the prior's weight added to the cosine (0: plain similarity).
/// </summary>
public sealed record PicksFigures(string Method, double? HalfLifeDays, float PopularityWeight, double HitRate, double Ndcg);

/// <summary>What <see cref="PicksEvaluation.Run"/> measured, on which users and movies.</summary>
public sealed record PicksReport(
    int RatingsRead, int RatingsInCatalog, int UsersRead, int UsersEvaluated, int ValidationUsers, int ReportedUsers, int Candidates, int Seed,
    IReadOnlyList<PicksFigures> Reported, IReadOnlyList<PicksFigures> Validation);

/// <summary>
/// Offline evaluation of "your picks" on real viewers' ratings. Per user the movies rated ≥ 4 that the catalog holds,
/// in time order; the last 20 % hidden; ten recommended from the rest by the taste vector (decayed by the rating times)
/// and by two baselines: most popular (most ≥ 4 ratings in every user's kept part) and random. Candidates are the
/// catalog movies that some user rated, the kept liked ones excluded. A seeded share of the users is for validation
/// only: the popularity prior's weight of the blend is chosen on them (best hit-rate@10, then the smaller weight) and
/// the reported figures are of the other users.
/// </summary>
public static class PicksEvaluation
{
    public const int K = 10;
    public const float LikedStars = 4f;
    public const double HiddenShare = 0.2;
    public const double ValidationShare = 0.3;

    /// <summary>
    /// Weights the blend may take. A taste vector's cosines to the candidates spread over about 0.3 and the prior over
    /// [0, 1], so past about 3 the order is the popular one with ties broken by taste.
    /// </summary>
    public static IReadOnlyList<float> BlendWeights { get; } = [0f, 0.05f, 0.1f, 0.2f, 0.3f, 0.5f, 0.75f, 1f, 1.5f, 2f, 3f, 5f, 10f];

    public static IReadOnlyList<UserSplit> Split(IEnumerable<Rating> ratings)
    {
        var splits = new List<UserSplit>();
        foreach (var user in ratings.Where(r => r.Stars >= LikedStars).GroupBy(r => r.User).OrderBy(g => g.Key))
        {
            var liked = user.OrderBy(r => r.Time).ThenBy(r => r.Row).DistinctBy(r => r.Row).ToList();
            if (liked.Count < 2)
            {
                continue;
            }
            var hidden = Math.Clamp((int)Math.Round(liked.Count * HiddenShare, MidpointRounding.AwayFromZero), 1, liked.Count - 1);
            var kept = liked.Take(liked.Count - hidden).ToList();
            splits.Add(new UserSplit(user.Key, [.. kept.Select(r => r.Row)], [.. kept.Select(r => r.Time)], [.. liked.Skip(kept.Count).Select(r => r.Row)]));
        }
        return splits;
    }

    /// <summary>Measures every half-life of <paramref name="halfLivesDays"/> (null: no decay) and the two baselines.</summary>
    public static PicksReport Run(DnaCatalog catalog, MovieLensRatings data, IReadOnlyList<double?> halfLivesDays, int seed = 12)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var splits = Split(data.Ratings);
        if (splits.Count < 2)
        {
            throw new InvalidOperationException($"{splits.Count} users have two or more liked catalog movies; the evaluation needs at least two.");
        }
        var candidates = data.Ratings.Select(r => r.Row).Distinct().Order().ToArray();
        var candidateOf = new Dictionary<int, int>(candidates.Length);
        for (var c = 0; c < candidates.Length; c++)
        {
            candidateOf[candidates[c]] = c;
        }
        var matrix = new float[candidates.Length * catalog.PlotWidth];
        for (var c = 0; c < candidates.Length; c++)
        {
            catalog.Plot(candidates[c]).CopyTo(matrix.AsSpan(c * catalog.PlotWidth));
        }
        var popularity = Popularity(splits, candidateOf, candidates.Length);

        var order = splits.Select(s => s.User).ToArray();
        new Random(seed).Shuffle(order);
        var validationUsers = order.Take(Math.Max(1, (int)(order.Length * ValidationShare))).ToHashSet();

        var validation = new Accumulator(halfLivesDays.Count, BlendWeights.Count);
        var reported = new Accumulator(halfLivesDays.Count, BlendWeights.Count);
        var scores = new float[candidates.Length];
        var sims = new float[candidates.Length];
        foreach (var split in splits)
        {
            var acc = validationUsers.Contains(split.User) ? validation : reported;
            var kept = split.TrainRows.Select(r => candidateOf[r]).ToHashSet();
            var hidden = split.HiddenRows.Select(r => candidateOf[r]).ToHashSet();
            bool Keep(int c) => !kept.Contains(c);
            acc.Users++;
            acc.Add(acc.Popular, Top(popularity, Keep), hidden);
            acc.Add(acc.Random, RandomTop(candidates.Length, kept, new Random(unchecked(seed * 100_003 + split.User))), hidden);
            for (var h = 0; h < halfLivesDays.Count; h++)
            {
                var taste = TasteVector.Of(catalog, split.TrainRows, split.TrainTimes, [.. split.TrainRows.Select(_ => 1f)], halfLivesDays[h] * 86_400);
                if (taste is null)
                {
                    continue;
                }
                VectorMath.DotRows(matrix, catalog.PlotWidth, taste.Vector, sims);
                for (var b = 0; b < BlendWeights.Count; b++)
                {
                    TensorPrimitives.MultiplyAdd(popularity, BlendWeights[b], sims, scores);
                    acc.Add(acc.Taste[h, b], Top(scores, Keep), hidden);
                }
            }
        }

        var chosen = new int[halfLivesDays.Count];
        for (var h = 0; h < halfLivesDays.Count; h++)
        {
            // Best validation hit-rate, ties to the smaller weight: the order of BlendWeights is ascending.
            chosen[h] = Enumerable.Range(0, BlendWeights.Count).MaxBy(b => (validation.Taste[h, b].Hits, -b));
        }
        return new PicksReport(data.RatingsRead, data.Ratings.Count, data.UsersRead, splits.Count, validation.Users, reported.Users, candidates.Length, seed,
            Figures(reported, halfLivesDays, chosen), Figures(validation, halfLivesDays, chosen));
    }

    /// <summary>log(1 + number of ≥ 4 ratings in the kept parts) over its maximum: in [0, 1], as the blend adds it.</summary>
    private static float[] Popularity(IReadOnlyList<UserSplit> splits, Dictionary<int, int> candidateOf, int count)
    {
        var counts = new float[count];
        foreach (var row in splits.SelectMany(s => s.TrainRows))
        {
            counts[candidateOf[row]]++;
        }
        var max = MathF.Log(1 + counts.Max());
        return [.. counts.Select(c => max > 0 ? MathF.Log(1 + c) / max : 0)];
    }

    private static List<int> Top(float[] scores, Func<int, bool> keep) => [.. TopK.Select(scores, K, keep: keep).Select(t => t.Row)];

    private static List<int> RandomTop(int count, HashSet<int> kept, Random random)
    {
        var picked = new List<int>(K);
        var seen = new HashSet<int>();
        while (picked.Count < Math.Min(K, count - kept.Count))
        {
            var c = random.Next(count);
            if (!kept.Contains(c) && seen.Add(c))
            {
                picked.Add(c);
            }
        }
        return picked;
    }

    private static List<PicksFigures> Figures(Accumulator acc, IReadOnlyList<double?> halfLives, int[] chosen)
    {
        var n = Math.Max(1, acc.Users);
        var figures = new List<PicksFigures>
        {
            new("most popular", null, 0, acc.Popular.Hits / n, acc.Popular.Ndcg / n),
            new("random", null, 0, acc.Random.Hits / n, acc.Random.Ndcg / n),
        };
        for (var h = 0; h < halfLives.Count; h++)
        {
            var plain = acc.Taste[h, 0];
            figures.Add(new("taste", halfLives[h], 0, plain.Hits / n, plain.Ndcg / n));
            var blend = acc.Taste[h, chosen[h]];
            figures.Add(new("taste + popularity", halfLives[h], BlendWeights[chosen[h]], blend.Hits / n, blend.Ndcg / n));
        }
        return figures;
    }

    private sealed class Sum
    {
        public double Hits;
        public double Ndcg;
    }

    private sealed class Accumulator
    {
        public Accumulator(int halfLives, int weights)
        {
            Taste = new Sum[halfLives, weights];
            for (var h = 0; h < halfLives; h++)
            {
                for (var b = 0; b < weights; b++)
                {
                    Taste[h, b] = new Sum();
                }
            }
        }

        public int Users;
        public Sum Popular { get; } = new();
        public Sum Random { get; } = new();
        public Sum[,] Taste { get; }

        public void Add(Sum sum, List<int> top, HashSet<int> hidden)
        {
            double dcg = 0, ideal = 0;
            for (var i = 0; i < top.Count; i++)
            {
                if (hidden.Contains(top[i]))
                {
                    dcg += 1 / Math.Log2(i + 2);
                }
            }
            for (var i = 0; i < Math.Min(K, hidden.Count); i++)
            {
                ideal += 1 / Math.Log2(i + 2);
            }
            sum.Hits += dcg > 0 ? 1 : 0;
            sum.Ndcg += dcg / ideal;
        }
    }
}
