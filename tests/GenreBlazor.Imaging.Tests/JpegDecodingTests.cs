using GenreBlazor.Imaging.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

public class JpegDecodingTests
{
    [Theory]
    [InlineData(JpegSubsampling.Full444, 3)]
    [InlineData(JpegSubsampling.Half420, 4)]
    public void A_solid_colour_comes_back_within_jpeg_tolerance(JpegSubsampling subsampling, int tolerance)
    {
        var jpeg = JpegWriter.Solid(32, 24, 200, 30, 90, subsampling);

        var image = ImageDecoder.Decode(jpeg);

        Assert.Equal((32, 24), (image.Width, image.Height));
        Assert.InRange(Samples.MaxDifference(Samples.Solid(32, 24, 200, 30, 90), image.Pixels), 0, tolerance);
    }

    [Fact]
    public void A_progressive_jpeg_decodes_like_the_source()
    {
        var source = Samples.Gradient(64, 48);
        var jpeg = JpegWriter.Encode(source, 64, 48, progressive: true);
        Assert.True(JpegSurgery.HasMarker(jpeg, 0xC2), "the test file should be progressive (SOF2)");

        var image = ImageDecoder.Decode(jpeg);

        Assert.Equal((64, 48), (image.Width, image.Height));
        Assert.InRange(Samples.MeanDifference(source, image.Pixels), 0, 2.0);
    }

    [Fact]
    public void A_greyscale_jpeg_becomes_equal_red_green_and_blue()
    {
        var jpeg = JpegWriter.Encode(Samples.Solid(16, 16, 77), 16, 16, JpegPixels.Gray);

        var image = ImageDecoder.Decode(jpeg);

        Assert.All(Enumerable.Range(0, 16 * 16), i =>
        {
            var (r, g, b) = image[i % 16, i / 16];
            Assert.Equal(r, g);
            Assert.Equal(g, b);
            Assert.InRange(r, 76, 78);
        });
    }

    [Theory]
    [InlineData(JpegPixels.Cmyk)]
    [InlineData(JpegPixels.Ycck)]
    public void An_adobe_cmyk_or_ycck_jpeg_is_converted_from_inverted_cmyk(JpegPixels pixels)
    {
        // Inverted (Adobe) CMYK for RGB (128, 64, 192): K = max = 192, C = 128/192·255 = 170, M = 85, Y = 255; R = C·K/255.
        var jpeg = JpegWriter.Encode(Samples.Solid(16, 16, 170, 85, 255, 192), 16, 16, pixels);
        Assert.True(JpegSurgery.HasMarker(jpeg, 0xEE), "the test file should carry the Adobe APP14 marker");

        var image = ImageDecoder.Decode(jpeg);

        Assert.InRange(Samples.MaxDifference(Samples.Solid(16, 16, 128, 64, 192), image.Pixels), 0, 4);
    }

    [Fact]
    public void A_cmyk_jpeg_without_an_adobe_marker_is_read_as_inverted_cmyk_too()
    {
        // As browsers do: the stored samples are taken as 255 − ink whatever the markers say (decision 0030).
        var jpeg = JpegWriter.Encode(Samples.Solid(16, 16, 170, 85, 255, 192), 16, 16, JpegPixels.UnmarkedCmyk);
        Assert.False(JpegSurgery.HasMarker(jpeg, 0xEE), "the test file should have no Adobe APP14 marker");

        var image = ImageDecoder.Decode(jpeg);

        Assert.InRange(Samples.MaxDifference(Samples.Solid(16, 16, 128, 64, 192), image.Pixels), 0, 4);
    }

