using GenreBlazor.Imaging.Codecs;

namespace GenreBlazor.Imaging;

/// <summary>
/// Upper bounds checked before any pixel is allocated, so a decompression bomb (a small file whose header
/// claims a huge image) costs a few microseconds instead of gigabytes.
/// </summary>
/// <param name="MaxEncodedBytes">Largest accepted file.</param>
/// <param name="MaxWidth">Largest accepted width in pixels of the upright image.</param>
/// <param name="MaxHeight">Largest accepted height in pixels of the upright image.</param>
/// <param name="MaxPixels">Largest accepted width × height.</param>
/// <param name="MaxMultiPassPixels">
/// Largest accepted width × height of a progressive or multi-scan JPEG or an interlaced PNG. Those are decoded
/// through a whole-image buffer (2 bytes per DCT coefficient, 3–8 bytes a pixel), not row by row, so they get a
/// tighter limit than <paramref name="MaxPixels"/> (decision 0031).
/// </param>
public sealed record ImageLimits(
    long MaxEncodedBytes = 20_000_000,
    int MaxWidth = 12_000,
    int MaxHeight = 12_000,
    long MaxPixels = 40_000_000,
    long MaxMultiPassPixels = 16_000_000)
{
    /// <summary>The limits used when a caller passes none: 20 MB, 12,000 px a side, 40 megapixels, 16 for multi-pass images.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Throws <see cref="ImageErrorKind.TooLarge"/> when the encoded data is longer than allowed.</summary>
    public void EnsureEncodedSizeAllowed(long encodedBytes)
    {
        if (encodedBytes > MaxEncodedBytes)
        {
            throw new ImageDecodeException(ImageErrorKind.TooLarge,
                $"The file is {encodedBytes:N0} bytes; at most {MaxEncodedBytes:N0} bytes are accepted.");
        }
    }

    /// <summary>Throws <see cref="ImageErrorKind.TooLarge"/> when the header describes a larger image than allowed.</summary>
    public void EnsureDimensionsAllowed(ImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Width > MaxWidth || header.Height > MaxHeight || header.PixelCount > MaxPixels)
        {
            throw TooLarge(header.Format.ToString().ToUpperInvariant(), header.Width, header.Height);
        }
    }

    // Before the codec reads the headers only the stored frame is known; its pixel count does not depend on orientation.
    internal void EnsureFrameAllowed(EncodedFrame frame)
    {
        if (frame.PixelCount > MaxPixels)
        {
            throw TooLarge(frame.FormatName, frame.Width, frame.Height);
        }

        if (frame.IsMultiPass && frame.PixelCount > MaxMultiPassPixels)
        {
            var kind = frame.Format == ImageFormat.Jpeg ? "progressive (multi-scan) JPEG" : "interlaced PNG";
            var plain = frame.Format == ImageFormat.Jpeg ? "a baseline JPEG" : "a non-interlaced PNG";
            throw new ImageDecodeException(ImageErrorKind.TooLarge,
                $"The image is a {kind} of {frame.Width:N0} × {frame.Height:N0} pixels ({frame.PixelCount / 1e6:0.#} megapixels). " +
                $"Such an image is decoded whole rather than row by row, so at most {MaxMultiPassPixels / 1e6:0.#} megapixels are accepted; " +
                $"save it as {plain} (any size up to {MaxPixels / 1e6:0.#} megapixels) or make it smaller.");
        }
    }

    private ImageDecodeException TooLarge(string format, int width, int height) => new(ImageErrorKind.TooLarge,
        $"The {format} image is {width:N0} × {height:N0} pixels ({(long)width * height / 1e6:0.#} megapixels); " +
        $"at most {MaxWidth:N0} × {MaxHeight:N0} pixels and {MaxPixels / 1e6:0.#} megapixels are accepted.");
}
