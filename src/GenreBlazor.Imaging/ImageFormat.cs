namespace GenreBlazor.Imaging;

/// <summary>The encoded formats the server accepts.</summary>
public enum ImageFormat
{
    /// <summary>JPEG (JFIF/EXIF/Adobe), baseline or progressive, colour, greyscale or CMYK.</summary>
    Jpeg,

    /// <summary>PNG of any colour type and bit depth, interlaced or not.</summary>
    Png,
}

/// <summary>
/// What the header of an encoded image says, read without decoding any pixels. <see cref="Width"/> and
/// <see cref="Height"/> are the size of the upright image (after any EXIF orientation), which is the size
/// <see cref="ImageDecoder.Decode(ReadOnlySpan{byte}, ImageLimits?, int?)"/> returns when it does not scale.
/// </summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long PixelCount => (long)Width * Height;
}
