using System.Numerics.Tensors;

namespace GenreBlazor.Discovery.Taste;

/// <summary>
/// Spherical k-means over unit-length rows (cosine similarity to unit centroids), k-means++ seeding, a few seeded
/// restarts keeping the tightest; and the mean silhouette with cosine distance, to choose k.
/// </summary>
internal static class KMeans
{
    public sealed record Clustering(int[] Assignment, float[][] Centroids, double Cohesion);

    public static Clustering Fit(float[][] rows, int k, int seed, int restarts = 5, int iterations = 60)
    {
        if (k < 1 || k > rows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k is from 1 to the {rows.Length} rows.");
        }
        Clustering? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var run = Once(rows, k, new Random(unchecked(seed * 7919 + r)), iterations);
            if (best is null || run.Cohesion > best.Cohesion)
            {
                best = run;
            }
        }
        return best!;
    }

    private static Clustering Once(float[][] rows, int k, Random random, int iterations)
    {
        var width = rows[0].Length;
        var centroids = new float[k][];
        centroids[0] = (float[])rows[random.Next(rows.Length)].Clone();
        var distance = new double[rows.Length];
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var nearest = double.MaxValue;
                for (var j = 0; j < c; j++)
                {
                    nearest = Math.Min(nearest, 1 - TensorPrimitives.Dot(rows[i], centroids[j]));
                }
                distance[i] = Math.Max(0, nearest) * Math.Max(0, nearest);
                total += distance[i];
            }
            var target = random.NextDouble() * total;
            var pick = 0;
            for (double sum = 0; pick < rows.Length - 1; pick++)
            {
                sum += distance[pick];
                if (sum >= target)
                {
                    break;
                }
            }
            centroids[c] = (float[])rows[pick].Clone();
        }
        var assignment = new int[rows.Length];
        double cohesion = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var moved = false;
            cohesion = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var (label, best) = (0, float.NegativeInfinity);
                for (var c = 0; c < k; c++)
                {
                    var s = TensorPrimitives.Dot(rows[i], centroids[c]);
                    if (s > best)
                    {
                        (label, best) = (c, s);
                    }
                }
                moved |= iteration == 0 || assignment[i] != label;
                assignment[i] = label;
                cohesion += best;
            }
            if (!moved)
            {
                break;
            }
            for (var c = 0; c < k; c++)
            {
                var sum = new float[width];
                var members = 0;
                for (var i = 0; i < rows.Length; i++)
                {
                    if (assignment[i] == c)
                    {
                        TensorPrimitives.Add(sum, rows[i], sum);
                        members++;
                    }
                }
                if (members > 0)
                {
                    VectorMath.Normalize(sum);
                    centroids[c] = sum;
                }
            }
        }
        return new Clustering(assignment, centroids, cohesion);
    }

    /// <summary>Mean silhouette, distance 1 − cosine; a point alone in its cluster counts 0.</summary>
    public static double Silhouette(float[][] rows, int[] assignment, int k)
    {
        var sizes = new int[k];
        foreach (var label in assignment)
        {
            sizes[label]++;
        }
        double total = 0;
        var sums = new double[k];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < rows.Length; j++)
            {
                if (j != i)
                {
                    sums[assignment[j]] += 1 - TensorPrimitives.Dot(rows[i], rows[j]);
                }
            }
            var own = assignment[i];
            if (sizes[own] < 2)
            {
                continue;
            }
            var a = sums[own] / (sizes[own] - 1);
            var b = Enumerable.Range(0, k).Where(c => c != own && sizes[c] > 0).Select(c => sums[c] / sizes[c]).DefaultIfEmpty(a).Min();
            total += Math.Max(a, b) > 0 ? (b - a) / Math.Max(a, b) : 0;
        }
        return total / rows.Length;
    }
}
