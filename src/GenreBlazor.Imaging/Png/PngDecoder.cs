using System.Buffers.Binary;
using GenreBlazor.Imaging.Native;

namespace GenreBlazor.Imaging.Png;

/// <summary>Decodes a PNG to 8-bit sRGB through libpng's simplified API; transparency is flattened onto white.</summary>
internal static unsafe class PngDecoder
{
    private const int SignatureLength = 8;
    private const int HeaderChunkEnd = SignatureLength + 8 + 13 + 4; // length, type, IHDR data, CRC

    /// <summary>Width and height from the IHDR chunk, which the PNG specification requires to come first.</summary>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderChunkEnd)
        {
            throw new ImageDecodeException(ImageErrorKind.Truncated,
                $"The PNG is truncated: the file ends after {data.Length} bytes, inside its header.");
        }

        var chunk = data[SignatureLength..];
        if (BinaryPrimitives.ReadUInt32BigEndian(chunk) != 13 || !chunk[4..8].SequenceEqual("IHDR"u8))
        {
            throw new ImageDecodeException(ImageErrorKind.Corrupt, "The PNG is corrupt: it does not start with an IHDR header chunk.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(chunk[8..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(chunk[12..]);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
        {
            throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The PNG is corrupt: its header gives a size of {width} × {height}.");
        }

        return new ImageHeader(ImageFormat.Png, (int)width, (int)height);
    }

    public static RgbImage Decode(ReadOnlySpan<byte> data, ImageHeader header)
    {
        var image = new PngImage { Version = LibPngNative.ImageVersion };
        byte[] samples;
        bool hasAlpha;
        try
        {
            // libpng keeps reading from this memory until finish_read, so it stays pinned for the whole call.
            fixed (byte* png = data)
            {
                if (LibPngNative.ImageBeginReadFromMemory(&image, png, (nuint)data.Length) == 0)
                {
                    throw Failure(image.MessageText());
                }

                if (image.Width != header.Width || image.Height != header.Height)
                {
                    throw new ImageDecodeException(ImageErrorKind.Corrupt, "The PNG is corrupt: libpng read a different size from its header.");
                }

                hasAlpha = (image.Format & LibPngNative.FormatFlagAlpha) != 0;
                image.Format = hasAlpha ? LibPngNative.FormatRgba : LibPngNative.FormatRgb;
                image.Flags |= LibPngNative.ImageFlag16BitSrgb;
                var rowStride = checked(header.Width * (hasAlpha ? 4 : 3));
                samples = new byte[checked((long)rowStride * header.Height)];
                fixed (byte* target = samples)
                {
                    if (LibPngNative.ImageFinishRead(&image, null, target, rowStride, null) == 0)
                    {
                        throw Failure(image.MessageText());
                    }
                }
            }
        }
        finally
        {
            LibPngNative.ImageFree(&image);
        }

        var pixels = hasAlpha ? AlphaCompositing.OntoWhite(samples) : samples;
        return new RgbImage(header.Width, header.Height, pixels);
    }

    private static ImageDecodeException Failure(string libpngMessage)
    {
        // libpng's memory reader says "read beyond end of data" when the file stops early.
        if (libpngMessage.Contains("beyond end", StringComparison.OrdinalIgnoreCase)
            || libpngMessage.Contains("Not enough image data", StringComparison.OrdinalIgnoreCase))
        {
            return new(ImageErrorKind.Truncated, $"The PNG is truncated: the file ends before its image data does (libpng: {libpngMessage}).");
        }

        return new(ImageErrorKind.Corrupt, $"The PNG is corrupt (libpng: {libpngMessage}).");
    }
}
