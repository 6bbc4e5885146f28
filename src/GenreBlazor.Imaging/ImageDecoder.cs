using GenreBlazor.Imaging.Codecs;

namespace GenreBlazor.Imaging;

/// <summary>
/// Turns uploaded or stored JPEG/PNG bytes into upright 8-bit RGB, refusing anything else with an
/// <see cref="ImageDecodeException"/>. Stateless and safe to call from many threads at once.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Format and upright size (after any EXIF orientation) from the headers alone; no pixel is decoded.</summary>
    /// <exception cref="ImageDecodeException">Not a JPEG or PNG, or its headers are cut short or malformed.</exception>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> encoded) => SkiaDecoding.ReadHeader(encoded, EncodedFrame.Read(encoded));

    /// <summary>
    /// Decodes to upright RGB. The limits are checked from the headers before any pixel buffer exists.
    /// </summary>
    /// <param name="encoded">The file's bytes; the format comes from its signature, never from a name.</param>
    /// <param name="limits">Size limits; <see cref="ImageLimits.Default"/> when null.</param>
    /// <param name="targetMinSide">
    /// When set and the image's shorter side is longer, the image is decoded straight to the size whose shorter
    /// side is this many pixels (aspect ratio kept, each pixel the area average of the source behind it): a JPEG at
    /// the smallest DCT scale (1/8, 2/8…) that still covers it, a PNG row by row, so the full-size pixels never
    /// exist. Smaller images keep their size.
    /// </param>
    /// <exception cref="ImageDecodeException">The data is refused; <see cref="ImageDecodeException.Kind"/> says why.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageLimits? limits = null, int? targetMinSide = null) =>
        Decode(encoded, limits ?? ImageLimits.Default, targetMinSide, SkiaDecoding.DefaultBandBytes);

    /// <summary>Decodes a file, refusing an oversized one before reading it.</summary>
    public static RgbImage DecodeFile(string path, ImageLimits? limits = null, int? targetMinSide = null)
    {
        limits ??= ImageLimits.Default;
        limits.EnsureEncodedSizeAllowed(new FileInfo(path).Length);
        return Decode(File.ReadAllBytes(path), limits, targetMinSide);
    }

    /// <summary>Reads a stream (an upload) up to the byte limit and decodes it.</summary>
    public static async Task<RgbImage> DecodeAsync(Stream stream, ImageLimits? limits = null, int? targetMinSide = null, CancellationToken cancellationToken = default)
    {
        limits ??= ImageLimits.Default;
        var encoded = await ReadLimitedAsync(stream, limits, cancellationToken).ConfigureAwait(false);
        return Decode(encoded, limits, targetMinSide);
    }

    /// <summary>
    /// Reads a whole stream into memory, stopping with <see cref="ImageErrorKind.TooLarge"/> as soon as it
    /// passes <see cref="ImageLimits.MaxEncodedBytes"/>, so an endless upload never fills the memory.
    /// </summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream stream, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ImageLimits.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxEncodedBytes)
            {
                throw new ImageDecodeException(ImageErrorKind.TooLarge,
                    $"The file is larger than {limits.MaxEncodedBytes:N0} bytes, the most that is accepted.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Tests shrink the band to exercise many bands on small images.
    internal static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageLimits limits, int? targetMinSide, int bandBytes)
    {
        limits.EnsureEncodedSizeAllowed(encoded.Length);
        var frame = EncodedFrame.Read(encoded);
        limits.EnsureFrameAllowed(frame);
        return SkiaDecoding.Decode(encoded, frame, limits, targetMinSide, bandBytes);
    }

    internal static DecodePlan Plan(ReadOnlySpan<byte> encoded, int? targetMinSide) =>
        SkiaDecoding.Plan(encoded, EncodedFrame.Read(encoded), targetMinSide);
}
