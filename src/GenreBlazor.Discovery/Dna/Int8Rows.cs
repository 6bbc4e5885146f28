namespace GenreBlazor.Discovery.Dna;

/// <summary>Symmetric int8 quantisation of one vector with its own scale (the largest magnitude maps to 127).</summary>
public static class Int8Rows
{
    public static float Quantize(ReadOnlySpan<float> row, Span<sbyte> destination)
    {
        var max = 0f;
        foreach (var value in row)
        {
            max = MathF.Max(max, MathF.Abs(value));
        }
        var scale = max > 0 ? max / 127f : 1f;
        for (var j = 0; j < row.Length; j++)
        {
            destination[j] = (sbyte)Math.Clamp(MathF.Round(row[j] / scale), -127, 127);
        }
        return scale;
    }

    /// <summary>Back to floats, renormalised to unit length (the dot products are cosines again).</summary>
    public static void Dequantize(ReadOnlySpan<sbyte> quantized, float scale, Span<float> row)
    {
        for (var j = 0; j < row.Length; j++)
        {
            row[j] = quantized[j] * scale;
        }
        VectorMath.Normalize(row);
    }

    /// <summary>A row as it comes back from the file.</summary>
    public static float[] RoundTrip(ReadOnlySpan<float> row)
    {
        var quantized = new sbyte[row.Length];
        var scale = Quantize(row, quantized);
        var back = new float[row.Length];
        Dequantize(quantized, scale, back);
        return back;
    }
}
