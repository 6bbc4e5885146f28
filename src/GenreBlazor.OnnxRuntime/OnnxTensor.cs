namespace GenreBlazor.OnnxRuntime;

/// <summary>A dense float32 tensor in row-major order (the last dimension varies fastest), e.g. NHWC images.</summary>
/// <param name="Data">The values; its length must equal the product of <paramref name="Shape"/>.</param>
/// <param name="Shape">The dimensions, all known (no -1).</param>
public sealed record OnnxTensor(float[] Data, long[] Shape)
{
    /// <summary>Number of elements the shape describes.</summary>
    public long ElementCount => ElementCountOf(Shape);

    /// <summary>A tensor over <paramref name="data"/> with the given dimensions, checked for consistency.</summary>
    public static OnnxTensor Create(float[] data, params long[] shape)
    {
        var tensor = new OnnxTensor(data, shape);
        tensor.Validate("tensor");
        return tensor;
    }

    internal void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Shape);
        if (Shape.Any(dimension => dimension < 0))
        {
            throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape [{string.Join(", ", Shape)}].");
        }

        if (ElementCount != Data.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has {Data.Length} values but its shape [{string.Join(", ", Shape)}] needs {ElementCount}.");
        }
    }

    internal static long ElementCountOf(IEnumerable<long> shape) => shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
}
