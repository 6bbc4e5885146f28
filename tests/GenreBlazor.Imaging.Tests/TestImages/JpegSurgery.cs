using System.Buffers.Binary;

namespace GenreBlazor.Imaging.Tests.TestImages;

/// <summary>Edits JPEG marker segments in encoded test files.</summary>
internal static class JpegSurgery
{
    /// <summary>The offset and marker byte of every segment from SOI up to and including the first SOS.</summary>
    public static List<(int Offset, byte Marker, int Length)> Segments(byte[] jpeg)
    {
        var segments = new List<(int, byte, int)>();
        var position = 2;
        while (position + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[position]);
            var marker = jpeg[position + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
            segments.Add((position, marker, length));
            if (marker == 0xDA)
            {
                break;
            }

            position += 2 + length;
        }

        return segments;
    }

    public static bool HasMarker(byte[] jpeg, byte marker) => Segments(jpeg).Exists(segment => segment.Marker == marker);

    /// <summary>Rewrites the frame header's width and height (the scan data no longer matches).</summary>
    public static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var frame = Segments(copy).Find(segment => segment.Marker is 0xC0 or 0xC1 or 0xC2);
        Assert.NotEqual(0, frame.Offset);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame.Offset + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame.Offset + 7), (ushort)width);
        return copy;
    }

    /// <summary>Everything up to the first scan's entropy-coded data: all headers, no pixels.</summary>
    public static byte[] HeadersOnly(byte[] jpeg)
    {
        var scan = Segments(jpeg)[^1];
        Assert.Equal(0xDA, scan.Marker);
        return jpeg[..(scan.Offset + 2 + scan.Length)];
    }

    /// <summary>Inserts an APP1 EXIF segment (little-endian TIFF, one IFD0 entry: orientation) after SOI.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>Flips bits in the middle of the first scan's entropy-coded data, keeping every marker (no new FF byte).</summary>
    public static byte[] WithDamagedScan(byte[] jpeg)
    {
        var copy = (byte[])jpeg.Clone();
        var scan = Segments(copy)[^1];
        var start = scan.Offset + 2 + scan.Length;
        for (var i = start + ((copy.Length - start) / 3); i < start + ((copy.Length - start) / 2); i += 7)
        {
            if (copy[i] != 0xFF && copy[i - 1] != 0xFF && (copy[i] ^ 0x5A) != 0xFF)
            {
                copy[i] ^= 0x5A;
            }
        }

        return copy;
    }
}
