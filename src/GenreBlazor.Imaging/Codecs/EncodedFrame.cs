using System.Buffers.Binary;

namespace GenreBlazor.Imaging.Codecs;

/// <summary>
/// The stored frame of a JPEG or PNG as its first header says, read in managed code before the codec sees the
/// bytes: a decompression bomb is refused from these numbers alone. The size is the stored one, before EXIF
/// orientation.
/// </summary>
/// <param name="Format">JPEG or PNG, from the signature.</param>
/// <param name="Width">Stored width.</param>
/// <param name="Height">Stored height.</param>
/// <param name="IsMultiPass">
/// A progressive or multi-scan JPEG, or an interlaced PNG: its first rows are not final until the last pass, so the
/// decoder holds a whole-image buffer (decision 0031).
/// </param>
/// <param name="FirstScanOffset">JPEG: where the entropy-coded data of the first scan starts; PNG: 0.</param>
internal sealed record EncodedFrame(ImageFormat Format, int Width, int Height, bool IsMultiPass, int FirstScanOffset)
{
    private const int PngSignatureLength = 8;
    private const int PngHeaderEnd = PngSignatureLength + 8 + 13 + 4; // length, type, IHDR data, CRC
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public long PixelCount => (long)Width * Height;

    public string FormatName => Format.ToString().ToUpperInvariant();

    /// <exception cref="ImageDecodeException">Not a JPEG or PNG, or its header is cut short or malformed.</exception>
    public static EncodedFrame Read(ReadOnlySpan<byte> data) =>
        ImageFormatSniffer.Identify(data) == ImageFormat.Jpeg ? ReadJpeg(data) : ReadPng(data);

    /// <summary>
    /// Whether an end-of-image marker follows the first scan. Entropy-coded data escapes every 0xFF (FF 00), so FF D9
    /// there can only be EOI: without it the file was cut short, with it a failed decode means damaged data.
    /// </summary>
    public bool HasEndOfImage(ReadOnlySpan<byte> data) =>
        Format == ImageFormat.Jpeg && data[FirstScanOffset..].IndexOf((ReadOnlySpan<byte>)[0xFF, EndOfImage]) >= 0;

    private static EncodedFrame ReadPng(ReadOnlySpan<byte> data)
    {
        // The PNG specification puts IHDR first.
        if (data.Length < PngHeaderEnd)
        {
            throw new ImageDecodeException(ImageErrorKind.Truncated,
                $"The PNG is truncated: the file ends after {data.Length} bytes, inside its header.");
        }

        var chunk = data[PngSignatureLength..];
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

        var interlaced = chunk[20] != 0;
        return new EncodedFrame(ImageFormat.Png, (int)width, (int)height, interlaced, 0);
    }

    // Walks the marker segments from SOI to the first SOS.
    private static EncodedFrame ReadJpeg(ReadOnlySpan<byte> data)
    {
        (int Width, int Height, int Components, bool Progressive)? frame = null;
        var position = 2; // after SOI
        while (true)
        {
            if (position >= data.Length)
            {
                throw JpegTruncated(data.Length);
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
                throw JpegTruncated(data.Length);
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
                throw JpegTruncated(data.Length);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt, $"The JPEG is corrupt: marker 0xFF{marker:X2} has length {length}.");
            }

            if (position + length > data.Length)
            {
                throw JpegTruncated(data.Length);
            }

            var payload = data.Slice(position + 2, length - 2);
            position += length;
            if (marker == StartOfScan)
            {
                if (frame is not { } f)
                {
                    throw new ImageDecodeException(ImageErrorKind.Corrupt, "The JPEG is corrupt: image data starts before the frame header (SOF).");
                }

                // A first scan without every component means a multi-scan file, which libjpeg buffers like a progressive one.
                var scanComponents = payload.IsEmpty ? 0 : payload[0];
                return new EncodedFrame(ImageFormat.Jpeg, f.Width, f.Height, f.Progressive || scanComponents < f.Components, position);
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                frame = ReadJpegFrame(payload, progressive: marker is 0xC2 or 0xC6 or 0xCA or 0xCE);
            }
        }
    }

    private static (int Width, int Height, int Components, bool Progressive) ReadJpegFrame(ReadOnlySpan<byte> frame, bool progressive)
    {
        if (frame.Length < 6)
        {
            throw new ImageDecodeException(ImageErrorKind.Corrupt, "The JPEG is corrupt: its frame header (SOF) is too short.");
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        if (width == 0 || height == 0)
        {
            // Height 0 defers the height to a DNL marker, which libjpeg does not support.
            throw new ImageDecodeException(ImageErrorKind.Unsupported, $"The JPEG's frame header gives a size of {width} × {height}, which is not supported.");
        }

        return (width, height, frame[5], progressive);
    }

    private static ImageDecodeException JpegTruncated(int length) =>
        new(ImageErrorKind.Truncated, $"The JPEG is truncated: the file ends after {length:N0} bytes, inside its header, before any image data.");
}
