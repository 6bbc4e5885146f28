using GenreBlazor.Imaging;

namespace GenreBlazor.Imaging.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Encoded_png_decodes_back_to_the_same_pixels()
    {
        var pixels = new byte[7 * 5 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 37 % 256);
        }
        var image = new RgbImage(7, 5, pixels);
        var png = PngEncoder.Encode(image);
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.Identify(png));
        var decoded = ImageDecoder.Decode(png);
        Assert.Equal((7, 5), (decoded.Width, decoded.Height));
        Assert.Equal(pixels, decoded.Pixels);
    }
}
