using System.Buffers.Binary;

namespace GenreBlazor.Imaging.Jpeg;

/// <summary>What the markers before the first scan say about a JPEG, read in managed code without decoding.</summary>
/// <param name="Width">Stored width (from the frame header).</param>
/// <param name="Height">Stored height (from the frame header).</param>
/// <param name="HasAdobeMarker">An APP14 "Adobe" segment is present: CMYK samples are stored inverted.</param>
/// <param name="Orientation">The EXIF orientation, <see cref="ExifOrientation.Normal"/> when absent.</param>
/// <param name="FirstScanOffset">Where the entropy-coded data of the first scan begins.</param>
internal sealed record JpegStructure(int Width, int Height, bool HasAdobeMarker, ExifOrientation Orientation, int FirstScanOffset)
{
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private const byte App1 = 0xE1;
    private const byte App14 = 0xEE;

    /// <summary>The upright size, after the EXIF orientation is applied.</summary>
    public (int Width, int Height) UprightSize => Orientation.SwapsAxes() ? (Height, Width) : (Width, Height);

    /// <summary>Whether an end-of-image marker follows the first scan, i.e. the file was not cut short.</summary>
    public bool HasEndOfImage(ReadOnlySpan<byte> data) =>
        // Entropy-coded data escapes every 0xFF (FF 00), so FF D9 after the first scan can only be the EOI marker.
        data[FirstScanOffset..].IndexOf((ReadOnlySpan<byte>)[0xFF, EndOfImage]) >= 0;

    /// <summary>Walks the marker segments from SOI to the first SOS.</summary>
    public static JpegStructure Read(ReadOnlySpan<byte> data)
    {
        int? width = null, height = null;
        var adobe = false;
        ExifOrientation? orientation = null;
        var position = 2; // after SOI
        while (true)
        {
            if (position >= data.Length)
            {
                throw Truncated(data.Length);
            }

            if (data[position] != 0xFF)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The JPEG is corrupt: no marker where one was expected (byte {position:N0}).");
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++; // fill bytes
            }

            if (position >= data.Length)
            {
                throw Truncated(data.Length);
            }

            var marker = data[position++];
            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
            {
                continue; // markers without a length
            }

            if (marker == EndOfImage)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, "The JPEG ends (EOI marker) before any image data.");
            }

            if (position + 2 > data.Length)
            {
                throw Truncated(data.Length);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The JPEG is corrupt: marker 0xFF{marker:X2} has length {length}.");
            }

            if (position + length > data.Length)
            {
                throw Truncated(data.Length);
            }

            var payload = data.Slice(position + 2, length - 2);
            position += length;
            switch (marker)
            {
                case StartOfScan when width is null || height is null:
                    throw new ImageDecodeException(ImageErrorKind.Corrupt, "The JPEG is corrupt: image data starts before the frame header (SOF).");
                case StartOfScan:
                    return new JpegStructure(width.Value, height.Value, adobe, orientation ?? ExifOrientation.Normal, position);
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    (width, height) = ReadFrameSize(payload);
                    break;
                case App14 when payload.StartsWith("Adobe"u8):
                    adobe = true;
                    break;
                case App1 when orientation is null && payload.StartsWith("Exif\0\0"u8):
                    orientation = ExifReader.ReadOrientation(payload[6..]);
                    break;
            }
        }
    }

    private static (int Width, int Height) ReadFrameSize(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 6)
        {
            throw new ImageDecodeException(ImageErrorKind.Corrupt, "The JPEG is corrupt: its frame header (SOF) is too short.");
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        if (width == 0 || height == 0)
        {
            // Height 0 defers the height to a DNL marker, which libjpeg does not support either.
            throw new ImageDecodeException(ImageErrorKind.Unsupported, $"The JPEG's frame header gives a size of {width} × {height}, which is not supported.");
        }

        return (width, height);
    }

    private static ImageDecodeException Truncated(int length) =>
        new(ImageErrorKind.Truncated, $"The JPEG is truncated: the file ends after {length:N0} bytes, inside its header, before any image data.");
}
