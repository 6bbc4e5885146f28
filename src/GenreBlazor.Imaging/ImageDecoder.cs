using GenreBlazor.Imaging.Jpeg;
using GenreBlazor.Imaging.Png;

namespace GenreBlazor.Imaging;

/// <summary>
/// Turns uploaded or stored JPEG/PNG bytes into upright 8-bit RGB, refusing anything else with an
/// <see cref="ImageDecodeException"/>. Stateless and safe to call from many threads at once.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Format and upright size from the header alone (managed parsing, no pixels, no native call).</summary>
    /// <exception cref="ImageDecodeException">Not a JPEG or PNG, or its header is cut short or malformed.</exception>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> encoded) =>
        ImageFormatSniffer.Identify(encoded) == ImageFormat.Jpeg
            ? JpegHeader(JpegStructure.Read(encoded))
            : PngDecoder.ReadHeader(encoded);

    /// <summary>
    /// Decodes to upright RGB. The size limits are checked from the header before any pixel is allocated.
    /// </summary>
    /// <param name="encoded">The file's bytes; the format comes from its signature, never from a name.</param>
    /// <param name="limits">Size limits; <see cref="ImageLimits.Default"/> when null.</param>
    /// <param name="targetMinSide">
    /// When set, a JPEG may be decoded at a reduced scale (1/2, 1/4, 1/8…, done inside the JPEG decoder and
    /// much faster) as long as its shorter side stays at least this many pixels. PNGs always decode at full size.
    /// </param>
    /// <exception cref="ImageDecodeException">The data is refused; <see cref="ImageDecodeException.Kind"/> says why.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageLimits? limits = null, int? targetMinSide = null)
    {
        limits ??= ImageLimits.Default;
        limits.EnsureEncodedSizeAllowed(encoded.Length);
        if (ImageFormatSniffer.Identify(encoded) == ImageFormat.Jpeg)
        {
            var structure = JpegStructure.Read(encoded);
            limits.EnsureDimensionsAllowed(JpegHeader(structure));
            return JpegDecoder.Decode(encoded, structure, targetMinSide);
        }

        var header = PngDecoder.ReadHeader(encoded);
        limits.EnsureDimensionsAllowed(header);
        return PngDecoder.Decode(encoded, header);
    }

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

    private static ImageHeader JpegHeader(JpegStructure structure)
    {
        var (width, height) = structure.UprightSize;
        return new ImageHeader(ImageFormat.Jpeg, width, height);
    }
}