    [Fact]
    public void A_jpeg_cut_in_the_middle_of_its_image_data_is_truncated()
    {
        var jpeg = JpegWriter.Encode(Samples.Noise(64, 64), 64, 64, quality: 90);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length * 6 / 10)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progressive_jpeg_cut_short_is_truncated()
    {
        var jpeg = JpegWriter.Encode(Samples.Noise(64, 64), 64, 64, quality: 90, progressive: true);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length - 300)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void A_jpeg_cut_inside_its_headers_is_truncated()
    {
        var jpeg = JpegWriter.Solid(16, 16, 1, 2, 3);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader(jpeg.AsSpan(0, 100)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void Bytes_after_the_end_of_image_marker_are_ignored()
    {
        var jpeg = JpegWriter.Solid(16, 16, 10, 200, 10);

        var image = ImageDecoder.Decode([.. jpeg, .. "trailing data appended by some tool"u8]);

        Assert.InRange(Samples.MaxDifference(Samples.Solid(16, 16, 10, 200, 10), image.Pixels), 0, 3);
    }

    [Fact]
    public void A_jpeg_missing_only_its_end_of_image_marker_is_truncated()
    {
        // libjpeg waits for data beyond the last block before it hands out the last rows, so they never come.
        var jpeg = JpegWriter.Encode(Samples.Gradient(64, 48), 64, 48);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length - 2)));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
        Assert.Contains("40 of 48 rows decoded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_image_data_that_still_ends_properly_is_decoded_as_browsers_show_it()
    {
        var jpeg = JpegWriter.Encode(Samples.Gradient(64, 64), 64, 64);
        var damaged = JpegSurgery.WithDamagedScan(jpeg);

        var image = ImageDecoder.Decode(damaged);

        Assert.Equal((64, 64), (image.Width, image.Height));
        Assert.NotEqual(ImageDecoder.Decode(jpeg).Pixels, image.Pixels);
    }

    [Fact]
    public void A_marker_missing_where_one_must_be_is_corrupt()
    {
        var jpeg = JpegWriter.Solid(16, 16, 1, 2, 3);
        jpeg[20] = 0x00; // the marker prefix after the 16-byte JFIF segment

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg));

        Assert.Equal(ImageErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_frame_height_deferred_to_a_dnl_marker_is_unsupported()
    {
        var jpeg = JpegSurgery.WithFrameSize(JpegWriter.Solid(16, 16, 1, 2, 3), 16, 0);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg));

