using System.Numerics.Tensors;

namespace GenreBlazor.Discovery;

internal static class VectorMath
{
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>Dot product of <paramref name="query"/> with every row of a row-major matrix.</summary>
    public static void DotRows(ReadOnlySpan<float> matrix, int width, ReadOnlySpan<float> query, Span<float> scores)
    {
        for (var row = 0; row < scores.Length; row++)
        {
            scores[row] = TensorPrimitives.Dot(matrix.Slice(row * width, width), query);
        }
    }
}
