using System.IO.Compression;

namespace GenreBlazor.Tests;

/// <summary>Small PNG files written by the tests themselves (8-bit RGB, zlib via the BCL, CRC-32 computed here).</summary>
internal static class TestImages
{
    /// <summary>Encodes an RGB image whose pixel (x, y) is <paramref name="pixel"/>(x, y).</summary>
    public static byte[] Png(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel) =>
        Encode(width, height, zlib =>
        {
            var row = new byte[1 + width * 3]; // filter byte 0 (none), then the pixels
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    (row[1 + x * 3], row[2 + x * 3], row[3 + x * 3]) = pixel(x, y);
                }
                zlib.Write(row);
            }
        });

    /// <summary>A black PNG of any size, compressed row by row (a large one is a decompression bomb: tiny file, huge image).</summary>
    public static byte[] BlackPng(int width, int height) =>
        Encode(width, height, zlib =>
        {
            var row = new byte[1 + width * 3];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        });

    /// <summary>A PNG header claiming a size, with no image data behind it (a decompression bomb's calling card).</summary>
    public static byte[] PngHeaderOnly(int width, int height) => Encode(width, height, rows: null);

    /// <summary>Signature, header, the compressed rows <paramref name="rows"/> writes (none when null), end.</summary>
    private static byte[] Encode(int width, int height, Action<Stream>? rows)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        Chunk(png, "IHDR", header);
        if (rows is null)
        {
            return png.ToArray();
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            rows(zlib);
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        stream.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        stream.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typed));
        stream.Write(crc);
    }

    private static void WriteBigEndian(byte[] target, int offset, uint value)
    {
        target[offset] = (byte)(value >> 24);
        target[offset + 1] = (byte)(value >> 16);
        target[offset + 2] = (byte)(value >> 8);
        target[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
