namespace GenreBlazor.Core.Text;

/// <summary>How plots become feature vectors.</summary>
/// <param name="Terms">Which terms are extracted.</param>
/// <param name="MinDocuments">A term must occur in at least this many training plots.</param>
/// <param name="MaxDocumentFraction">A term occurring in more than this share of training plots is dropped.</param>
/// <param name="MaxWordTerms">Upper bound on word n-gram columns (most frequent kept).</param>
/// <param name="MaxCharTerms">Upper bound on character n-gram columns.</param>
/// <param name="CharScale">Weight of the character block relative to the word block (each is unit length first).</param>
/// <param name="EmbeddingScale">Weight of the word-vector block, when embeddings are given.</param>
public sealed record VectorizerOptions(
    TermOptions Terms,
    int MinDocuments = 2,
    double MaxDocumentFraction = 0.5,
    int MaxWordTerms = 200_000,
    int MaxCharTerms = 200_000,
    float CharScale = 1f,
    float EmbeddingScale = 1f);

/// <summary>
/// Turns a plot into one sparse row: TF-IDF of word n-grams, then (optionally) TF-IDF of character n-grams, then
/// (optionally) the mean pretrained word vector of the plot. Each block is scaled to unit length and weighted.
/// Thread-safe; scoring allocates only the normalised string.
/// </summary>
public sealed class PlotVectorizer
{
    /// <summary>Creates a vectorizer from fitted parts.</summary>
    public PlotVectorizer(VectorizerOptions options, Vocabulary words, TfIdfWeighting wordWeights,
        Vocabulary? chars = null, TfIdfWeighting? charWeights = null, WordEmbeddings? embeddings = null)
    {
        Options = options;
        Words = words;
        WordWeights = wordWeights;
        Chars = chars;
        CharWeights = charWeights;
        Embeddings = embeddings;
        CharOffset = words.Count;
        EmbeddingOffset = CharOffset + (chars?.Count ?? 0);
        Columns = EmbeddingOffset + (embeddings?.Dimensions ?? 0);
    }

    /// <summary>The options it was fitted with.</summary>
    public VectorizerOptions Options { get; }

    /// <summary>Word n-gram vocabulary (columns 0..).</summary>
    public Vocabulary Words { get; }

    /// <summary>Word n-gram idf.</summary>
    public TfIdfWeighting WordWeights { get; }

    /// <summary>Character n-gram vocabulary, if used.</summary>
    public Vocabulary? Chars { get; }

    /// <summary>Character n-gram idf, if used.</summary>
    public TfIdfWeighting? CharWeights { get; }

    /// <summary>Pretrained word vectors, if used.</summary>
    public WordEmbeddings? Embeddings { get; }

    /// <summary>First column of the character block.</summary>
    public int CharOffset { get; }

    /// <summary>First column of the word-vector block.</summary>
    public int EmbeddingOffset { get; }

    /// <summary>Total number of columns.</summary>
    public int Columns { get; }

    /// <summary>Learns vocabularies and idf from training plots.</summary>
    public static PlotVectorizer Fit(IReadOnlyList<string> plots, VectorizerOptions options, WordEmbeddings? embeddings = null)
    {
        var counter = new DocumentFrequencyCounter();
        var charCounter = new DocumentFrequencyCounter();
        var seenWords = new HashSet<string>(StringComparer.Ordinal);
        var seenLookup = seenWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var tokens = new List<Token>();
        var sink = new CountingSink(counter, charCounter);
        foreach (var plot in plots)
        {
            var normalized = TextNormalizer.Normalize(plot);
            tokens.Clear();
            Tokenizer.Tokenize(normalized, tokens);
            counter.StartDocument();
            charCounter.StartDocument();
            TermExtractor.Extract(normalized, tokens, options.Terms, ref sink);
            if (embeddings is not null)
            {
                foreach (var token in tokens)
                {
                    seenLookup.Add(token.In(normalized));
                }
            }
        }
        var words = counter.ToVocabulary(options.MinDocuments, options.MaxDocumentFraction, options.MaxWordTerms);
        Vocabulary? chars = null;
        TfIdfWeighting? charWeights = null;
        if (options.Terms.UsesCharNGrams)
        {
            chars = charCounter.ToVocabulary(options.MinDocuments, options.MaxDocumentFraction, options.MaxCharTerms);
            charWeights = TfIdfWeighting.FromVocabulary(chars, plots.Count);
        }
        return new PlotVectorizer(options, words, TfIdfWeighting.FromVocabulary(words, plots.Count), chars, charWeights,
            embeddings?.Restrict(seenWords));
    }

