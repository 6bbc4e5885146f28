using System.Buffers.Binary;

namespace GenreBlazor.Imaging.Tests.TestImages;

/// <summary>What the samples handed to <see cref="JpegWriter"/> are, and how the file stores them.</summary>
public enum JpegPixels
{
    /// <summary>R, G, B; stored as YCbCr with a JFIF marker.</summary>
    Rgb,

    /// <summary>One grey sample a pixel.</summary>
    Gray,

    /// <summary>C, M, Y, K as Adobe writes them (255 − ink), stored as is with an Adobe marker (transform 0).</summary>
    Cmyk,

    /// <summary>The same samples stored as YCCK (C, M, Y turned into YCbCr; Adobe transform 2).</summary>
    Ycck,

    /// <summary>C, M, Y, K stored as given with no Adobe marker (and no JFIF marker either).</summary>
    UnmarkedCmyk,
}

public enum JpegSubsampling
{
    Full444,
    Half420,
}

/// <summary>
/// Writes test JPEGs independently of the decoder under test: baseline or progressive (spectral selection), grey,
/// YCbCr 4:4:4 or 4:2:0, Adobe CMYK or YCCK. Quantisation is flat and the Huffman tables are flat (every DC size
/// symbol 4 bits, every AC symbol 8 bits): valid files, not small ones.
/// </summary>
internal static class JpegWriter
{
    private static readonly int[] ZigZag = BuildZigZag();
    private static readonly double[,] Cosines = BuildCosines();
    private static readonly byte[] AcSymbols = BuildAcSymbols();

    public static byte[] Encode(byte[] samples, int width, int height, JpegPixels pixels = JpegPixels.Rgb,
        JpegSubsampling subsampling = JpegSubsampling.Full444, int quality = 95, bool progressive = false)
    {
        var planes = Planes(samples, width, height, pixels);
        var subsampled = subsampling == JpegSubsampling.Half420;
        Assert.False(subsampled && (pixels != JpegPixels.Rgb || progressive), "4:2:0 is written for baseline colour images only");
        var components = planes.Select((plane, i) => subsampled && i > 0
            ? new Component(i + 1, 1, 1, Halve(plane, width, height), (width + 1) / 2, (height + 1) / 2)
            : new Component(i + 1, subsampled ? 2 : 1, subsampled ? 2 : 1, plane, width, height)).ToList();
        var maxSampling = components.Max(c => c.H);
        int mcusAcross = Ceiling(width, 8 * maxSampling), mcusDown = Ceiling(height, 8 * maxSampling);
        var quantiser = Math.Max(1, (100 - quality) / 2);
        foreach (var component in components)
        {
            component.Transform(mcusAcross * component.H, mcusDown * component.V, quantiser);
        }

        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        if (pixels is JpegPixels.Cmyk or JpegPixels.Ycck)
        {
            Segment(jpeg, 0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, pixels == JpegPixels.Ycck ? (byte)2 : (byte)0]);
        }
        else if (pixels != JpegPixels.UnmarkedCmyk)
        {
            Segment(jpeg, 0xE0, [.. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        }

        Segment(jpeg, 0xDB, [0, .. Enumerable.Repeat((byte)quantiser, 64)]);
        var frame = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components.Count };
        foreach (var component in components)
        {
            frame.AddRange([(byte)component.Id, (byte)((component.H << 4) | component.V), 0]);
        }

        Segment(jpeg, progressive ? (byte)0xC2 : (byte)0xC0, [.. frame]);
        Segment(jpeg, 0xC4, [0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. Enumerable.Range(0, 12).Select(s => (byte)s),
            0x10, 0, 0, 0, 0, 0, 0, 0, (byte)AcSymbols.Length, 0, 0, 0, 0, 0, 0, 0, 0, .. AcSymbols]);
        if (!progressive)
        {
            Scan(jpeg, components, mcusAcross, mcusDown, 0, 63);
        }
        else
        {
            Scan(jpeg, components, mcusAcross, mcusDown, 0, 0);
            foreach (var (first, last) in new[] { (1, 5), (6, 63) })
            {
                foreach (var component in components)
                {
                    Scan(jpeg, [component], mcusAcross, mcusDown, first, last);
                }
            }
        }

        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>An image whose every pixel is the same colour.</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b, JpegSubsampling subsampling = JpegSubsampling.Full444, int quality = 95) =>
        Encode(Samples.Solid(width, height, r, g, b), width, height, JpegPixels.Rgb, subsampling, quality);

