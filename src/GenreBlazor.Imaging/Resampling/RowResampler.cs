using System.Numerics;

namespace GenreBlazor.Imaging.Resampling;

/// <summary>
/// Separable resampling of interleaved RGB that takes the source one row at a time, top to bottom: each row is
/// resampled horizontally at once and added into the few target rows it contributes to, and a target row is
/// written out as soon as its last source row has arrived. The source is never held whole, so a decoder can feed
/// it scanlines of a 6000 × 6000 image and keep only a few rows in memory.
/// </summary>
internal sealed class RowResampler
{
    private const int Channels = 3;

    private readonly int sourceWidth;
    private readonly int targetWidth;
    private readonly int targetHeight;
    private readonly AxisWeights? horizontal;
    private readonly AxisWeights vertical;
    private readonly int[] lastSourceRow;
    private readonly float[][] open;
    private readonly float[] resampledRow;
    private readonly byte[] target;
    private int sourceRow;
    private int nextTargetRow;

    public RowResampler(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetHeight, 1);
        this.sourceWidth = sourceWidth;
        this.targetWidth = targetWidth;
        this.targetHeight = targetHeight;
        horizontal = sourceWidth == targetWidth ? null : AxisWeights.Create(sourceWidth, targetWidth);
        vertical = AxisWeights.Create(sourceHeight, targetHeight);
        lastSourceRow = new int[targetHeight];
        for (var y = 0; y < targetHeight; y++)
        {
            lastSourceRow[y] = vertical.First[y] + vertical.Count[y] - 1;
        }

        // Target rows are finished in order (first and last source rows both only grow), so the rows still open at
        // any moment are consecutive: a ring of as many accumulators as ever overlap.
        var overlap = 1;
        for (int y = 0, last = 0; y < targetHeight; y++)
        {
            last = Math.Max(last, y);
            while (last + 1 < targetHeight && vertical.First[last + 1] <= lastSourceRow[y])
            {
                last++;
            }

            overlap = Math.Max(overlap, last - y + 1);
        }

        var rowLength = targetWidth * Channels;
        open = new float[overlap][];
        for (var i = 0; i < overlap; i++)
        {
            open[i] = new float[rowLength];
        }

        resampledRow = new float[rowLength];
        target = new byte[checked(targetHeight * rowLength)];
    }

    public bool IsComplete => nextTargetRow == targetHeight;

    /// <summary>
    /// Takes the next source row: sourceWidth pixels of <paramref name="bytesPerPixel"/> bytes whose first three are
    /// R, G, B (4 lets a decoder hand over opaque RGBA rows without compacting them first).
    /// </summary>
    public void Add(ReadOnlySpan<byte> row, int bytesPerPixel = Channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerPixel, Channels);
        if (row.Length != sourceWidth * bytesPerPixel)
        {
            throw new ArgumentException($"A source row holds {sourceWidth * bytesPerPixel} bytes, not {row.Length}.", nameof(row));
        }

        if (IsComplete)
        {
            throw new InvalidOperationException("Every target row is already written; the source has more rows than it was said to.");
        }

        if (horizontal is null)
        {
            for (int source = 0, target = 0; target < resampledRow.Length; source += bytesPerPixel, target += Channels)
            {
                resampledRow[target] = row[source];
                resampledRow[target + 1] = row[source + 1];
                resampledRow[target + 2] = row[source + 2];
            }
        }
        else
        {
            ResampleRow(row, bytesPerPixel, resampledRow, horizontal);
        }

        for (var y = nextTargetRow; y < targetHeight && vertical.First[y] <= sourceRow; y++)
        {
            var accumulator = open[y % open.Length];
            var tap = sourceRow - vertical.First[y];
            if (tap == 0)
            {
                Array.Clear(accumulator);
            }

            if (tap < vertical.Count[y])
            {
                AddScaled(accumulator, resampledRow, vertical.Weights[(y * vertical.Stride) + tap]);
            }
        }

        while (nextTargetRow < targetHeight && lastSourceRow[nextTargetRow] == sourceRow)
        {
            ToBytes(open[nextTargetRow % open.Length], target.AsSpan(nextTargetRow * targetWidth * Channels, targetWidth * Channels));
            nextTargetRow++;
        }

        sourceRow++;
    }

    /// <summary>The target pixels, once every source row has been added.</summary>
    public byte[] Result() => IsComplete
        ? target
        : throw new InvalidOperationException($"Only {sourceRow} source rows were added; {targetHeight - nextTargetRow} target rows are unfinished.");

    /// <summary>A whole image resized (see <see cref="RgbImage.Resize"/>).</summary>
    public static byte[] Resize(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        var resampler = new RowResampler(sourceWidth, sourceHeight, targetWidth, targetHeight);
        var rowLength = sourceWidth * Channels;
        for (var y = 0; y < sourceHeight; y++)
        {
            resampler.Add(source.Slice(y * rowLength, rowLength));
        }

        return resampler.Result();
    }

    private static unsafe void ResampleRow(ReadOnlySpan<byte> source, int bytesPerPixel, Span<float> target, AxisWeights axis)
    {
        // Pointers: AxisWeights guarantees every tap lies inside the row, and this loop is the hot one.
        fixed (byte* row = source)
        fixed (float* output = target, allWeights = axis.Weights)
        fixed (int* firsts = axis.First, counts = axis.Count)
        {
            for (var x = 0; x < axis.First.Length; x++)
            {
                float r = 0, g = 0, b = 0;
                var tap = row + (firsts[x] * bytesPerPixel);
                var weights = allWeights + (x * axis.Stride);
                for (var k = 0; k < counts[x]; k++, tap += bytesPerPixel)
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
