namespace GenreBlazor.Benchmarks.Harness;

/// <summary>Per-call times, sorted, with nearest-rank percentiles.</summary>
public sealed class LatencySamples
{
    private readonly double[] sortedMilliseconds;

    /// <summary>Sorts a copy of the samples (milliseconds).</summary>
    public LatencySamples(IEnumerable<double> milliseconds)
    {
        sortedMilliseconds = [.. milliseconds.Order()];
        if (sortedMilliseconds.Length == 0)
        {
            throw new ArgumentException("No samples were taken.", nameof(milliseconds));
        }
    }

    /// <summary>How many calls were timed.</summary>
    public int Count => sortedMilliseconds.Length;

    /// <summary>
    /// The nearest-rank percentile in milliseconds: the smallest sample with at least <paramref name="percent"/> % of the
    /// samples at or below it (p50 of 4 samples is the 2nd, p99 of 150 the 149th).
    /// </summary>
    public double Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * Count);
        return sortedMilliseconds[Math.Clamp(rank, 1, Count) - 1];
    }

    /// <summary>The median in milliseconds.</summary>
    public double Median => Percentile(50);

    /// <summary>The fastest call in milliseconds.</summary>
    public double Min => sortedMilliseconds[0];

    /// <summary>The slowest call in milliseconds.</summary>
    public double Max => sortedMilliseconds[^1];
}