    /// <summary>Vectorizes many plots in parallel; row i is plot i.</summary>
    public SparseMatrix Transform(IReadOnlyList<string> plots)
    {
        var rows = new (int[] Indices, float[] Values)[plots.Count];
        Parallel.For(0, plots.Count, () => new VectorizerScratch(), (i, _, scratch) =>
        {
            var row = Vectorize(plots[i], scratch);
            rows[i] = (row.Indices.ToArray(), row.Values.ToArray());
            return scratch;
        }, _ => { });
        return SparseMatrix.FromRows(Columns, rows);
    }

    /// <summary>Vectorizes one plot into the scratch buffers; the row is valid until the scratch is reused.</summary>
    public SparseRow Vectorize(string plot, VectorizerScratch scratch)
    {
        scratch.Reset();
        scratch.Normalized = TextNormalizer.Normalize(plot);
        Tokenizer.Tokenize(scratch.Normalized, scratch.Tokens);
        var sink = new LookupSink(this, scratch);
        TermExtractor.Extract(scratch.Normalized, scratch.Tokens, Options.Terms, ref sink);

        var wordColumns = scratch.WordColumns.AsSpan(0, scratch.WordCount);
        var charColumns = scratch.CharColumns.AsSpan(0, scratch.CharCount);
        wordColumns.Sort();
        charColumns.Sort();
        scratch.EnsureOutput(wordColumns.Length + charColumns.Length + (Embeddings?.Dimensions ?? 0));

        var count = WordWeights.Weigh(wordColumns, scratch.Indices, scratch.Values);
        if (Chars is not null && CharWeights is not null)
        {
            var written = CharWeights.Weigh(charColumns, scratch.Indices.AsSpan(count), scratch.Values.AsSpan(count));
            for (var i = count; i < count + written; i++)
            {
                scratch.Indices[i] += CharOffset;
                scratch.Values[i] *= Options.CharScale;
            }
            count += written;
        }
        if (Embeddings is not null)
        {
            count += Embeddings.WriteMeanVector(scratch.Normalized, scratch.Tokens, Options.EmbeddingScale,
                EmbeddingOffset, scratch.Indices.AsSpan(count), scratch.Values.AsSpan(count));
        }
        return new SparseRow(scratch.Indices.AsSpan(0, count), scratch.Values.AsSpan(0, count));
    }

    private readonly struct CountingSink(DocumentFrequencyCounter words, DocumentFrequencyCounter chars) : ITermSink
    {
        public void Add(scoped ReadOnlySpan<char> term, TermKind kind) => (kind == TermKind.Word ? words : chars).Add(term);
    }

    private readonly struct LookupSink(PlotVectorizer vectorizer, VectorizerScratch scratch) : ITermSink
    {
        public void Add(scoped ReadOnlySpan<char> term, TermKind kind)
        {
            if (kind == TermKind.Word)
            {
                var column = vectorizer.Words.IndexOf(term);
                if (column >= 0)
                {
                    scratch.AddWord(column);
                }
            }
            else if (vectorizer.Chars is { } chars)
            {
                var column = chars.IndexOf(term);
                if (column >= 0)
                {
                    scratch.AddChar(column);
                }
            }
        }
    }
}

/// <summary>Reusable buffers for vectorizing plots on one thread.</summary>
public sealed class VectorizerScratch
{
    internal List<Token> Tokens { get; } = [];
    internal string Normalized { get; set; } = "";
    internal int[] WordColumns = new int[256];
    internal int[] CharColumns = new int[1024];
    internal int WordCount;
    internal int CharCount;
    internal int[] Indices = new int[1024];
    internal float[] Values = new float[1024];

    internal void Reset()
    {
        Tokens.Clear();
        WordCount = 0;
        CharCount = 0;
    }

    internal void AddWord(int column)
    {
        if (WordCount == WordColumns.Length)
        {
            Array.Resize(ref WordColumns, WordColumns.Length * 2);
        }
        WordColumns[WordCount++] = column;
    }

    internal void AddChar(int column)
    {
        if (CharCount == CharColumns.Length)
        {
            Array.Resize(ref CharColumns, CharColumns.Length * 2);
        }
        CharColumns[CharCount++] = column;
    }

    internal void EnsureOutput(int length)
    {
        if (Indices.Length < length)
        {
            Indices = new int[length * 2];
            Values = new float[length * 2];
        }
    }
}
