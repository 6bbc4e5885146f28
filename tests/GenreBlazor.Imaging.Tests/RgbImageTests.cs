namespace GenreBlazor.Imaging.Tests;

public class RgbImageTests
{
    [Fact]
    public void A_2x2_checker_shrinks_to_its_exact_average()
    {
        var checker = new RgbImage(2, 2, [0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0]);

        var pixel = checker.Resize(1, 1);

        // (0 + 255 + 255 + 0) / 4 = 127.5, rounded half up.
        Assert.Equal([128, 128, 128], pixel.Pixels);
    }

    [Fact]
    public void A_wide_stripe_pattern_rounds_every_half_up()
    {
        // 128 × 2 columns alternating black and white: every output sample is 127.5 (long rows take the SIMD path).
        var stripes = new RgbImage(128, 2, Enumerable.Range(0, 128 * 2 * 3).Select(i => (i / 3) % 2 == 0 ? (byte)0 : (byte)255).ToArray());

        var resized = stripes.Resize(64, 1);

        Assert.All(resized.Pixels, value => Assert.Equal(128, value));
    }

    [Fact]
    public void Halving_averages_each_2x2_block()
    {
        // Red channel by position; green and blue are zero.
        var image = FromRed(4, 2, [10, 20, 100, 100, 30, 40, 200, 0]);

        var half = image.Resize(2, 1);

        // (10 + 20 + 30 + 40) / 4 = 25 and (100 + 100 + 200 + 0) / 4 = 100.
        Assert.Equal([25, 0, 0, 100, 0, 0], half.Pixels);
    }

    [Fact]
    public void Shrinking_by_a_fraction_weights_partly_covered_pixels()
    {
        var image = FromRed(3, 1, [0, 90, 180]);

        var resized = image.Resize(2, 1);

        // Target pixels cover source [0, 1.5] and [1.5, 3]: (0 + 0.5·90) / 1.5 = 30, (0.5·90 + 180) / 1.5 = 150.
        Assert.Equal([30, 0, 0, 150, 0, 0], resized.Pixels);
    }

    [Fact]
    public void Enlarging_interpolates_between_pixel_centres()
    {
        var image = FromRed(2, 1, [0, 200]);

        var resized = image.Resize(4, 1);

        // Centres map to −0.25 (clamped), 0.25, 0.75, 1.25 (clamped).
        Assert.Equal([0, 50, 150, 200], Red(resized));
    }

    [Fact]
    public void Resizing_to_the_same_size_copies()
    {
        var image = FromRed(2, 2, [1, 2, 3, 4]);

        var copy = image.Resize(2, 2);

        Assert.Equal(image.Pixels, copy.Pixels);
        Assert.NotSame(image.Pixels, copy.Pixels);
    }

    [Fact]
    public void A_poster_squashes_to_224_square_keeping_a_solid_colour()
    {
        var poster = new RgbImage(200, 296, Enumerable.Repeat(new byte[] { 12, 150, 240 }, 200 * 296).SelectMany(p => p).ToArray());

        var input = poster.Resize(224, 224);

        Assert.Equal((224, 224), (input.Width, input.Height));
        Assert.All(input.Pixels.Chunk(3), p => Assert.Equal([12, 150, 240], p));
    }

    [Fact]
    public void Crop_copies_the_rectangle()
    {
        var image = Coordinates(4, 3);

        var crop = image.Crop(1, 1, 2, 2);

        Assert.Equal([(1, 1), (2, 1), (1, 2), (2, 2)], Positions(crop));
    }

