using GenreBlazor.Imaging;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// Hand-made colour and texture figures of a poster, all in 0..1 (or close): horror posters are dark, animation
/// bright and saturated, documentaries plain. Computed on sRGB values scaled to 0..1 without linearising, as a viewer
/// judges them. Luma is Y = 0.299 R + 0.587 G + 0.114 B (Rec. 601); HSV is the usual hexcone model.
/// </summary>
public static class PosterColourStatistics
{
    /// <summary>Hue bins of 30° from red (0°).</summary>
    public const int HueBins = 12;

    /// <summary>Luma bins of width 1/8.</summary>
    public const int LumaBins = 8;

    /// <summary>Saturation bins of width 1/4.</summary>
    public const int SaturationBins = 4;

    /// <summary>A pixel counts towards the hue histogram only when at least this saturated…</summary>
    public const float ChromaticSaturation = 0.25f;

    /// <summary>…and at least this bright (hue is noise in near-greys and near-blacks).</summary>
    public const float ChromaticValue = 0.2f;

    /// <summary>Luma below this is "dark".</summary>
    public const float DarkLuma = 0.2f;

    /// <summary>Luma above this is "bright".</summary>
    public const float BrightLuma = 0.8f;

    /// <summary>A pixel is on an edge when |ΔY| to its right neighbour plus |ΔY| to the one below exceeds this.</summary>
    public const float EdgeStep = 0.1f;

    /// <summary>The names of the values <see cref="Compute(RgbImage)"/> returns, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = BuildNames();

    public static int Count => Names.Count;

    /// <summary>
    /// The statistics in <see cref="Names"/> order: mean luma, luma standard deviation, mean saturation, dark share,
    /// bright share, colourfulness (Hasler and Süsstrunk 2003, on 0..1 values), edge density, mean R, G, B, the hue
    /// histogram (shares of all pixels), the luma and saturation histograms (shares), and mean luma and saturation of
    /// the top, middle and bottom thirds.
    /// </summary>
    public static float[] Compute(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var values = new float[Count];
        Compute(image, values);
        return values;
    }

    /// <summary>Writes the statistics into <paramref name="destination"/> (exactly <see cref="Count"/> values).</summary>
    public static void Compute(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length != Count)
        {
            throw new ArgumentException($"Colour statistics need {Count} values; the destination holds {destination.Length}.", nameof(destination));
        }

        int width = image.Width, height = image.Height;
        var pixels = image.Pixels;
        var luma = new float[width * height];
        double sumLuma = 0, sumLumaSquared = 0, sumSaturation = 0, sumR = 0, sumG = 0, sumB = 0;
        double sumRg = 0, sumRgSquared = 0, sumYb = 0, sumYbSquared = 0;
        int dark = 0, bright = 0;
        Span<double> hue = stackalloc double[HueBins];
        Span<double> lumaHistogram = stackalloc double[LumaBins];
        Span<double> saturationHistogram = stackalloc double[SaturationBins];
        Span<double> thirdLuma = stackalloc double[3];
        Span<double> thirdSaturation = stackalloc double[3];
        Span<int> thirdCount = stackalloc int[3];
        hue.Clear(); lumaHistogram.Clear(); saturationHistogram.Clear(); thirdLuma.Clear(); thirdSaturation.Clear(); thirdCount.Clear();

        for (var y = 0; y < height; y++)
        {
            var third = Math.Min(2, y * 3 / height);
            for (var x = 0; x < width; x++)
            {
                var p = ((y * width) + x) * 3;
                float r = pixels[p] / 255f, g = pixels[p + 1] / 255f, b = pixels[p + 2] / 255f;
                var max = Math.Max(r, Math.Max(g, b));
                var min = Math.Min(r, Math.Min(g, b));
                var saturation = max == 0 ? 0f : (max - min) / max;
                var l = (0.299f * r) + (0.587f * g) + (0.114f * b);
                luma[(y * width) + x] = l;

                sumLuma += l;
                sumLumaSquared += (double)l * l;
                sumSaturation += saturation;
                sumR += r;
                sumG += g;
                sumB += b;
                var rg = r - g;
                var yb = (0.5 * (r + g)) - b;
                sumRg += rg;
                sumRgSquared += rg * rg;
                sumYb += yb;
                sumYbSquared += yb * yb;
                dark += l < DarkLuma ? 1 : 0;
                bright += l > BrightLuma ? 1 : 0;
                lumaHistogram[Bin(l, LumaBins)]++;
                saturationHistogram[Bin(saturation, SaturationBins)]++;
                if (saturation >= ChromaticSaturation && max >= ChromaticValue)
                {
                    hue[Bin(Hue(r, g, b, max, min) / 360f, HueBins)]++;
                }

                thirdLuma[third] += l;
                thirdSaturation[third] += saturation;
                thirdCount[third]++;
            }
        }

