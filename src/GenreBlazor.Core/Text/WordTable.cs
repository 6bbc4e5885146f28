namespace GenreBlazor.Core.Text;

/// <summary>
/// Everything a known word contributes, found with one lookup instead of a dozen: its single-word column, its row of
/// word vectors, and the columns of the character n-grams it holds (with repeats). Built once per model for every word
/// of its vocabulary and word vectors; a word outside the table is handled the long way.
/// </summary>
internal sealed class WordTable
{
    private readonly TermIndex index;
    private readonly int[] unigramColumns;
    private readonly int[] embeddingRows;
    private readonly int[] charStarts;
    private readonly int[] charColumns;

    public WordTable(PlotVectorizer vectorizer)
    {
        var words = vectorizer.Words.Terms.Where(t => !t.Contains(' '))
            .Concat(vectorizer.Embeddings?.Words ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        index = new TermIndex(words);
        unigramColumns = new int[words.Count];
        embeddingRows = new int[words.Count];
        charStarts = new int[words.Count + 1];
        var columns = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            unigramColumns[i] = vectorizer.Words.IndexOf(words[i]);
            embeddingRows[i] = vectorizer.Embeddings?.RowOf(words[i]) ?? -1;
            if (vectorizer.Chars is { } chars)
            {
                AddCharColumns(words[i], vectorizer.Options.Terms, chars, columns);
            }
            charStarts[i + 1] = columns.Count;
        }
        charColumns = [.. columns];
    }

    /// <summary>The word's entry, or -1 when it is not in the table.</summary>
    public int Find(ReadOnlySpan<char> word) => index.IndexOf(word);

    /// <summary>The word's single-word column, or -1.</summary>
    public int UnigramColumn(int entry) => unigramColumns[entry];

    /// <summary>The word's row of word vectors, or -1.</summary>
    public int EmbeddingRow(int entry) => embeddingRows[entry];

    /// <summary>The character n-gram columns of the word (vocabulary columns, without the block offset).</summary>
    public ReadOnlySpan<int> CharColumns(int entry) => charColumns.AsSpan(charStarts[entry], charStarts[entry + 1] - charStarts[entry]);

    /// <summary>Appends the columns of the character n-grams of a word padded with spaces, as the term extractor forms them.</summary>
    public static void AddCharColumns(ReadOnlySpan<char> word, TermOptions options, Vocabulary chars, List<int> columns)
    {
        var sink = new ColumnSink(chars, columns);
        TermExtractor.ExtractCharacters(word, options, ref sink);
    }

    private readonly struct ColumnSink(Vocabulary chars, List<int> columns) : ITermSink
    {
        public void Add(scoped ReadOnlySpan<char> term, TermKind kind)
        {
            if (chars.IndexOf(term) is var column and >= 0)
            {
                columns.Add(column);
            }
        }
    }
}
