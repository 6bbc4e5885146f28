using SkiaSharp;

namespace GenreBlazor.Imaging;

/// <summary>Writes an <see cref="RgbImage"/> as a PNG, e.g. to show server-side pixels in a page (a poster under its occlusion map).</summary>
public static class PngEncoder
{
    public static unsafe byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Skia has no 3-byte colour type: widen to opaque RGBA.
        var rgba = new byte[image.Width * image.Height * 4];
        var rgb = image.Pixels;
        for (int source = 0, target = 0; source < rgb.Length; source += 3, target += 4)
        {
            rgba[target] = rgb[source];
            rgba[target + 1] = rgb[source + 1];
            rgba[target + 2] = rgb[source + 2];
            rgba[target + 3] = 255;
        }

        fixed (byte* pixels = rgba)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque), (IntPtr)pixels, image.Width * 4);
            using var encoded = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"Skia could not encode a {image.Width} × {image.Height} image as PNG.");
            return encoded.ToArray();
        }
    }
}
