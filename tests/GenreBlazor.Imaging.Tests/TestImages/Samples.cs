namespace GenreBlazor.Imaging.Tests.TestImages;

/// <summary>Raw interleaved pixel buffers to encode.</summary>
internal static class Samples
{
    public static byte[] Solid(int width, int height, params byte[] pixel)
    {
        var samples = new byte[width * height * pixel.Length];
        for (var i = 0; i < samples.Length; i += pixel.Length)
        {
            pixel.CopyTo(samples, i);
        }

        return samples;
    }

    /// <summary>A smooth RGB pattern that JPEG keeps close to the original.</summary>
    public static byte[] Gradient(int width, int height)
    {
        var samples = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var offset = ((y * width) + x) * 3;
                samples[offset] = (byte)(x * 255 / Math.Max(1, width - 1));
                samples[offset + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                samples[offset + 2] = 128;
            }
        }

        return samples;
    }

    /// <summary>Pseudo-random pixels: incompressible, so the scan data spans most of the file.</summary>
    public static byte[] Noise(int width, int height, int seed = 7)
    {
        var samples = new byte[width * height * 3];
        new Random(seed).NextBytes(samples);
        return samples;
    }

    /// <summary>Largest per-sample difference between two equally long buffers.</summary>
    public static int MaxDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }

        return max;
    }

    /// <summary>Mean absolute per-sample difference.</summary>
    public static double MeanDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        long total = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            total += Math.Abs(expected[i] - actual[i]);
        }

        return (double)total / expected.Length;
    }
}
