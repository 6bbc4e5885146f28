namespace GenreBlazor.Core.Text;

/// <summary>
/// TF-IDF as scikit-learn's TfidfVectorizer computes it with <c>sublinear_tf=True, smooth_idf=True, norm='l2'</c>:
/// tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1, and each document's vector scaled to unit length.
/// </summary>
public sealed class TfIdfWeighting
{
    /// <summary>Creates the weighting from inverse document frequencies in column order.</summary>
    public TfIdfWeighting(float[] inverseDocumentFrequencies) => Idf = inverseDocumentFrequencies;

    // 1 + ln(count) for the counts a plot actually has, computed once.
    private static readonly float[] SublinearTf = Enumerable.Range(0, 64).Select(n => n == 0 ? 0f : 1f + MathF.Log(n)).ToArray();

    public float[] Idf { get; }

    /// <summary>Computes smoothed idf from a vocabulary built on <paramref name="documents"/> documents.</summary>
    public static TfIdfWeighting FromVocabulary(Vocabulary vocabulary, int documents)
    {
        var idf = new float[vocabulary.Count];
        for (var i = 0; i < idf.Length; i++)
        {
            idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + vocabulary.DocumentFrequencies[i])) + 1.0);
        }
        return new TfIdfWeighting(idf);
    }

    /// <summary>
    /// Turns sorted term columns (with repeats, one per occurrence) into distinct columns and TF-IDF values scaled to
    /// unit length. Writes into the start of <paramref name="indices"/> and <paramref name="values"/> and returns how
    /// many were written.
    /// </summary>
    public int Weigh(ReadOnlySpan<int> sortedColumns, Span<int> indices, Span<float> values)
    {
        var count = 0;
        for (var i = 0; i < sortedColumns.Length;)
        {
            var column = sortedColumns[i];
            var run = 1;
            while (i + run < sortedColumns.Length && sortedColumns[i + run] == column)
            {
                run++;
            }
            indices[count] = column;
            values[count] = (run < SublinearTf.Length ? SublinearTf[run] : 1f + MathF.Log(run)) * Idf[column];
            count++;
            i += run;
        }
        Normalize(values[..count]);
        return count;
    }

    /// <summary>Scales values to unit Euclidean length (no-op on an all-zero vector).</summary>
    public static void Normalize(Span<float> values)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(values);
        if (norm > 0f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(values, norm, values);
        }
    }
}
