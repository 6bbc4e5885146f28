namespace GenreBlazor.Imaging.Tests;

/// <summary>Resize compared with a direct two-dimensional computation of the same filters, in doubles.</summary>
public class ResizeReferenceTests
{
    [Theory]
    [InlineData(37, 23, 10, 7)]
    [InlineData(200, 296, 224, 224)]
    [InlineData(5, 4, 13, 9)]
    [InlineData(300, 40, 224, 64)]
    public void Resize_matches_the_reference_within_one_level(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        var pixels = new byte[sourceWidth * sourceHeight * 3];
        new Random(sourceWidth * 1000 + sourceHeight).NextBytes(pixels);
        var image = new RgbImage(sourceWidth, sourceHeight, pixels);

        var resized = image.Resize(targetWidth, targetHeight);

        for (var y = 0; y < targetHeight; y++)
        {
            var rows = Weights(sourceHeight, targetHeight, y);
            for (var x = 0; x < targetWidth; x++)
            {
                var columns = Weights(sourceWidth, targetWidth, x);
                for (var c = 0; c < 3; c++)
                {
                    var expected = 0.0;
                    foreach (var (row, rowWeight) in rows)
                    {
                        foreach (var (column, columnWeight) in columns)
                        {
                            expected += rowWeight * columnWeight * pixels[(((row * sourceWidth) + column) * 3) + c];
                        }
                    }

                    var actual = resized.Pixels[(((y * targetWidth) + x) * 3) + c];
                    Assert.True(Math.Abs(actual - expected) <= 0.51, $"({x}, {y}) channel {c}: expected {expected:F2}, got {actual}");
                }
            }
        }
    }

    // Shrinking: the share of the target pixel's footprint [t·s, (t+1)·s] that each source pixel covers.
    // Enlarging: linear interpolation at the mapped centre (t + ½)·s − ½, clamped to the outermost centres.
    private static List<(int Index, double Weight)> Weights(int sourceLength, int targetLength, int target)
    {
        var scale = (double)sourceLength / targetLength;
        var weights = new List<(int, double)>();
        if (targetLength < sourceLength)
        {
            for (var source = 0; source < sourceLength; source++)
            {
                var overlap = Math.Min((target + 1) * scale, source + 1) - Math.Max(target * scale, source);
                if (overlap > 0)
                {
                    weights.Add((source, overlap / scale));
                }
            }

            return weights;
        }

        var centre = Math.Clamp(((target + 0.5) * scale) - 0.5, 0, sourceLength - 1);
        var left = (int)centre;
        var right = Math.Min(left + 1, sourceLength - 1);
        weights.Add((left, 1 - (centre - left)));
        weights.Add((right, centre - left));
        return weights;
    }
}
