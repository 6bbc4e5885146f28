using GenreBlazor.Imaging;

namespace GenreBlazor.Vision.Tests.Posters;

/// <summary>Small images drawn pixel by pixel for hand-computed expectations.</summary>
internal static class SyntheticImages
{
    public static RgbImage Uniform(int width, int height, byte r, byte g, byte b) => Draw(width, height, (_, _) => (r, g, b));

    public static RgbImage Draw(int width, int height, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                var offset = ((y * width) + x) * 3;
                pixels[offset] = r;
                pixels[offset + 1] = g;
                pixels[offset + 2] = b;
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
