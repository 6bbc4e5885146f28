using System.IO.Compression;

namespace GenreBlazor.Imaging;

/// <summary>
/// Writes an <see cref="RgbImage"/> as an 8-bit RGB PNG in managed code (zlib from the BCL, CRC-32 here), for showing
/// server-side pixels in a page (e.g. a poster under its occlusion map) without a native encoder.
/// </summary>
public static class PngEncoder
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The PNG bytes of the image.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rowBytes = image.Width * 3;
        var raw = new byte[(rowBytes + 1) * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            // filter type 0 (none) then the row
            image.Pixels.AsSpan(y * rowBytes, rowBytes).CopyTo(raw.AsSpan(y * (rowBytes + 1) + 1));
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(header, 0, (uint)image.Width);
        BigEndian(header, 4, (uint)image.Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BigEndian(word, 0, (uint)data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        var crc = Crc(0xFFFFFFFFu, type);
        crc = Crc(crc, data) ^ 0xFFFFFFFFu;
        BigEndian(word, 0, crc);
        stream.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }

    private static void BigEndian(Span<byte> target, int offset, uint value)
    {
        target[offset] = (byte)(value >> 24);
        target[offset + 1] = (byte)(value >> 16);
        target[offset + 2] = (byte)(value >> 8);
        target[offset + 3] = (byte)value;
    }
}
