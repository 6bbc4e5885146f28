using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Learning;

/// <summary>
/// One linear scorer per label over shared feature columns: logit_l(x) = b_l + Σ_j x_j W[j, l]. Weights are stored
/// feature-major (all labels of a feature side by side, padded to <see cref="Stride"/>) so scoring a sparse row
/// touches one short contiguous run per stored value and adds it with SIMD.
/// </summary>
public sealed class LinearModel
{
    /// <summary>Creates a model from feature-major weights and one bias per label.</summary>
    public LinearModel(int columns, int labels, float[] weights, float[] biases)
    {
        Stride = StrideFor(labels);
        if (weights.Length != columns * Stride || biases.Length != labels)
        {
            throw new ArgumentException($"A {columns}×{labels} model needs {columns * Stride} weights and {labels} biases.");
        }
        Columns = columns;
        Labels = labels;
        Weights = weights;
        Biases = biases;
    }

    public int Columns { get; }

    public int Labels { get; }

    /// <summary>Distance between the weight rows of consecutive features (labels padded to a SIMD width).</summary>
    public int Stride { get; }

    /// <summary>Weights, feature-major: W[j, l] is at j × Stride + l.</summary>
    public float[] Weights { get; }

    public float[] Biases { get; }

    /// <summary>The padded row width used for <paramref name="labels"/> labels.</summary>
    public static int StrideFor(int labels) => (labels + 7) / 8 * 8;

    public float Weight(int column, int label) => Weights[column * Stride + label];

    /// <summary>Writes one logit per label (destination needs at least <see cref="Stride"/> floats).</summary>
    public void Logits(SparseRow row, Span<float> destination)
    {
        var logits = destination[..Stride];
        logits.Clear();
        Biases.CopyTo(logits);
        if (Vector256.IsHardwareAccelerated && Stride == 24)
        {
            Logits24(row, logits);
            return;
        }
        var weights = Weights.AsSpan();
        for (var k = 0; k < row.Count; k++)
        {
            TensorPrimitives.MultiplyAdd(weights.Slice(row.Indices[k] * Stride, Stride), row.Values[k], logits, logits);
        }
    }

    /// <summary>
    /// The common case (17–24 labels: the 19 genres) with the 24-float row held in three registers for the whole
    /// row, instead of a library call per stored value.
    /// </summary>
    private void Logits24(SparseRow row, Span<float> logits)
    {
        ref var output = ref MemoryMarshal.GetReference(logits);
        var sum0 = Vector256.LoadUnsafe(ref output);
        var sum1 = Vector256.LoadUnsafe(ref output, 8);
        var sum2 = Vector256.LoadUnsafe(ref output, 16);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(Weights);
        for (var k = 0; k < row.Count; k++)
        {
            // Column indices are below Columns (checked when the row was built), so the row lies inside Weights.
            var offset = (nuint)(uint)row.Indices[k] * 24;
            var value = Vector256.Create(row.Values[k]);
            sum0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref weights, offset), value, sum0);
            sum1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref weights, offset + 8), value, sum1);
            sum2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref weights, offset + 16), value, sum2);
        }
        sum0.StoreUnsafe(ref output);
        sum1.StoreUnsafe(ref output, 8);
        sum2.StoreUnsafe(ref output, 16);
    }

    /// <summary>Writes one probability per label (destination needs at least <see cref="Stride"/> floats).</summary>
    public void Probabilities(SparseRow row, Span<float> destination)
    {
        Logits(row, destination);
        TensorPrimitives.Sigmoid(destination[..Stride], destination[..Stride]);
    }
}
