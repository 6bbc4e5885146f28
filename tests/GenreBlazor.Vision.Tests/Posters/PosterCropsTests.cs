using GenreBlazor.Imaging;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

public class PosterCropsTests
{
    private static readonly (byte, byte, byte) Red = (255, 0, 0);
    private static readonly (byte, byte, byte) Green = (0, 255, 0);
    private static readonly (byte, byte, byte) Blue = (0, 0, 255);

    // A 20 × 60 "poster": three 20 × 20 squares, red over green over blue.
    private static RgbImage Bands() => SyntheticImages.Draw(20, 60, (_, y) => y < 20 ? Red : y < 40 ? Green : Blue);

    private static bool AllPixels(RgbImage image, (byte R, byte G, byte B) colour)
    {
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            if (image.Pixels[i] != colour.R || image.Pixels[i + 1] != colour.G || image.Pixels[i + 2] != colour.B)
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData(PosterCrop.Top, 0)]
    [InlineData(PosterCrop.Centre, 1)]
    [InlineData(PosterCrop.Bottom, 2)]
    public void Square_crops_take_the_top_middle_or_bottom_square(PosterCrop crop, int band)
    {
        var view = PosterCrops.Make(Bands(), crop);

        Assert.Equal((224, 224), (view.Width, view.Height));
        Assert.True(AllPixels(view, new[] { Red, Green, Blue }[band]), $"{crop} should be uniformly band {band}");
    }

    [Fact]
    public void Full_squashes_the_whole_poster()
    {
        var view = PosterCrops.Make(Bands(), PosterCrop.Full);

        Assert.Equal((224, 224), (view.Width, view.Height));
        Assert.Equal(Red, view[100, 10]);
        Assert.Equal(Green, view[100, 112]);
        Assert.Equal(Blue, view[100, 213]);
    }

    [Fact]
    public void Landscape_top_crop_is_the_left_square()
    {
        var landscape = SyntheticImages.Draw(40, 20, (x, _) => x < 20 ? Red : Blue);

        Assert.True(AllPixels(PosterCrops.Make(landscape, PosterCrop.Top), Red));
        Assert.True(AllPixels(PosterCrops.Make(landscape, PosterCrop.Bottom), Blue));
    }

    [Fact]
    public void Mirror_swaps_columns_exactly()
    {
        // 3 × 2, each pixel a distinct value.
        var image = SyntheticImages.Draw(3, 2, (x, y) => ((byte)(10 * x), (byte)(100 + y), (byte)(x + (3 * y))));

        var mirrored = PosterCrops.Mirror(image);

        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                Assert.Equal(image[2 - x, y], mirrored[x, y]);
            }
        }
    }

    [Fact]
    public void Full_mirrored_puts_the_right_side_on_the_left()
    {
        var poster = SyntheticImages.Draw(20, 30, (x, _) => x < 10 ? Red : Blue);

        var view = PosterCrops.Make(poster, PosterCrop.FullMirrored);

        Assert.Equal(Blue, view[5, 100]);
        Assert.Equal(Red, view[218, 100]);
    }
}
