using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GenreBlazor.Imaging.Tests.TestImages;

public enum PngColourType : byte
{
    Grey = 0,
    Rgb = 2,
    Palette = 3,
    GreyAlpha = 4,
    Rgba = 6,
}

/// <summary>
/// Writes PNGs chunk by chunk (independently of libpng, so the decoder is not checked against itself).
/// Samples are whole bytes per channel (bit depth 8 or 16, big-endian for 16).
/// </summary>
internal static class PngBuilder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: x start, y start, x step, y step.
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static byte[] Build(int width, int height, PngColourType colourType, int bitDepth, byte[] samples,
        byte[]? palette = null, byte[]? transparency = null, bool interlaced = false)
    {
        var bytesPerPixel = Channels(colourType) * bitDepth / 8;
        Assert.Equal(width * height * bytesPerPixel, samples.Length);
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colourType;
        header[12] = interlaced ? (byte)1 : (byte)0;
        WriteChunk(png, "IHDR", header);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }

        WriteChunk(png, "IDAT", Compress(Scanlines(width, height, bytesPerPixel, samples, interlaced)));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The signature and IHDR of a claimed size, then a scrap of IDAT: a header with no image behind it.</summary>
    public static byte[] HeaderOnly(int width, int height, bool interlaced = false)
    {
        var full = Build(1, 1, PngColourType.Rgb, 8, [1, 2, 3]);
        BinaryPrimitives.WriteUInt32BigEndian(full.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(full.AsSpan(20), (uint)height);
        full[28] = interlaced ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(full.AsSpan(29), Crc32.Compute(full.AsSpan(12, 17)));
        return full[..45];
    }

    public static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typeAndData));
        png.Write(crc);
    }

    private static int Channels(PngColourType colourType) => colourType switch
    {
        PngColourType.Grey or PngColourType.Palette => 1,
        PngColourType.GreyAlpha => 2,
        PngColourType.Rgb => 3,
        _ => 4,
    };

    // Filter type 0 (None) on every row; interlaced images are written pass by pass.
    private static byte[] Scanlines(int width, int height, int bytesPerPixel, byte[] samples, bool interlaced)
    {
        using var raw = new MemoryStream();
        var passes = interlaced ? Adam7 : [(0, 0, 1, 1)];
        foreach (var (startX, startY, stepX, stepY) in passes)
        {
            if (startX >= width || startY >= height)
            {
                continue; // an empty pass has no rows at all, not even filter bytes
            }

            for (var y = startY; y < height; y += stepY)
            {
                raw.WriteByte(0);
                for (var x = startX; x < width; x += stepX)
                {
                    raw.Write(samples, ((y * width) + x) * bytesPerPixel, bytesPerPixel);
                }
            }
        }

        return raw.ToArray();
    }

    private static byte[] Compress(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return compressed.ToArray();
    }
}

/// <summary>CRC-32 (ISO 3309, as PNG uses), bit by bit: test data is tiny.</summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
