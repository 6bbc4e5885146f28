using GenreBlazor.Imaging;

namespace GenreBlazor.Web.Components.Pages.Classify;

/// <summary>A poster the visitor chose or dropped, decoded on the server.</summary>
/// <param name="Name">The file's name, as the browser gave it.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="OriginalWidth">Upright width of the file's image.</param>
/// <param name="OriginalHeight">Upright height of the file's image.</param>
/// <param name="Image">The pixels at the poster model's size (shorter side 224, longer side at most 672).</param>
/// <param name="DataUrl">The same pixels as a PNG data URL: the preview and the occlusion map's backdrop.</param>
public sealed record UploadedPoster(string Name, long Bytes, int OriginalWidth, int OriginalHeight, RgbImage Image, string DataUrl)
{
    private const int ShortSide = 224;
    private const int MaxLongSide = ShortSide * 3;

    /// <summary>Reduces a decoded poster to the model's size; the page keeps only that much per visitor.</summary>
    public static RgbImage ModelSize(RgbImage decoded)
    {
        var scale = Math.Min((double)ShortSide / Math.Min(decoded.Width, decoded.Height), (double)MaxLongSide / Math.Max(decoded.Width, decoded.Height));
        if (scale >= 1)
        {
            return decoded;
        }
        return decoded.Resize(Math.Max(1, (int)Math.Round(decoded.Width * scale)), Math.Max(1, (int)Math.Round(decoded.Height * scale)));
    }
}
