using System.Buffers;
using System.Numerics;

namespace GenreBlazor.Imaging.Resampling;

/// <summary>Separable resampling of interleaved RGB: rows first into a float buffer, then columns.</summary>
internal static class Resampler
{
    private const int Channels = 3;

    public static byte[] Resize(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        var horizontal = AxisWeights.Create(sourceWidth, targetWidth);
        var vertical = AxisWeights.Create(sourceHeight, targetHeight);
        var rowLength = targetWidth * Channels;

        // A poster's intermediate rows take ~800 KB: pooled, so each request does not churn the large-object heap.
        var rows = ArrayPool<float>.Shared.Rent(sourceHeight * rowLength);
        var accumulator = ArrayPool<float>.Shared.Rent(rowLength);
        try
        {
            for (var y = 0; y < sourceHeight; y++)
            {
                ResampleRow(source.Slice(y * sourceWidth * Channels, sourceWidth * Channels), rows.AsSpan(y * rowLength, rowLength), horizontal);
            }

            var target = new byte[targetHeight * rowLength];
            var sum = accumulator.AsSpan(0, rowLength);
            for (var y = 0; y < targetHeight; y++)
            {
                sum.Clear();
                var first = vertical.First[y];
                var weights = vertical.Weights.AsSpan(y * vertical.Stride, vertical.Count[y]);
                for (var k = 0; k < weights.Length; k++)
                {
                    AddScaled(sum, rows.AsSpan((first + k) * rowLength, rowLength), weights[k]);
                }

                ToBytes(sum, target.AsSpan(y * rowLength, rowLength));
            }

            return target;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(accumulator);
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    private static unsafe void ResampleRow(ReadOnlySpan<byte> source, Span<float> target, AxisWeights axis)
    {
        // Pointers: AxisWeights guarantees every tap lies inside the row, and this loop is the hot one.
        fixed (byte* row = source)
        fixed (float* output = target, allWeights = axis.Weights)
        fixed (int* firsts = axis.First, counts = axis.Count)
        {
            for (var x = 0; x < axis.First.Length; x++)
            {
                float r = 0, g = 0, b = 0;
                var tap = row + (firsts[x] * Channels);
                var weights = allWeights + (x * axis.Stride);
                for (var k = 0; k < counts[x]; k++, tap += Channels)
                {
                    var weight = weights[k];
                    r += tap[0] * weight;
                    g += tap[1] * weight;
                    b += tap[2] * weight;
                }

                var pixel = output + (x * Channels);
                pixel[0] = r;
                pixel[1] = g;
                pixel[2] = b;
            }
        }
    }

    private static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> row, float weight)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scaled = new Vector<float>(weight);
            for (; i <= accumulator.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(accumulator[i..]) + (new Vector<float>(row[i..]) * scaled)).CopyTo(accumulator[i..]);
            }
        }

        for (; i < accumulator.Length; i++)
        {
            accumulator[i] += row[i] * weight;
        }
    }

    private static void ToBytes(ReadOnlySpan<float> values, Span<byte> target)
    {
        // Weights are non-negative and sum to 1, so values stay within 0..255 up to rounding error.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<float>(0.5f);
            var limit = new Vector<float>(255f);
            var width = Vector<float>.Count;
            for (; i <= values.Length - (4 * width); i += 4 * width)
            {
                var low = Vector.Narrow(Rounded(values[i..], half, limit), Rounded(values[(i + width)..], half, limit));
                var high = Vector.Narrow(Rounded(values[(i + (2 * width))..], half, limit), Rounded(values[(i + (3 * width))..], half, limit));
                Vector.Narrow(low, high).CopyTo(target[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            target[i] = (byte)Math.Clamp((int)(values[i] + 0.5f), 0, 255);
        }
    }

    private static Vector<uint> Rounded(ReadOnlySpan<float> values, Vector<float> half, Vector<float> limit) =>
        Vector.ConvertToUInt32(Vector.Min(Vector.Max(new Vector<float>(values) + half, Vector<float>.Zero), limit));
}
