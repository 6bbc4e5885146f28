using System.Text;

namespace GenreBlazor.Imaging;

/// <summary>
/// Tells the format from the first bytes of the data, never from a file name or a Content-Type, and names
/// what anything else looks like so that the person who uploaded it can tell what went wrong.
/// </summary>
public static class ImageFormatSniffer
{
    private const string Accepted = "Accepted formats: JPEG and PNG.";

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the data starts with a JPEG or PNG signature.</summary>
    public static bool TryIdentify(ReadOnlySpan<byte> encoded, out ImageFormat format)
    {
        if (encoded.StartsWith(JpegSignature))
        {
            format = ImageFormat.Jpeg;
            return true;
        }

        if (encoded.StartsWith(PngSignature))
        {
            format = ImageFormat.Png;
            return true;
        }

        format = default;
        return false;
    }

    /// <summary>The format of the data, or an <see cref="ImageDecodeException"/> saying what the data is instead.</summary>
    public static ImageFormat Identify(ReadOnlySpan<byte> encoded)
    {
        if (TryIdentify(encoded, out var format))
        {
            return format;
        }

        throw Refusal(encoded);
    }

    private static ImageDecodeException Refusal(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return new(ImageErrorKind.Empty, $"The file is empty (0 bytes), not an image. {Accepted}");
        }

        // A file cut inside its own signature is a truncated image, not a foreign format.
        if (JpegSignature.StartsWith(data) || PngSignature.StartsWith(data))
        {
            var name = JpegSignature.StartsWith(data) ? "JPEG" : "PNG";
            return new(ImageErrorKind.Truncated, $"The file holds only the first {data.Length} byte(s) of a {name} signature: it is truncated.");
        }

        if (OtherImageFormat(data) is { } imageFormat)
        {
            return new(ImageErrorKind.Unsupported, $"This is a {imageFormat} image, which is not accepted. {Accepted}");
        }

        return new(ImageErrorKind.NotAnImage, $"This is not an image: the data looks like {NonImageContent(data)}. {Accepted}");
    }

    private static string? OtherImageFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }

        // "BM" alone is common at the start of text; a BMP file header also has four reserved zero bytes.
        if (data.Length >= 14 && data.StartsWith("BM"u8) && data[6..10].IndexOfAnyExcept((byte)0) < 0)
        {
            return "BMP";
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]) && data.Length >= 6)
        {
            return "ICO (icon)";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || (data.Length >= 8 && data[4..8].SequenceEqual("JXL "u8)))
        {
            return "JPEG XL";
        }

        if ((data.Length >= 8 && data[4..8].SequenceEqual("jP  "u8)) || data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return "JPEG 2000";
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(data[8..12]);
            return brand switch
            {
                "avif" or "avis" => "AVIF",
                "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1" => "HEIC/HEIF",
                _ => null,
            };
        }

        // An HTML page may hold inline <svg> icons: only a document that is itself SVG counts.
        var text = LeadingText(data).TrimStart();
        var isSvg = text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && text.Contains("<svg", StringComparison.OrdinalIgnoreCase));
        return isSvg ? "SVG (vector)" : null;
    }

    private static string NonImageContent(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (data.StartsWith("PK\x03\x04"u8))
        {
            return "a ZIP archive";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return "gzip-compressed data";
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return "a video (MP4/QuickTime)";
        }

        if (!LooksLikeText(data))
        {
            var first = data[..Math.Min(data.Length, 4)].ToArray();
            return $"unrecognised binary data starting with {Convert.ToHexString(first)}";
        }

        var text = LeadingText(data).TrimStart();
        if (text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<head", StringComparison.OrdinalIgnoreCase))
        {
            // The usual story: a link to a web page, or a server's error page saved under the image's name.
            return "an HTML web page (perhaps an error page, or a page that shows the image rather than the image itself)";
        }

        if (text.StartsWith("<?xml", StringComparison.Ordinal) || text.StartsWith('<'))
        {
            return "an XML document";
        }

        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return "JSON";
        }

        return "plain text";
    }

    private static string LeadingText(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 1024)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        return Encoding.UTF8.GetString(head);
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 512)];
        foreach (var b in head)
        {
            var isControl = b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C);
            if (isControl || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
