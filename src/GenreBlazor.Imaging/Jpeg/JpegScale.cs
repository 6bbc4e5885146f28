using GenreBlazor.Imaging.Native;

namespace GenreBlazor.Imaging.Jpeg;

/// <summary>
/// A DCT scaling factor of the JPEG decoder (n/8): decoding a 4000 × 6000 photo at 1/8 skips most of the
/// inverse-DCT work and yields 500 × 750 pixels directly.
/// </summary>
internal readonly record struct JpegScale(int Numerator, int Denominator)
{
    public static JpegScale Full { get; } = new(1, 1);

    // The library's list never changes: read it once, on first use.
    private static readonly Lazy<JpegScale[]> Reductions = new(ReadReductions);

    /// <summary>A dimension scaled the way TurboJPEG does it (TJSCALED: ceiling of dimension × factor).</summary>
    public int Apply(int dimension) => (int)((((long)dimension * Numerator) + Denominator - 1) / Denominator);

    /// <summary>The strongest reduction that keeps the shorter side at least <paramref name="targetMinSide"/>.</summary>
    public static JpegScale Choose(int width, int height, int? targetMinSide)
    {
        if (targetMinSide is not > 0)
        {
            return Full;
        }

        var shortSide = Math.Min(width, height);
        var best = Full;
        foreach (var scale in Reductions.Value)
        {
            if (scale.Apply(shortSide) >= targetMinSide && scale.IsSmallerThan(best))
            {
                best = scale;
            }
        }

        return best;
    }

    private bool IsSmallerThan(JpegScale other) => (long)Numerator * other.Denominator < (long)other.Numerator * Denominator;

    private static unsafe JpegScale[] ReadReductions()
    {
        var factors = TurboJpegNative.GetScalingFactors(out var count);
        if (factors is null)
        {
            return [Full];
        }

        var reductions = new List<JpegScale>();
        for (var i = 0; i < count; i++)
        {
            var factor = factors[i];
            if (factor.Numerator > 0 && factor.Numerator <= factor.Denominator)
            {
                reductions.Add(new JpegScale(factor.Numerator, factor.Denominator));
            }
        }

        return [.. reductions];
    }
}
