namespace GenreBlazor.Vision.Posters;

/// <summary>A named run of columns in a poster feature vector.</summary>
/// <param name="Name">What the columns are, e.g. <c>features</c> or <c>colour</c>.</param>
/// <param name="Offset">Index of the block's first column.</param>
/// <param name="Length">Number of columns.</param>
/// <param name="ColumnNames">A name per column where the columns mean something on their own (colour statistics); null for learned activations.</param>
public sealed record PosterFeatureBlock(string Name, int Offset, int Length, IReadOnlyList<string>? ColumnNames = null)
{
    /// <summary>One past the block's last column.</summary>
    public int End => Offset + Length;
}

/// <summary>The blocks of a poster feature vector, in order and without gaps, so later code can explain a column.</summary>
public sealed class PosterFeatureLayout
{
    /// <summary>Lays out <paramref name="blocks"/> (name, length, optional column names) one after another.</summary>
    public PosterFeatureLayout(IEnumerable<(string Name, int Length, IReadOnlyList<string>? ColumnNames)> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var laid = new List<PosterFeatureBlock>();
        var offset = 0;
        foreach (var (name, length, columnNames) in blocks)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
            if (columnNames is not null && columnNames.Count != length)
            {
                throw new ArgumentException($"Block '{name}' has {length} columns but {columnNames.Count} column names.", nameof(blocks));
            }

            laid.Add(new PosterFeatureBlock(name, offset, length, columnNames));
            offset += length;
        }

        Blocks = laid;
        Width = offset;
    }

    /// <summary>The blocks in column order.</summary>
    public IReadOnlyList<PosterFeatureBlock> Blocks { get; }

    public int Width { get; }

    public PosterFeatureBlock Block(string name) =>
        Blocks.FirstOrDefault(block => block.Name == name) ?? throw new KeyNotFoundException($"No poster feature block is called '{name}'.");

    public PosterFeatureBlock BlockOf(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Width);
        return Blocks.First(block => column < block.End);
    }

    /// <summary>A readable name of a column: <c>colour.luma_mean</c>, <c>features[17]</c>.</summary>
    public string ColumnName(int column)
    {
        var block = BlockOf(column);
        var index = column - block.Offset;
        return block.ColumnNames is { } names ? $"{block.Name}.{names[index]}" : $"{block.Name}[{index}]";
    }
}

/// <summary>The feature vector of one poster, laid out as <see cref="Layout"/> says.</summary>
/// <param name="Values">The values, <see cref="PosterFeatureLayout.Width"/> of them.</param>
/// <param name="Layout">What each column is.</param>
public sealed record PosterFeatures(float[] Values, PosterFeatureLayout Layout)
{
    public ReadOnlySpan<float> Block(string name)
    {
        var block = Layout.Block(name);
        return Values.AsSpan(block.Offset, block.Length);
    }
}
