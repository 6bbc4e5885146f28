using GenreBlazor.Imaging;
using GenreBlazor.Vision.Explanations;

namespace GenreBlazor.Vision.Tests;

public class PosterOcclusionTests
{
    /// <summary>A 40 × 60 image, red in its top-left 10 × 10 corner and mid-grey elsewhere.</summary>
    private static RgbImage RedCorner()
    {
        var pixels = new byte[40 * 60 * 3];
        for (var y = 0; y < 60; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                var red = x < 10 && y < 10;
                pixels[(y * 40 + x) * 3] = (byte)(red ? 250 : 128);
                pixels[(y * 40 + x) * 3 + 1] = (byte)(red ? 10 : 128);
                pixels[(y * 40 + x) * 3 + 2] = (byte)(red ? 10 : 128);
            }
        }
        return new RgbImage(40, 60, pixels);
    }

    /// <summary>A stand-in model: genre 0 is the share of strongly red pixels; genre 1 never changes.</summary>
    private static float[] Scorer(RgbImage image)
    {
        var red = 0;
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            red += image.Pixels[i] > 200 && image.Pixels[i + 1] < 50 ? 1 : 0;
        }
        return [red / 100f, 0.5f];
    }

    [Fact]
    public void Only_the_region_that_matters_lights_up()
    {
        var map = PosterOcclusion.Compute(RedCorner(), images => images.Select(Scorer).ToArray(), rows: 6, columns: 4);
        // cells are 10 × 10: the red corner is exactly cell (0, 0)
        Assert.Equal(1f, map.Baseline[0], 5);
        var genre0 = map.For(0);
        Assert.Equal(1f, genre0[0], 5);
        Assert.All(genre0.Skip(1), drop => Assert.Equal(0f, drop));
        Assert.All(map.For(1), drop => Assert.Equal(0f, drop));
        Assert.Equal((0, 0), map.Strongest(0));
    }

    [Fact]
    public void The_scorer_gets_the_poster_then_every_cell_in_one_call()
    {
        var calls = new List<int>();
        var map = PosterOcclusion.Compute(RedCorner(), images =>
        {
            calls.Add(images.Count);
            return images.Select(Scorer).ToArray();
        }, rows: 3, columns: 2);

        Assert.Equal([7], calls);
        Assert.Equal(6, map.Drops.Length);
    }

    [Fact]
    public void A_scorer_that_drops_images_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PosterOcclusion.Compute(RedCorner(), images => images.Skip(1).Select(Scorer).ToArray()));
        Assert.Contains("24 results for 25 images", error.Message);
    }

    [Fact]
    public void Occluding_a_cell_greys_exactly_that_cell()
    {
        var image = RedCorner();
        var occluded = PosterOcclusion.Occlude(image, row: 5, column: 3, rows: 6, columns: 4);
        Assert.Equal((128, 128, 128), ((int)occluded[35, 55].R, (int)occluded[35, 55].G, (int)occluded[35, 55].B));
        Assert.Equal(image[0, 0], occluded[0, 0]);
        Assert.Equal(image[29, 49], occluded[29, 49]);
    }
}
