namespace GenreBlazor.Vision.Posters.Head;

/// <summary>
/// Centres each column on its training mean and divides by its training standard deviation, so every column starts
/// on the same scale for the head's weight decay. Fitted on training vectors only; constant columns keep scale 1.
/// </summary>
/// <param name="Means">Mean per column.</param>
/// <param name="Deviations">Standard deviation per column (1 where a column is constant).</param>
public sealed record FeatureStandardizer(float[] Means, float[] Deviations)
{
    public int Width => Means.Length;

    /// <summary>Fits the means and deviations of <paramref name="rows"/> (all of one width).</summary>
    public static FeatureStandardizer Fit(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        var width = rows[0].Length;
        var sums = new double[width];
        var squares = new double[width];
        foreach (var row in rows)
        {
            if (row.Length != width)
            {
                throw new ArgumentException($"Rows of {width} and {row.Length} values were mixed.", nameof(rows));
            }

            for (var j = 0; j < width; j++)
            {
                sums[j] += row[j];
                squares[j] += (double)row[j] * row[j];
            }
        }

        var means = new float[width];
        var deviations = new float[width];
        for (var j = 0; j < width; j++)
        {
            var mean = sums[j] / rows.Count;
            var variance = (squares[j] / rows.Count) - (mean * mean);
            means[j] = (float)mean;
            deviations[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return new FeatureStandardizer(means, deviations);
    }

    public void Apply(ReadOnlySpan<float> row, Span<float> destination)
    {
        if (row.Length != Width || destination.Length != Width)
        {
            throw new ArgumentException($"The standardizer works on {Width} values.", nameof(row));
        }

        for (var j = 0; j < Width; j++)
        {
            destination[j] = (row[j] - Means[j]) / Deviations[j];
        }
    }

    public float[] Apply(ReadOnlySpan<float> row)
    {
        var result = new float[Width];
        Apply(row, result);
        return result;
    }
}
