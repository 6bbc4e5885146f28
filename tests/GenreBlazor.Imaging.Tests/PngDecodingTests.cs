using SharedImages = GenreBlazor.Tests.TestImages;
using GenreBlazor.Imaging.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

public class PngDecodingTests
{
    [Fact]
    public void An_rgb_png_decodes_exactly()
    {
        var source = Samples.Gradient(13, 7);
        var png = PngBuilder.Build(13, 7, PngColourType.Rgb, 8, source);

        var image = ImageDecoder.Decode(png);

        Assert.Equal(new ImageHeader(ImageFormat.Png, 13, 7), ImageDecoder.ReadHeader(png));
        Assert.Equal(source, image.Pixels);
    }

    [Fact]
    public void An_interlaced_png_decodes_exactly()
    {
        var source = Samples.Gradient(13, 11);
        var png = PngBuilder.Build(13, 11, PngColourType.Rgb, 8, source, interlaced: true);

        var image = ImageDecoder.Decode(png);

        Assert.Equal(source, image.Pixels);
    }

    [Fact]
    public void A_palette_png_is_expanded_to_its_colours()
    {
        byte[] palette = [255, 0, 0, 0, 128, 0, 10, 20, 30];
        var png = PngBuilder.Build(3, 1, PngColourType.Palette, 8, [2, 0, 1], palette);

        var image = ImageDecoder.Decode(png);

        Assert.Equal([10, 20, 30, 255, 0, 0, 0, 128, 0], image.Pixels);
    }

    [Fact]
    public void A_palette_png_with_transparency_is_flattened_onto_white()
    {
        // Entry 0 opaque red, entry 1 fully transparent black, entry 2 blue at alpha 51 (20%).
        byte[] palette = [255, 0, 0, 0, 0, 0, 0, 0, 255];
        var png = PngBuilder.Build(3, 1, PngColourType.Palette, 8, [0, 1, 2], palette, transparency: [255, 0, 51]);

        var image = ImageDecoder.Decode(png);

        // 255·(255 − 51)/255 = 204 for red and green; blue stays 255.
        Assert.Equal([255, 0, 0, 255, 255, 255, 204, 204, 255], image.Pixels);
    }

    [Fact]
    public void A_grey_png_with_alpha_is_flattened_onto_white()
    {
        // Grey 100 opaque, grey 100 fully transparent, grey 0 at alpha 102 (40%): 255·(1 − 0.4) = 153.
        var png = PngBuilder.Build(3, 1, PngColourType.GreyAlpha, 8, [100, 255, 100, 0, 0, 102]);

        var image = ImageDecoder.Decode(png);

        Assert.Equal([100, 100, 100, 255, 255, 255, 153, 153, 153], image.Pixels);
    }

    [Fact]
    public void An_8_bit_grey_png_becomes_equal_red_green_and_blue()
    {
        var png = PngBuilder.Build(2, 1, PngColourType.Grey, 8, [0, 77]);

        var image = ImageDecoder.Decode(png);

        Assert.Equal([0, 0, 0, 77, 77, 77], image.Pixels);
    }

    [Fact]
    public void A_16_bit_grey_png_without_gamma_is_read_as_srgb_not_linear()
    {
        // 0x8080 / 257 = 128. Read as linear light it would come out near 188.
        var png = PngBuilder.Build(1, 1, PngColourType.Grey, 16, [0x80, 0x80]);

        var image = ImageDecoder.Decode(png);

        Assert.Equal([128, 128, 128], image.Pixels);
    }

    [Fact]
    public void A_16_bit_png_with_alpha_is_flattened_onto_white()
    {
        byte[] samples =
        [
            0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, // opaque red
            0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, // fully transparent blue
            0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x80, 0x80, // red at alpha 128/255
        ];
        var png = PngBuilder.Build(3, 1, PngColourType.Rgba, 16, samples);

        var image = ImageDecoder.Decode(png);

        Assert.Equal((255, 0, 0), (image[0, 0].R, image[0, 0].G, image[0, 0].B));
        Assert.Equal((255, 255, 255), (image[1, 0].R, image[1, 0].G, image[1, 0].B));
        // Green and blue: 255·(255 − 128)/255 = 127.
        Assert.Equal(255, image[2, 0].R);
        Assert.InRange(image[2, 0].G, 126, 128);
        Assert.Equal(image[2, 0].G, image[2, 0].B);
    }

