using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Taste;

/// <summary>A movie a visitor liked: its catalog id, when they liked it, and how much (1 unless they say otherwise).</summary>
public sealed record LikedMovie(string Id, DateTimeOffset LikedAt, float Weight = 1f);

/// <summary>
/// A visitor's taste: the weighted mean of their liked movies' plot vectors, each weight halved for every
/// half-life it lies before the latest like (null: no decay), renormalised to unit length.
/// Only the differences between like times matter, so the latest like is the reference and no clock is read.
/// </summary>
public sealed class TasteVector
{
    private TasteVector(float[] vector, int[] rows, float[] weights)
    {
        Vector = vector;
        Rows = rows;
        Weights = weights;
    }

    /// <summary>Unit length, the catalog's plot width.</summary>
    public float[] Vector { get; }

    /// <summary>The liked movies' catalog rows, in the order given (unknown ids left out).</summary>
    public int[] Rows { get; }

    /// <summary>Each liked row's weight after decay, relative to the latest like's own weight.</summary>
    public float[] Weights { get; }

    public static TasteVector? Of(DnaCatalog catalog, IReadOnlyList<LikedMovie> liked, TimeSpan? halfLife)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(liked);
        var known = liked.Select(l => (Like: l, Row: catalog.IndexOf(l.Id))).Where(p => p.Row >= 0).ToList();
        return known.Count == 0
            ? null
            : Of(catalog, [.. known.Select(p => p.Row)], [.. known.Select(p => p.Like.LikedAt.ToUnixTimeSeconds())], [.. known.Select(p => p.Like.Weight)],
                halfLife?.TotalSeconds);
    }

    /// <summary>The same from catalog rows and Unix-second times (the evaluation's form: no id look-ups).</summary>
    public static TasteVector? Of(DnaCatalog catalog, int[] rows, long[] times, float[] weights, double? halfLifeSeconds)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (rows.Length != times.Length || rows.Length != weights.Length)
        {
            throw new ArgumentException($"{rows.Length} rows, {times.Length} times and {weights.Length} weights; one each per liked movie.");
        }
        if (halfLifeSeconds is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeSeconds), halfLifeSeconds, "A half-life is positive (null for no decay).");
        }
        if (rows.Length == 0)
        {
            return null;
        }
        var latest = times.Max();
        var decayed = new float[rows.Length];
        var vector = new float[catalog.PlotWidth];
        for (var i = 0; i < rows.Length; i++)
        {
            if (weights[i] < 0 || !float.IsFinite(weights[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], "A like's weight is a finite number ≥ 0.");
            }
            decayed[i] = halfLifeSeconds is { } h ? weights[i] * (float)Math.Pow(0.5, (latest - times[i]) / h) : weights[i];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(catalog.Plot(rows[i]), decayed[i], vector, vector);
        }
        VectorMath.Normalize(vector);
        return vector.AsSpan().ContainsAnyExcept(0f) ? new TasteVector(vector, rows, decayed) : null;
    }
}
