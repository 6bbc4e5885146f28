namespace GenreBlazor.Core.Text;

/// <summary>A row of a sparse matrix: column indices in ascending order and their values.</summary>
public readonly ref struct SparseRow(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
{
    /// <summary>Columns with a non-zero value, ascending.</summary>
    public ReadOnlySpan<int> Indices { get; } = indices;

    public ReadOnlySpan<float> Values { get; } = values;

    public int Count => Indices.Length;

    public float SquaredNorm() => System.Numerics.Tensors.TensorPrimitives.SumOfSquares(Values);
}

/// <summary>A sparse matrix in compressed sparse row form: one row per document, one column per feature.</summary>
public sealed class SparseMatrix
{
    public SparseMatrix(int columns, int[] rowStarts, int[] indices, float[] values)
    {
        if (rowStarts.Length == 0 || rowStarts[^1] != indices.Length || indices.Length != values.Length)
        {
            throw new ArgumentException("Row starts, indices and values do not agree.");
        }
        // Learners index weight vectors with these columns without bounds checks: check them once here.
        foreach (var column in indices)
        {
            if ((uint)column >= (uint)columns)
            {
                throw new ArgumentException($"Column {column} is outside 0..{columns - 1}.");
            }
        }
        Columns = columns;
        RowStarts = rowStarts;
        Indices = indices;
        Values = values;
    }

    public int Rows => RowStarts.Length - 1;

    public int Columns { get; }

    /// <summary>Start of each row in <see cref="Indices"/>, plus one past the end.</summary>
    public int[] RowStarts { get; }

    /// <summary>Column indices of all rows, concatenated.</summary>
    public int[] Indices { get; }

    /// <summary>Values of all rows, concatenated.</summary>
    public float[] Values { get; }

    public long NonZeros => Indices.Length;

    public SparseRow Row(int row)
    {
        var start = RowStarts[row];
        var length = RowStarts[row + 1] - start;
        return new SparseRow(Indices.AsSpan(start, length), Values.AsSpan(start, length));
    }

    /// <summary>The rows at the given positions, in that order.</summary>
    public SparseMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var starts = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            starts[i + 1] = starts[i] + RowStarts[rows[i] + 1] - RowStarts[rows[i]];
        }
        var indices = new int[starts[^1]];
        var values = new float[starts[^1]];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = Row(rows[i]);
            row.Indices.CopyTo(indices.AsSpan(starts[i]));
            row.Values.CopyTo(values.AsSpan(starts[i]));
        }
        return new SparseMatrix(Columns, starts, indices, values);
    }

    /// <summary>The same rows with only the values in the given column ranges (start inclusive, end exclusive); column numbers are kept.</summary>
    public SparseMatrix KeepColumns(IReadOnlyList<(int Start, int End)> ranges)
    {
        bool Keep(int column)
        {
            foreach (var (start, end) in ranges)
            {
                if (column >= start && column < end)
                {
                    return true;
                }
            }
            return false;
        }
        var starts = new int[Rows + 1];
        var indices = new List<int>(Indices.Length);
        var values = new List<float>(Values.Length);
        for (var row = 0; row < Rows; row++)
        {
            for (var k = RowStarts[row]; k < RowStarts[row + 1]; k++)
            {
                if (Keep(Indices[k]))
                {
                    indices.Add(Indices[k]);
                    values.Add(Values[k]);
                }
            }
            starts[row + 1] = indices.Count;
        }
        return new SparseMatrix(Columns, starts, [.. indices], [.. values]);
    }

    /// <summary>A matrix whose every row stores all of its (dense) values.</summary>
    public static SparseMatrix FromDense(IReadOnlyList<float[]> rows, int columns)
    {
        var starts = new int[rows.Count + 1];
        var indices = new int[rows.Count * columns];
        var values = new float[rows.Count * columns];
        for (var i = 0; i < rows.Count; i++)
        {
            starts[i + 1] = (i + 1) * columns;
            for (var j = 0; j < columns; j++)
            {
                indices[i * columns + j] = j;
                values[i * columns + j] = rows[i][j];
            }
        }
        return new SparseMatrix(columns, starts, indices, values);
    }

    /// <summary>Stacks rows built one by one.</summary>
    public static SparseMatrix FromRows(int columns, IReadOnlyList<(int[] Indices, float[] Values)> rows)
    {
        var starts = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            starts[i + 1] = starts[i] + rows[i].Indices.Length;
        }
        var indices = new int[starts[^1]];
        var values = new float[starts[^1]];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Indices.CopyTo(indices, starts[i]);
            rows[i].Values.CopyTo(values, starts[i]);
        }
        return new SparseMatrix(columns, starts, indices, values);
    }
}
