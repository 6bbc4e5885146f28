namespace GenreBlazor.Imaging.Resampling;

/// <summary>
/// For each target position along one axis, which source pixels contribute and by how much. Shrinking
/// averages the source area each target pixel covers (a box filter with exact fractional coverage, so no
/// source pixel is skipped and nothing aliases); enlarging interpolates linearly between pixel centres.
/// </summary>
internal sealed class AxisWeights
{
    private AxisWeights(int[] first, int[] count, float[] weights, int stride)
    {
        First = first;
        Count = count;
        Weights = weights;
        Stride = stride;
    }

    /// <summary>First contributing source index of each target position.</summary>
    public int[] First { get; }

    /// <summary>Number of contributing source pixels of each target position.</summary>
    public int[] Count { get; }

    /// <summary>Weights, <see cref="Stride"/> per target position; each position's weights sum to 1.</summary>
    public float[] Weights { get; }

    public int Stride { get; }

    public static AxisWeights Create(int sourceLength, int targetLength) =>
        targetLength < sourceLength ? AreaAverage(sourceLength, targetLength) : Linear(sourceLength, targetLength);

    private static AxisWeights AreaAverage(int sourceLength, int targetLength)
    {
        var scale = (double)sourceLength / targetLength;
        var stride = (int)Math.Ceiling(scale) + 1;
        var first = new int[targetLength];
        var count = new int[targetLength];
        var weights = new float[targetLength * stride];
        for (var target = 0; target < targetLength; target++)
        {
            double left = target * scale, right = (target + 1) * scale;
            var start = (int)Math.Floor(left);
            var end = Math.Min(sourceLength, (int)Math.Ceiling(right));
            first[target] = start;
            count[target] = end - start;
            for (var source = start; source < end; source++)
            {
                var covered = Math.Min(right, source + 1) - Math.Max(left, source);
                weights[(target * stride) + source - start] = (float)(covered / scale);
            }
        }

        return new AxisWeights(first, count, weights, stride);
    }

    private static AxisWeights Linear(int sourceLength, int targetLength)
    {
        const int stride = 2;
        var scale = (double)sourceLength / targetLength;
        var first = new int[targetLength];
        var count = new int[targetLength];
        var weights = new float[targetLength * stride];
        for (var target = 0; target < targetLength; target++)
        {
            // Pixel centres line up (half-pixel convention); beyond the outermost centres the edge pixel repeats.
            var centre = Math.Clamp(((target + 0.5) * scale) - 0.5, 0, sourceLength - 1);
            var start = Math.Min((int)Math.Floor(centre), sourceLength - 1);
            var fraction = centre - start;
            first[target] = start;
            count[target] = start + 1 < sourceLength ? 2 : 1;
            weights[target * stride] = (float)(1 - fraction);
            if (count[target] == 2)
            {
                weights[(target * stride) + 1] = (float)fraction;
            }
        }

        return new AxisWeights(first, count, weights, stride);
    }
}
