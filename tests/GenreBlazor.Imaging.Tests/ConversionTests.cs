using GenreBlazor.Imaging.Jpeg;

namespace GenreBlazor.Imaging.Tests;

public class ConversionTests
{
    [Fact]
    public void Plain_cmyk_subtracts_ink_from_white()
    {
        // Plain red: no cyan, full magenta and yellow, no black. Then 50% black on white: 255·(1 − 0.5) ≈ 128.
        var rgb = CmykConversion.ToRgb([0, 255, 255, 0, 0, 0, 0, 127], inverted: false);

        Assert.Equal([255, 0, 0, 128, 128, 128], rgb);
    }

    [Fact]
    public void Inverted_cmyk_multiplies_stored_values()
    {
        // Adobe stores 255 − ink: C = 170, M = 85, Y = 255, K = 192 → (170·192, 85·192, 255·192) / 255.
        var rgb = CmykConversion.ToRgb([170, 85, 255, 192], inverted: true);

        Assert.Equal([128, 64, 192], rgb);
    }

    [Theory]
    [InlineData(200, 296, 224, 1, 1)]
    [InlineData(4000, 6000, 224, 1, 8)]
    [InlineData(800, 1200, 224, 3, 8)]
    [InlineData(1000, 1000, null, 1, 1)]
    public void The_dct_scale_is_the_smallest_that_keeps_the_shorter_side(int width, int height, int? target, int numerator, int denominator)
    {
        Assert.Equal(new JpegScale(numerator, denominator), JpegScale.Choose(width, height, target));
    }

    [Fact]
    public void Exif_without_an_orientation_entry_means_upright()
    {
        Assert.Equal(ExifOrientation.Normal, ExifReader.ReadOrientation("II*\0\x08\0\0\0\0\0"u8));
        Assert.Equal(ExifOrientation.Normal, ExifReader.ReadOrientation("garbage"u8));
    }
}
