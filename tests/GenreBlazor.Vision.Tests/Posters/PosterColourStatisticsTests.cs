using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

public class PosterColourStatisticsTests
{
    private const int Precision = 5;

    private static float Stat(float[] values, string name) => values[PosterColourStatistics.Names.ToList().IndexOf(name)];

    [Fact]
    public void Names_are_unique_and_match_the_values()
    {
        var values = PosterColourStatistics.Compute(SyntheticImages.Uniform(3, 3, 10, 20, 30));

        Assert.Equal(40, PosterColourStatistics.Count);
        Assert.Equal(PosterColourStatistics.Count, values.Length);
        Assert.Equal(PosterColourStatistics.Names.Count, PosterColourStatistics.Names.Distinct().Count());
    }

    [Fact]
    public void Pure_red_has_the_hand_computed_figures()
    {
        var values = PosterColourStatistics.Compute(SyntheticImages.Uniform(4, 6, 255, 0, 0));

        Assert.Equal(0.299f, Stat(values, "luma_mean"), Precision);
        Assert.Equal(0f, Stat(values, "luma_std"), Precision);
        Assert.Equal(1f, Stat(values, "saturation_mean"), Precision);
        Assert.Equal(0f, Stat(values, "dark_share"));      // 0.299 is not below 0.2
        Assert.Equal(0f, Stat(values, "bright_share"));
        // rg = 1, yb = 0.5 everywhere: no spread, so 0.3 × √(1² + 0.5²).
        Assert.Equal(0.3f * MathF.Sqrt(1.25f), Stat(values, "colourfulness"), Precision);
        Assert.Equal(0f, Stat(values, "edge_density"));
        Assert.Equal([1f, 0f, 0f], [Stat(values, "red_mean"), Stat(values, "green_mean"), Stat(values, "blue_mean")]);
        Assert.Equal(1f, Stat(values, "hue_000_030"));
        Assert.Equal(0f, Stat(values, "hue_330_360"));
        Assert.Equal(1f, Stat(values, "luma_bin_2"));      // 0.299 × 8 = 2.39
        Assert.Equal(1f, Stat(values, "saturation_bin_3"));
        Assert.Equal(0.299f, Stat(values, "bottom_luma_mean"), Precision);
        Assert.Equal(1f, Stat(values, "top_saturation_mean"), Precision);
    }

    [Fact]
    public void Black_left_half_and_white_right_half()
    {
        // 4 × 3: columns 0-1 black, 2-3 white.
        var image = SyntheticImages.Draw(4, 3, (x, _) => x < 2 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

        var values = PosterColourStatistics.Compute(image);

        Assert.Equal(0.5f, Stat(values, "luma_mean"), Precision);
        Assert.Equal(0.5f, Stat(values, "luma_std"), Precision);
        Assert.Equal(0f, Stat(values, "saturation_mean"));
        Assert.Equal(0.5f, Stat(values, "dark_share"), Precision);
        Assert.Equal(0.5f, Stat(values, "bright_share"), Precision);
        Assert.Equal(0f, Stat(values, "colourfulness"), Precision);
        // Pixels with a right and a lower neighbour: x 0-2, y 0-1 (6). Only x = 1 steps from black to white: 2 of 6.
        Assert.Equal(2f / 6f, Stat(values, "edge_density"), Precision);
        Assert.Equal(0f, Enumerable.Range(0, 12).Sum(k => values[10 + k]));  // no chromatic pixel
        Assert.Equal(0.5f, Stat(values, "luma_bin_0"), Precision);
        Assert.Equal(0.5f, Stat(values, "luma_bin_7"), Precision);
        Assert.Equal(1f, Stat(values, "saturation_bin_0"), Precision);
        Assert.Equal(0.5f, Stat(values, "middle_luma_mean"), Precision);
    }

    [Fact]
    public void Thirds_follow_the_rows()
    {
        // 2 × 6: rows 0-1 white, rows 2-5 black.
        var image = SyntheticImages.Draw(2, 6, (_, y) => y < 2 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0));

        var values = PosterColourStatistics.Compute(image);

        Assert.Equal(1f, Stat(values, "top_luma_mean"), Precision);
        Assert.Equal(0f, Stat(values, "middle_luma_mean"), Precision);
        Assert.Equal(0f, Stat(values, "bottom_luma_mean"), Precision);
        Assert.Equal(1f / 3f, Stat(values, "luma_mean"), Precision);
    }

    [Fact]
    public void Colourfulness_of_red_and_green_halves()
    {
        // rg is +1 and −1 (mean 0, deviation 1); yb is 0.5 for both (mean 0.5, deviation 0): 1 + 0.3 × 0.5.
        var image = SyntheticImages.Draw(2, 1, (x, _) => x == 0 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)255, (byte)0));

        var values = PosterColourStatistics.Compute(image);

        Assert.Equal(1.15f, Stat(values, "colourfulness"), Precision);
        Assert.Equal(0.5f, Stat(values, "hue_000_030"), Precision);
        Assert.Equal(0.5f, Stat(values, "hue_120_150"), Precision);
    }

    [Fact]
    public void Dim_or_grey_pixels_do_not_count_towards_hue()
    {
        // (40, 0, 0): saturated but value 0.157 < 0.2. (200, 180, 180): value 0.78 but saturation 0.1 < 0.25.
        var image = SyntheticImages.Draw(2, 1, (x, _) => x == 0 ? ((byte)40, (byte)0, (byte)0) : ((byte)200, (byte)180, (byte)180));

        var values = PosterColourStatistics.Compute(image);

        Assert.Equal(0f, Enumerable.Range(0, 12).Sum(k => values[10 + k]));
    }

    [Theory]
    [InlineData(1f, 0f, 0f, 0f)]
    [InlineData(0f, 1f, 0f, 120f)]
    [InlineData(0f, 0f, 1f, 240f)]
    [InlineData(1f, 1f, 0f, 60f)]
    [InlineData(1f, 0f, 0.5f, 330f)]
    [InlineData(0.5f, 0.5f, 0.5f, 0f)]
    public void Hue_in_degrees(float r, float g, float b, float expected)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));

        Assert.Equal(expected, PosterColourStatistics.Hue(r, g, b, max, min), 3);
    }
}