    [Fact]
    public void Crop_outside_the_image_is_refused()
    {
        var image = Coordinates(4, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(3, 0, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(-1, 0, 1, 1));
    }

    [Fact]
    public void Centre_crop_splits_the_margins()
    {
        var image = Coordinates(5, 4);

        var crop = image.CropCentre(3, 2);

        Assert.Equal([(1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (3, 2)], Positions(crop));
    }

    [Theory]
    [InlineData(SquareAnchor.Start, 0)]
    [InlineData(SquareAnchor.Centre, 1)]
    [InlineData(SquareAnchor.End, 2)]
    public void Square_crops_of_a_portrait_image_slide_down_its_height(SquareAnchor anchor, int top)
    {
        var image = Coordinates(2, 4);

        var square = image.CropSquare(anchor);

        Assert.Equal([(0, top), (1, top), (0, top + 1), (1, top + 1)], Positions(square));
    }

    [Fact]
    public void Square_crops_of_a_landscape_image_slide_along_its_width()
    {
        var image = Coordinates(4, 2);

        Assert.Equal((2, 0), Positions(image.CropSquare(SquareAnchor.End))[0]);
        Assert.Equal((1, 0), Positions(image.CropSquare(SquareAnchor.Centre))[0]);
    }

    [Fact]
    public void Nhwc_floats_are_row_major_rgb_in_0_to_1()
    {
        var image = new RgbImage(2, 1, [0, 51, 255, 102, 204, 1]);
        var values = new float[6];

        image.WriteNhwcFloats(values);

        Assert.Equal([0f, 0.2f, 1f, 0.4f, 0.8f, 1f / 255f], values);
    }

    [Fact]
    public void Nhwc_floats_of_a_long_buffer_equal_each_byte_divided_by_255()
    {
        var pixels = Enumerable.Range(0, 300 * 3).Select(i => (byte)(i * 7)).ToArray();
        var values = new float[pixels.Length];

        new RgbImage(300, 1, pixels).WriteNhwcFloats(values);

        Assert.Equal(pixels.Select(p => p / 255f), values);
    }

    [Fact]
    public void Nhwc_floats_need_a_destination_of_exactly_the_image_size()
    {
        var image = new RgbImage(2, 1, new byte[6]);

        Assert.Throws<ArgumentException>(() => image.WriteNhwcFloats(new float[5]));
        Assert.Throws<ArgumentException>(() => image.WriteNhwcFloats(new float[7]));
    }

    [Theory]
    [InlineData(ExifOrientation.Normal, 3, 2, new[] { 0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1 })]
    [InlineData(ExifOrientation.FlipHorizontal, 3, 2, new[] { 2, 0, 1, 0, 0, 0, 2, 1, 1, 1, 0, 1 })]
    [InlineData(ExifOrientation.Rotate180, 3, 2, new[] { 2, 1, 1, 1, 0, 1, 2, 0, 1, 0, 0, 0 })]
    [InlineData(ExifOrientation.FlipVertical, 3, 2, new[] { 0, 1, 1, 1, 2, 1, 0, 0, 1, 0, 2, 0 })]
    [InlineData(ExifOrientation.Transpose, 2, 3, new[] { 0, 0, 0, 1, 1, 0, 1, 1, 2, 0, 2, 1 })]
    [InlineData(ExifOrientation.Rotate90Clockwise, 2, 3, new[] { 0, 1, 0, 0, 1, 1, 1, 0, 2, 1, 2, 0 })]
    [InlineData(ExifOrientation.Transverse, 2, 3, new[] { 2, 1, 2, 0, 1, 1, 1, 0, 0, 1, 0, 0 })]
    [InlineData(ExifOrientation.Rotate90Anticlockwise, 2, 3, new[] { 2, 0, 2, 1, 1, 0, 1, 1, 0, 0, 0, 1 })]
    public void Orientation_moves_each_stored_pixel_to_its_upright_place(ExifOrientation orientation, int width, int height, int[] storedPositions)
    {
        // Stored 3 × 2; each pixel's red and green hold its stored (x, y).
        var upright = Coordinates(3, 2).Orient(orientation);

        Assert.Equal((width, height), (upright.Width, upright.Height));
        Assert.Equal(storedPositions.Chunk(2).Select(p => (p[0], p[1])), Positions(upright));
    }

    [Fact]
    public void The_pixel_buffer_must_match_the_size()
    {
        Assert.Throws<ArgumentException>(() => new RgbImage(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 2, []));
    }

    private static RgbImage FromRed(int width, int height, byte[] red) =>
        new(width, height, red.SelectMany(r => new byte[] { r, 0, 0 }).ToArray());

    private static byte[] Red(RgbImage image) => image.Pixels.Where((_, i) => i % 3 == 0).ToArray();

    // Each pixel's red and green channels record its own (x, y).
    private static RgbImage Coordinates(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[((y * width) + x) * 3] = (byte)x;
                pixels[(((y * width) + x) * 3) + 1] = (byte)y;
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static List<(int X, int Y)> Positions(RgbImage image) =>
        image.Pixels.Chunk(3).Select(p => ((int)p[0], (int)p[1])).ToList();
}
