using System.Numerics;
using GenreBlazor.Imaging.Resampling;

namespace GenreBlazor.Imaging;

/// <summary>
/// An 8-bit sRGB image, pixels interleaved R, G, B row by row from the top-left, no padding. Operations
/// return new images and never change this one, so an image can be shared between threads.
/// </summary>
public sealed class RgbImage
{
    private const int Channels = 3;

    /// <summary>Wraps pixels (not copied); <paramref name="pixels"/> must hold exactly width × height × 3 bytes.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * Channels)
        {
            throw new ArgumentException($"A {width} × {height} RGB image needs {(long)width * height * Channels} bytes, not {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B bytes, row by row from the top-left.</summary>
    public byte[] Pixels { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(x);
            ArgumentOutOfRangeException.ThrowIfNegative(y);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
            var offset = ((y * Width) + x) * Channels;
            return (Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
        }
    }

    /// <summary>
    /// A resized copy. Each shrinking axis averages the exact source area behind every target pixel;
    /// each enlarging axis interpolates bilinearly. The aspect ratio is not kept: squash or crop first.
    /// </summary>
    public RgbImage Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return width == Width && height == Height
            ? new RgbImage(width, height, (byte[])Pixels.Clone())
            : new RgbImage(width, height, RowResampler.Resize(Pixels, Width, Height, width, height));
    }

    /// <summary>The rectangle with top-left corner (x, y); it must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The crop ({x}, {y}) {width} × {height} extends past the {Width} × {Height} image.");
        }

        var pixels = new byte[width * height * Channels];
        var rowLength = width * Channels;
        for (var row = 0; row < height; row++)
        {
            Pixels.AsSpan((((y + row) * Width) + x) * Channels, rowLength).CopyTo(pixels.AsSpan(row * rowLength));
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The centred rectangle of the given size (rounded towards the top-left when the margins are odd).</summary>
    public RgbImage CropCentre(int width, int height) => Crop((Width - width) / 2, (Height - height) / 2, width, height);

    /// <summary>The largest square, placed along the longer side as <paramref name="anchor"/> says.</summary>
    public RgbImage CropSquare(SquareAnchor anchor)
    {
        var side = Math.Min(Width, Height);
        var (x, y) = anchor switch
        {
            SquareAnchor.Start => (0, 0),
            SquareAnchor.Centre => ((Width - side) / 2, (Height - side) / 2),
            SquareAnchor.End => (Width - side, Height - side),
            _ => throw new ArgumentOutOfRangeException(nameof(anchor), anchor, null),
        };
        return Crop(x, y, side, side);
    }

    /// <summary>
    /// Writes the pixels as floats in 0..1, in NHWC order for one image (row, column, channel R G B),
    /// the layout of a 1 × H × W × 3 model input. <paramref name="destination"/> must hold exactly
    /// Width × Height × 3 values.
    /// </summary>
    public void WriteNhwcFloats(Span<float> destination)
    {
        if (destination.Length != Pixels.Length)
        {
            throw new ArgumentException($"A {Width} × {Height} image needs {Pixels.Length} floats, the destination holds {destination.Length}.", nameof(destination));
        }

        var pixels = Pixels.AsSpan();
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Widen bytes to floats a vector at a time; dividing (not multiplying by 1/255) keeps results
            // identical to the scalar value / 255f.
            var divisor = new Vector<float>(255f);
            var width = Vector<float>.Count;
            for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(pixels[i..]), out var low, out var high);
                Vector.Widen(low, out var first, out var second);
                Vector.Widen(high, out var third, out var fourth);
                (Vector.ConvertToSingle(first) / divisor).CopyTo(destination[i..]);
                (Vector.ConvertToSingle(second) / divisor).CopyTo(destination[(i + width)..]);
                (Vector.ConvertToSingle(third) / divisor).CopyTo(destination[(i + (2 * width))..]);
                (Vector.ConvertToSingle(fourth) / divisor).CopyTo(destination[(i + (3 * width))..]);
            }
        }

        for (; i < pixels.Length; i++)
        {
            destination[i] = pixels[i] / 255f;
        }
    }

    /// <summary>The pixels as a new float array in 0..1, NHWC (see <see cref="WriteNhwcFloats"/>).</summary>
    public float[] ToNhwcFloats()
    {
        var values = new float[Pixels.Length];
        WriteNhwcFloats(values);
        return values;
    }

    public RgbImage Orient(ExifOrientation orientation)
    {
        if (orientation == ExifOrientation.Normal)
        {
            return this;
        }

        var (width, height) = orientation.SwapsAxes() ? (Height, Width) : (Width, Height);
        var pixels = new byte[Pixels.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sourceX, sourceY) = SourceOf(orientation, x, y);
                Pixels.AsSpan(((sourceY * Width) + sourceX) * Channels, Channels).CopyTo(pixels.AsSpan(((y * width) + x) * Channels));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    // Which stored pixel lands at upright position (x, y).
    private (int X, int Y) SourceOf(ExifOrientation orientation, int x, int y) => orientation switch
    {
        ExifOrientation.FlipHorizontal => (Width - 1 - x, y),
        ExifOrientation.Rotate180 => (Width - 1 - x, Height - 1 - y),
        ExifOrientation.FlipVertical => (x, Height - 1 - y),
        ExifOrientation.Transpose => (y, x),
        ExifOrientation.Rotate90Clockwise => (y, Height - 1 - x),
        ExifOrientation.Transverse => (Width - 1 - y, Height - 1 - x),
        ExifOrientation.Rotate90Anticlockwise => (Width - 1 - y, x),
        _ => (x, y),
    };
}
