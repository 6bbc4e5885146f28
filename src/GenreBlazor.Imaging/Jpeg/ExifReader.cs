using System.Buffers.Binary;

namespace GenreBlazor.Imaging.Jpeg;

/// <summary>Reads the one EXIF tag that changes pixels: orientation, from IFD0 of a TIFF-structured EXIF block.</summary>
internal static class ExifReader
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    /// <summary>The orientation in the block, or <see cref="ExifOrientation.Normal"/> when absent or unreadable.</summary>
    public static ExifOrientation ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        // A malformed EXIF block is common and harmless: the image is then taken as upright.
        if (tiff.Length < 8)
        {
            return ExifOrientation.Normal;
        }

        bool littleEndian;
        if (tiff.StartsWith("II*\0"u8))
        {
            littleEndian = true;
        }
        else if (tiff.StartsWith("MM\0*"u8))
        {
            littleEndian = false;
        }
        else
        {
            return ExifOrientation.Normal;
        }

        var directory = ReadUInt32(tiff[4..], littleEndian);
        if (directory > (uint)tiff.Length - 2)
        {
            return ExifOrientation.Normal;
        }

        var entries = ReadUInt16(tiff[(int)directory..], littleEndian);
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)directory + 2 + (12 * i);
            if (entry + 12 > tiff.Length)
            {
                break;
            }

            if (ReadUInt16(tiff[entry..], littleEndian) == OrientationTag && ReadUInt16(tiff[(entry + 2)..], littleEndian) == ShortType)
            {
                var value = ReadUInt16(tiff[(entry + 8)..], littleEndian);
                return value is >= 1 and <= 8 ? (ExifOrientation)value : ExifOrientation.Normal;
            }
        }

        return ExifOrientation.Normal;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
