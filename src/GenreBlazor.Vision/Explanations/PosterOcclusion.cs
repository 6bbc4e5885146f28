using GenreBlazor.Imaging;

namespace GenreBlazor.Vision.Explanations;

/// <summary>
/// Where a poster's evidence is: the poster cut into a grid, and for each cell and genre how much the genre's
/// probability dropped when that cell was greyed out (positive: the cell supported the genre; negative: it argued
/// against it).
/// </summary>
/// <param name="Rows">Grid rows.</param>
/// <param name="Columns">Grid columns.</param>
/// <param name="Baseline">Each genre's probability for the untouched poster.</param>
/// <param name="Drops">Row-major cells; each holds the drop per genre.</param>
public sealed record OcclusionMap(int Rows, int Columns, float[] Baseline, float[][] Drops)
{
    /// <summary>One genre's drop per cell, row-major.</summary>
    public float[] For(int genre) => Drops.Select(cell => cell[genre]).ToArray();

    /// <summary>The cell whose greying-out lowered the genre most.</summary>
    public (int Row, int Column) Strongest(int genre)
    {
        var best = 0;
        for (var cell = 1; cell < Drops.Length; cell++)
        {
            if (Drops[cell][genre] > Drops[best][genre])
            {
                best = cell;
            }
        }
        return (best / Columns, best % Columns);
    }
}

/// <summary>Occlusion maps: grey out one patch at a time and measure the change of every genre's probability.</summary>
public static class PosterOcclusion
{
    /// <summary>The neutral grey a patch is painted with.</summary>
    public const byte Grey = 128;

    /// <summary>
    /// Computes the map with any batch scorer (the poster model, or a test's stand-in), called once with the
    /// untouched poster followed by one occluded copy per cell in row-major order, so it can spread them over the cores.
    /// </summary>
    public static OcclusionMap Compute(RgbImage poster, Func<IReadOnlyList<RgbImage>, float[][]> score, int rows = 6, int columns = 4)
    {
        ArgumentNullException.ThrowIfNull(poster);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var images = new List<RgbImage>(1 + (rows * columns)) { poster };
        for (var cell = 0; cell < rows * columns; cell++)
        {
            images.Add(Occlude(poster, cell / columns, cell % columns, rows, columns));
        }
        var scores = score(images);
        if (scores.Length != images.Count)
        {
            throw new InvalidOperationException($"The scorer returned {scores.Length} results for {images.Count} images.");
        }
        var baseline = scores[0];
        var drops = scores.Skip(1).Select(probabilities => baseline.Select((p, g) => p - probabilities[g]).ToArray()).ToArray();
        return new OcclusionMap(rows, columns, baseline, drops);
    }

    /// <summary>A copy of the poster with one grid cell painted grey.</summary>
    public static RgbImage Occlude(RgbImage poster, int row, int column, int rows, int columns)
    {
        var pixels = (byte[])poster.Pixels.Clone();
        int x0 = column * poster.Width / columns, x1 = (column + 1) * poster.Width / columns;
        int y0 = row * poster.Height / rows, y1 = (row + 1) * poster.Height / rows;
        for (var y = y0; y < y1; y++)
        {
            pixels.AsSpan((y * poster.Width + x0) * 3, (x1 - x0) * 3).Fill(Grey);
        }
        return new RgbImage(poster.Width, poster.Height, pixels);
    }
}