    // One scan: all of its components' blocks interleaved MCU by MCU, or one component's blocks in raster order.
    private static void Scan(Stream jpeg, IReadOnlyList<Component> components, int mcusAcross, int mcusDown, int first, int last)
    {
        var header = new List<byte> { (byte)components.Count };
        foreach (var component in components)
        {
            header.AddRange([(byte)component.Id, 0x00]);
        }

        header.AddRange([(byte)first, (byte)last, 0]);
        Segment(jpeg, 0xDA, [.. header]);
        var bits = new BitWriter(jpeg);
        var predictors = new int[components.Count];
        if (components.Count == 1)
        {
            var component = components[0];
            int across = Ceiling(component.Width, 8), down = Ceiling(component.Height, 8);
            for (var y = 0; y < down; y++)
            {
                for (var x = 0; x < across; x++)
                {
                    EncodeBlock(bits, component.Block(x, y), ref predictors[0], first, last);
                }
            }
        }
        else
        {
            for (var my = 0; my < mcusDown; my++)
            {
                for (var mx = 0; mx < mcusAcross; mx++)
                {
                    for (var c = 0; c < components.Count; c++)
                    {
                        var component = components[c];
                        for (var v = 0; v < component.V; v++)
                        {
                            for (var h = 0; h < component.H; h++)
                            {
                                EncodeBlock(bits, component.Block((mx * component.H) + h, (my * component.V) + v), ref predictors[c], first, last);
                            }
                        }
                    }
                }
            }
        }

        bits.Flush();
    }

    private static void EncodeBlock(BitWriter bits, int[] zigzagged, ref int predictor, int first, int last)
    {
        if (first == 0)
        {
            var difference = zigzagged[0] - predictor;
            predictor = zigzagged[0];
            var size = Magnitude(difference);
            bits.Write(size, 4);
            bits.WriteValue(difference, size);
        }

        var run = 0;
        for (var k = Math.Max(first, 1); k <= last; k++)
        {
            if (zigzagged[k] == 0)
            {
                run++;
                continue;
            }

            for (; run > 15; run -= 16)
            {
                bits.Write(Array.IndexOf(AcSymbols, (byte)0xF0), 8);
            }

            var size = Magnitude(zigzagged[k]);
            bits.Write(Array.IndexOf(AcSymbols, (byte)((run << 4) | size)), 8);
            bits.WriteValue(zigzagged[k], size);
            run = 0;
        }

        if (run > 0 && last > 0)
        {
            bits.Write(Array.IndexOf(AcSymbols, (byte)0x00), 8); // end of block (in a progressive scan: a run of one)
        }
    }

    private static float[][] Planes(byte[] samples, int width, int height, JpegPixels pixels)
    {
        var channels = pixels switch { JpegPixels.Gray => 1, JpegPixels.Rgb => 3, _ => 4 };
        Assert.Equal(width * height * channels, samples.Length);
        var planes = Enumerable.Range(0, channels).Select(_ => new float[width * height]).ToArray();
        for (var i = 0; i < width * height; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                planes[c][i] = samples[(i * channels) + c];
            }

            if (pixels is JpegPixels.Rgb or JpegPixels.Ycck)
            {
                // YCCK is the YCbCr of the complemented C, M, Y (libjpeg's cmyk_ycck_convert); K passes through.
                var complement = pixels == JpegPixels.Ycck ? 255 : 0;
                float r = Math.Abs(complement - planes[0][i]), g = Math.Abs(complement - planes[1][i]), b = Math.Abs(complement - planes[2][i]);
                planes[0][i] = (0.299f * r) + (0.587f * g) + (0.114f * b);
                planes[1][i] = (-0.168736f * r) - (0.331264f * g) + (0.5f * b) + 128;
                planes[2][i] = (0.5f * r) - (0.418688f * g) - (0.081312f * b) + 128;
            }
        }

