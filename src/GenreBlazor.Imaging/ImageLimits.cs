namespace GenreBlazor.Imaging;

/// <summary>
/// Upper bounds checked before any pixel is allocated, so a decompression bomb (a small file whose header
/// claims a huge image) costs a few microseconds instead of gigabytes.
/// </summary>
/// <param name="MaxEncodedBytes">Largest accepted file.</param>
/// <param name="MaxWidth">Largest accepted width in pixels of the upright image.</param>
/// <param name="MaxHeight">Largest accepted height in pixels of the upright image.</param>
/// <param name="MaxPixels">Largest accepted width × height.</param>
public sealed record ImageLimits(
    long MaxEncodedBytes = 20_000_000,
    int MaxWidth = 12_000,
    int MaxHeight = 12_000,
    long MaxPixels = 40_000_000)
{
    /// <summary>The limits used when a caller passes none: 20 MB, 12,000 px a side, 40 megapixels.</summary>
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
        if (header.Width > MaxWidth || header.Height > MaxHeight || header.PixelCount > MaxPixels)
        {
            throw new ImageDecodeException(ImageErrorKind.TooLarge,
                $"The {header.Format.ToString().ToUpperInvariant()} image is {header.Width:N0} × {header.Height:N0} pixels " +
                $"({header.PixelCount / 1e6:0.#} megapixels); at most {MaxWidth:N0} × {MaxHeight:N0} pixels and " +
                $"{MaxPixels / 1e6:0.#} megapixels are accepted.");
        }
    }
}