        Assert.Equal(ImageErrorKind.Unsupported, error.Kind);
    }

    [Fact]
    public void A_header_claiming_20000_by_20000_is_refused_before_decoding()
    {
        // Headers only, no image data: decoding would report truncation, so TooLarge proves the check came first.
        var bomb = JpegSurgery.HeadersOnly(JpegSurgery.WithFrameSize(JpegWriter.Solid(16, 16, 0, 0, 0), 20_000, 20_000));

        var header = ImageDecoder.ReadHeader(bomb);
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bomb));

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 20_000, 20_000), header);
        Assert.Equal(ImageErrorKind.TooLarge, error.Kind);
        Assert.Contains("20,000 × 20,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_headers_within_the_limits_reach_the_decoder_and_are_truncated()
    {
        var headersOnly = JpegSurgery.HeadersOnly(JpegWriter.Solid(16, 16, 0, 0, 0));

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(headersOnly));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void A_progressive_jpeg_over_the_multi_pass_limit_is_refused_while_a_baseline_one_of_that_size_is_not()
    {
        // 5000 × 5000 = 25 megapixels: within the 40 MP limit, over the 16 MP limit for images decoded whole.
        var progressive = JpegSurgery.HeadersOnly(JpegSurgery.WithFrameSize(JpegWriter.Encode(Samples.Gradient(16, 16), 16, 16, progressive: true), 5000, 5000));
        var baseline = JpegSurgery.HeadersOnly(JpegSurgery.WithFrameSize(JpegWriter.Solid(16, 16, 0, 0, 0), 5000, 5000));

        var refused = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(progressive));
        var reachesDecoder = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(baseline));

        Assert.Equal(ImageErrorKind.TooLarge, refused.Kind);
        Assert.Contains("progressive", refused.Message, StringComparison.Ordinal);
        Assert.Contains("16 megapixels", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ImageErrorKind.Truncated, reachesDecoder.Kind);
    }

    [Fact]
    public void Limits_on_encoded_bytes_and_pixels_are_configurable()
    {
        var jpeg = JpegWriter.Solid(100, 50, 9, 9, 9);

        var bytes = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg, new ImageLimits(MaxEncodedBytes: jpeg.Length - 1)));
        var width = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg, new ImageLimits(MaxWidth: 99)));
        var pixels = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg, new ImageLimits(MaxPixels: 4_999)));
        var fits = ImageDecoder.Decode(jpeg, new ImageLimits(MaxEncodedBytes: jpeg.Length, MaxWidth: 100, MaxHeight: 50, MaxPixels: 5_000));

        Assert.All([bytes, width, pixels], error => Assert.Equal(ImageErrorKind.TooLarge, error.Kind));
        Assert.Equal((100, 50), (fits.Width, fits.Height));
    }

    [Fact]
    public void A_large_jpeg_is_decoded_at_the_smallest_dct_scale_that_covers_the_target_then_averaged_to_it()
    {
        // libjpeg-turbo scales by n/8: 3/8 of 800 is 300 ≥ 224, while 2/8 would give 200.
        var source = Samples.Gradient(800, 1200);
        var jpeg = JpegWriter.Encode(source, 800, 1200);

        var plan = ImageDecoder.Plan(jpeg, targetMinSide: 224);
        var scaled = ImageDecoder.Decode(jpeg, targetMinSide: 224);
        var full = ImageDecoder.Decode(jpeg);

        Assert.Equal((300, 450), (plan.Decoded.Width, plan.Decoded.Height));
        Assert.Equal((224, 336), (scaled.Width, scaled.Height));
        Assert.Equal((800, 1200), (full.Width, full.Height));
        Assert.InRange(Samples.MeanDifference(full.Resize(224, 336).Pixels, scaled.Pixels), 0, 2.0);
    }

    [Fact]
    public void A_target_side_larger_than_the_image_keeps_full_size()
    {
        var jpeg = JpegWriter.Solid(200, 296, 1, 2, 3);

        var image = ImageDecoder.Decode(jpeg, targetMinSide: 224);

        Assert.Equal((200, 296), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_exif_orientation_turns_the_stored_pixels_upright(ushort orientation)
    {
        var jpeg = JpegWriter.Encode(Samples.Gradient(48, 32), 48, 32);
        var stored = ImageDecoder.Decode(jpeg);
        var tagged = JpegSurgery.WithExifOrientation(jpeg, orientation);

        var header = ImageDecoder.ReadHeader(tagged);
        var image = ImageDecoder.Decode(tagged);

        var expected = stored.Orient((ExifOrientation)orientation);
        Assert.Equal((expected.Width, expected.Height), (header.Width, header.Height));
        Assert.Equal((expected.Width, expected.Height), (image.Width, image.Height));
        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [Fact]
    public void Exif_orientation_6_turns_the_image_clockwise()
    {
        // Stored 16 × 8: left half red, right half blue. Turned clockwise, red is on top of an 8 × 16 image.
        var stored = new byte[16 * 8 * 3];
        for (var i = 0; i < 16 * 8; i++)
        {
            var isLeft = i % 16 < 8;
            stored[i * 3] = isLeft ? (byte)255 : (byte)0;
            stored[(i * 3) + 2] = isLeft ? (byte)0 : (byte)255;
        }

        var jpeg = JpegSurgery.WithExifOrientation(JpegWriter.Encode(stored, 16, 8), 6);

        var header = ImageDecoder.ReadHeader(jpeg);
        var image = ImageDecoder.Decode(jpeg);

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 8, 16), header);
        Assert.Equal((8, 16), (image.Width, image.Height));
        Assert.True(image[4, 2].R > 200 && image[4, 2].B < 50, "top should be red");
        Assert.True(image[4, 13].B > 200 && image[4, 13].R < 50, "bottom should be blue");
    }

    [Fact]
    public void A_scaled_decode_is_turned_upright_after_scaling()
    {
        var jpeg = JpegSurgery.WithExifOrientation(JpegWriter.Encode(Samples.Gradient(480, 240), 480, 240), 8);

        var image = ImageDecoder.Decode(jpeg, targetMinSide: 60);

        Assert.Equal((60, 120), (image.Width, image.Height));
    }

    [Fact]
    public void Concurrent_decodes_give_identical_pixels()
    {
        var jpeg = JpegWriter.Encode(Samples.Gradient(120, 90), 120, 90);
        var expected = ImageDecoder.Decode(jpeg).Pixels;
        var expectedScaled = ImageDecoder.Decode(jpeg, targetMinSide: 45).Pixels;

        var results = new byte[64][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = ImageDecoder.Decode(jpeg, targetMinSide: i % 2 == 0 ? null : 45).Pixels);

        Assert.All(results.Where((_, i) => i % 2 == 0), pixels => Assert.Equal(expected, pixels));
        Assert.All(results.Where((_, i) => i % 2 == 1), pixels => Assert.Equal(expectedScaled, pixels));
    }
}