        return planes;
    }

    private static float[] Halve(float[] plane, int width, int height)
    {
        int halfWidth = (width + 1) / 2, halfHeight = (height + 1) / 2;
        var half = new float[halfWidth * halfHeight];
        for (var y = 0; y < halfHeight; y++)
        {
            for (var x = 0; x < halfWidth; x++)
            {
                float sum = 0;
                for (var k = 0; k < 4; k++)
                {
                    sum += plane[(Math.Min(height - 1, (2 * y) + (k / 2)) * width) + Math.Min(width - 1, (2 * x) + (k % 2))];
                }

                half[(y * halfWidth) + x] = sum / 4;
            }
        }

        return half;
    }

    private static void Segment(Stream jpeg, byte marker, byte[] payload)
    {
        Span<byte> head = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)(payload.Length + 2));
        jpeg.Write(head);
        jpeg.Write(payload);
    }

    private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;

    private static int Magnitude(int value) => value == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(value));

    private static int[] BuildZigZag()
    {
        var order = new int[64];
        var i = 0;
        for (var sum = 0; sum < 15; sum++)
        {
            var low = Math.Max(0, sum - 7);
            var high = Math.Min(sum, 7);
            for (var step = 0; step <= high - low; step++)
            {
                var row = sum % 2 == 0 ? high - step : low + step;
                order[i++] = (row * 8) + (sum - row);
            }
        }

        return order;
    }

    private static double[,] BuildCosines()
    {
        var table = new double[8, 8];
        for (var u = 0; u < 8; u++)
        {
            for (var x = 0; x < 8; x++)
            {
                table[u, x] = (u == 0 ? Math.Sqrt(0.5) : 1) * Math.Cos(((2 * x) + 1) * u * Math.PI / 16);
            }
        }

        return table;
    }

    // End of block, sixteen zeros, then every (zero run, size) pair an 8-bit sample can need.
    private static byte[] BuildAcSymbols() =>
        [0x00, 0xF0, .. Enumerable.Range(0, 16).SelectMany(run => Enumerable.Range(1, 10).Select(size => (byte)((run << 4) | size)))];

    private sealed class Component(int id, int h, int v, float[] plane, int width, int height)
    {
        private int[][,]? blocks;
        private int blocksAcross;

        public int Id => id;

        public int H => h;

        public int V => v;

        public int Width => width;

        public int Height => height;

        public int[] Block(int x, int y)
        {
            var block = blocks![(y * blocksAcross) + x];
            var zigzagged = new int[64];
            for (var k = 0; k < 64; k++)
            {
                zigzagged[k] = block[ZigZag[k] / 8, ZigZag[k] % 8];
            }

            return zigzagged;
        }

        // Forward DCT of every block of a grid padded by repeating the edge samples, then quantised.
        public void Transform(int across, int down, int quantiser)
        {
            blocksAcross = across;
            blocks = new int[across * down][,];
            var samples = new double[8, 8];
            for (var by = 0; by < down; by++)
            {
                for (var bx = 0; bx < across; bx++)
                {
                    for (var y = 0; y < 8; y++)
                    {
                        for (var x = 0; x < 8; x++)
                        {
                            var sx = Math.Min(width - 1, (bx * 8) + x);
                            var sy = Math.Min(height - 1, (by * 8) + y);
                            samples[y, x] = plane[(sy * width) + sx] - 128;
                        }
                    }

                    // Separable: columns first, then rows.
                    var columns = new double[8, 8];
                    for (var v = 0; v < 8; v++)
                    {
                        for (var x = 0; x < 8; x++)
                        {
                            for (var y = 0; y < 8; y++)
                            {
                                columns[v, x] += samples[y, x] * Cosines[v, y];
                            }
                        }
                    }

                    var coefficients = new int[8, 8];
                    for (var v = 0; v < 8; v++)
                    {
                        for (var u = 0; u < 8; u++)
                        {
                            double sum = 0;
                            for (var x = 0; x < 8; x++)
                            {
                                sum += columns[v, x] * Cosines[u, x];
                            }

                            coefficients[v, u] = (int)Math.Round(sum / 4 / quantiser);
                        }
                    }

                    blocks[(by * across) + bx] = coefficients;
                }
            }
        }
    }

    private sealed class BitWriter(Stream output)
    {
        private int buffer;
        private int count;

        public void Write(int bits, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((bits >> i) & 1);
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        // Negative values are written as value − 1 in `size` bits (ones' complement), as the JPEG standard says.
        public void WriteValue(int value, int size)
        {
            if (size > 0)
            {
                Write(value >= 0 ? value : value + (1 << size) - 1, size);
            }
        }

        public void Flush()
        {
            while (count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)buffer);
            if (buffer == 0xFF)
            {
                output.WriteByte(0); // byte stuffing: FF in entropy-coded data is followed by 00
            }

            buffer = 0;
            count = 0;
        }
    }
}