    [Fact]
    public void A_png_cut_in_the_middle_of_its_image_data_is_truncated()
    {
        var png = PngBuilder.Build(40, 40, PngColourType.Rgb, 8, Samples.Noise(40, 40));

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png.AsSpan(0, png.Length / 2)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_cut_inside_its_header_is_truncated()
    {
        var png = PngBuilder.Build(4, 4, PngColourType.Rgb, 8, Samples.Noise(4, 4));

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader(png.AsSpan(0, 20)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void A_png_with_a_damaged_chunk_is_corrupt()
    {
        var png = PngBuilder.Build(8, 8, PngColourType.Rgb, 8, Samples.Noise(8, 8));
        png[^20] ^= 0xFF; // inside IDAT: its CRC no longer matches

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png));

        Assert.Equal(ImageErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_header_claiming_20000_by_20000_is_refused_before_decoding()
    {
        var bomb = PngBuilder.HeaderOnly(20_000, 20_000);

        var header = ImageDecoder.ReadHeader(bomb);
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bomb));

        Assert.Equal(new ImageHeader(ImageFormat.Png, 20_000, 20_000), header);
        Assert.Equal(ImageErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void A_small_header_only_png_reaches_the_decoder_and_is_truncated()
    {
        // The counterpart of the test above: within the limits, the same bytes reach the decoder and fail there.
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(PngBuilder.HeaderOnly(20, 20)));

        Assert.NotEqual(ImageErrorKind.TooLarge, error.Kind);
    }

    [Theory]
    [InlineData(PngColourType.Rgb, false)]
    [InlineData(PngColourType.Rgb, true)]
    [InlineData(PngColourType.Rgba, false)]
    public void A_png_decoded_in_many_bands_equals_the_one_band_decode(PngColourType colourType, bool interlaced)
    {
        var channels = colourType == PngColourType.Rgb ? 3 : 4;
        var samples = new byte[37 * 53 * channels];
        new Random(channels).NextBytes(samples);
        var png = PngBuilder.Build(37, 53, colourType, 8, samples, interlaced: interlaced);

        // 37 pixels × 4 bytes × 5 rows: eleven bands of five rows, the last of three.
        var banded = ImageDecoder.Decode(png, ImageLimits.Default, targetMinSide: null, bandBytes: 37 * 4 * 5);
        var whole = ImageDecoder.Decode(png);

        Assert.Equal(whole.Pixels, banded.Pixels);
        if (channels == 3)
        {
            Assert.Equal(samples, banded.Pixels);
        }
    }

    [Fact]
    public void A_png_cut_in_a_later_band_is_truncated()
    {
        var png = PngBuilder.Build(40, 40, PngColourType.Rgb, 8, Samples.Noise(40, 40));

        var error = Assert.Throws<ImageDecodeException>(() =>
            ImageDecoder.Decode(png.AsSpan(0, png.Length * 3 / 4), ImageLimits.Default, targetMinSide: null, bandBytes: 40 * 4 * 4));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
        Assert.Contains("rows decoded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_png_is_averaged_row_by_row_to_the_target_exactly_as_resizing_the_full_image()
    {
        var source = Samples.Gradient(600, 400);
        var png = PngBuilder.Build(600, 400, PngColourType.Rgb, 8, source);

        var scaled = ImageDecoder.Decode(png, ImageLimits.Default, targetMinSide: 100, bandBytes: 600 * 4 * 16);

        Assert.Equal((150, 100), (scaled.Width, scaled.Height));
        Assert.Equal(new RgbImage(600, 400, source).Resize(150, 100).Pixels, scaled.Pixels);
    }

    [Fact]
    public void A_6000_by_6000_png_of_a_megabyte_is_decoded_straight_to_the_target_size()
    {
        var png = SharedImages.BlackPng(6000, 6000);
        Assert.InRange(png.Length, 1, 1_500_000);

        var image = ImageDecoder.Decode(png, targetMinSide: 224);

        Assert.Equal((224, 224), (image.Width, image.Height));
        Assert.All(image.Pixels, value => Assert.Equal(0, value));
    }

    [Fact]
    public void An_interlaced_png_over_the_multi_pass_limit_is_refused_while_a_plain_one_of_that_size_is_not()
    {
        var refused = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(PngBuilder.HeaderOnly(5000, 5000, interlaced: true)));
        var reachesDecoder = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(PngBuilder.HeaderOnly(5000, 5000)));

        Assert.Equal(ImageErrorKind.TooLarge, refused.Kind);
        Assert.Contains("interlaced PNG", refused.Message, StringComparison.Ordinal);
        Assert.NotEqual(ImageErrorKind.TooLarge, reachesDecoder.Kind);
    }
}