        double n = width * height;
        var meanLuma = sumLuma / n;
        var meanRg = sumRg / n;
        var meanYb = sumYb / n;
        var colourfulness = Math.Sqrt(Variance(sumRgSquared, meanRg, n) + Variance(sumYbSquared, meanYb, n))
                            + (0.3 * Math.Sqrt((meanRg * meanRg) + (meanYb * meanYb)));

        var i = 0;
        destination[i++] = (float)meanLuma;
        destination[i++] = (float)Math.Sqrt(Variance(sumLumaSquared, meanLuma, n));
        destination[i++] = (float)(sumSaturation / n);
        destination[i++] = (float)(dark / n);
        destination[i++] = (float)(bright / n);
        destination[i++] = (float)colourfulness;
        destination[i++] = (float)EdgeDensity(luma, width, height);
        destination[i++] = (float)(sumR / n);
        destination[i++] = (float)(sumG / n);
        destination[i++] = (float)(sumB / n);
        foreach (var count in hue)
        {
            destination[i++] = (float)(count / n);
        }

        foreach (var count in lumaHistogram)
        {
            destination[i++] = (float)(count / n);
        }

        foreach (var count in saturationHistogram)
        {
            destination[i++] = (float)(count / n);
        }

        for (var third = 0; third < 3; third++)
        {
            // A 1- or 2-row image has empty thirds: they repeat the whole image's figures.
            destination[i++] = thirdCount[third] == 0 ? (float)meanLuma : (float)(thirdLuma[third] / thirdCount[third]);
            destination[i++] = thirdCount[third] == 0 ? (float)(sumSaturation / n) : (float)(thirdSaturation[third] / thirdCount[third]);
        }
    }

    /// <summary>Hue in degrees [0, 360) of an RGB colour whose channel maximum and minimum are given.</summary>
    public static float Hue(float r, float g, float b, float max, float min)
    {
        var chroma = max - min;
        if (chroma <= 0)
        {
            return 0;
        }

        var sector = max == r ? ((g - b) / chroma) : max == g ? ((b - r) / chroma) + 2 : ((r - g) / chroma) + 4;
        var degrees = sector * 60f;
        return degrees < 0 ? degrees + 360f : degrees >= 360f ? degrees - 360f : degrees;
    }

    // Share of pixels (of those with both a right and a lower neighbour) whose luma steps by more than EdgeStep.
    private static double EdgeDensity(float[] luma, int width, int height)
    {
        if (width < 2 || height < 2)
        {
            return 0;
        }

        var edges = 0;
        for (var y = 0; y < height - 1; y++)
        {
            for (var x = 0; x < width - 1; x++)
            {
                var here = luma[(y * width) + x];
                var step = Math.Abs(luma[(y * width) + x + 1] - here) + Math.Abs(luma[((y + 1) * width) + x] - here);
                edges += step > EdgeStep ? 1 : 0;
            }
        }

        return (double)edges / ((width - 1) * (height - 1));
    }

    private static double Variance(double sumSquares, double mean, double n) => Math.Max(0, (sumSquares / n) - (mean * mean));

    private static int Bin(float value, int bins) => Math.Clamp((int)(value * bins), 0, bins - 1);

    private static string[] BuildNames()
    {
        var names = new List<string>
        {
            "luma_mean", "luma_std", "saturation_mean", "dark_share", "bright_share", "colourfulness", "edge_density",
            "red_mean", "green_mean", "blue_mean",
        };
        names.AddRange(Enumerable.Range(0, HueBins).Select(k => $"hue_{k * 360 / HueBins:000}_{(k + 1) * 360 / HueBins:000}"));
        names.AddRange(Enumerable.Range(0, LumaBins).Select(k => $"luma_bin_{k}"));
        names.AddRange(Enumerable.Range(0, SaturationBins).Select(k => $"saturation_bin_{k}"));
        foreach (var third in new[] { "top", "middle", "bottom" })
        {
            names.Add($"{third}_luma_mean");
            names.Add($"{third}_saturation_mean");
        }

        return [.. names];
    }
}
