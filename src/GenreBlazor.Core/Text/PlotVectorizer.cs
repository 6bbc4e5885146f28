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
        wordTable = new Lazy<WordTable>(() => new WordTable(this));
        EmbeddingOffset = CharOffset + (chars?.Count ?? 0);
        Columns = EmbeddingOffset + (embeddings?.Dimensions ?? 0);
    }

    private readonly Lazy<WordTable> wordTable;

    public VectorizerOptions Options { get; }

    /// <summary>Word n-gram vocabulary (columns 0..).</summary>
    public Vocabulary Words { get; }

    public TfIdfWeighting WordWeights { get; }

    /// <summary>Character n-gram vocabulary, if used.</summary>
    public Vocabulary? Chars { get; }

    /// <summary>Character n-gram idf, if used.</summary>
    public TfIdfWeighting? CharWeights { get; }

    /// <summary>Pretrained word vectors, if used.</summary>
    public WordEmbeddings? Embeddings { get; }

    public int CharOffset { get; }

    public int EmbeddingOffset { get; }

    public int Columns { get; }

    public static PlotVectorizer Fit(IReadOnlyList<string> plots, VectorizerOptions options, WordEmbeddings? embeddings = null) =>
        FitTransform(plots, options, embeddings).Vectorizer;

    /// <summary>
    /// Learns vocabularies and idf from training plots and vectorizes them in the same pass: each plot is normalised
    /// and tokenised once, its terms counted and remembered by id, and its rows built once the vocabulary is known.
    /// The rows are identical to <see cref="Transform"/>'s.
    /// </summary>
    public static (PlotVectorizer Vectorizer, SparseMatrix Features) FitTransform(IReadOnlyList<string> plots, VectorizerOptions options,
        WordEmbeddings? embeddings = null)
    {
        var dimensions = embeddings?.Dimensions ?? 0;
        var means = new float[plots.Count * dimensions];
        var hasMean = new bool[plots.Count];

        // Each thread counts a contiguous share of the plots with counters of its own; the counters are merged in a
        // fixed order afterwards, so the result does not depend on scheduling.
        var chunkCount = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var chunks = new PlotChunk[chunkCount];
        Parallel.For(0, chunkCount, c =>
        {
            var start = (int)((long)plots.Count * c / chunkCount);
            var end = (int)((long)plots.Count * (c + 1) / chunkCount);
            var chunk = chunks[c] = new PlotChunk(start, end);
            var sink = new RecordingSink(chunk.Words, chunk.Chars, chunk.WordIds, chunk.CharIds);
            var tokens = new List<Token>();
            // Character n-grams are counted per distinct word: the first time a word is met its n-grams are looked up,
            // after that their ids are reused (the same counts, a fraction of the hashing).
            var wordTerms = options.Terms with { MinCharNGram = 0, MaxCharNGram = 0 };
            var charCache = new Dictionary<string, int[]>(StringComparer.Ordinal);
            var charLookup = charCache.GetAlternateLookup<ReadOnlySpan<char>>();
            var newIds = new List<int>();
            var unused = new int[dimensions];
            for (var i = start; i < end; i++)
            {
                var normalized = TextNormalizer.Normalize(plots[i]);
                tokens.Clear();
                Tokenizer.Tokenize(normalized, tokens);
                chunk.Words.StartDocument();
                chunk.Chars.StartDocument();
                TermExtractor.Extract(normalized, tokens, wordTerms, ref sink);
                if (options.Terms.UsesCharNGrams)
                {
                    foreach (var token in tokens)
                    {
                        var word = token.In(normalized);
                        if (options.Terms.RemoveStopWords && StopWords.IsStopWord(word))
                        {
                            continue;
                        }
                        if (charLookup.TryGetValue(word, out var ids))
                        {
                            foreach (var id in ids)
                            {
                                chunk.Chars.AddId(id);
                            }
                        }
                        else
                        {
                            newIds.Clear();
                            var recorder = new RecordingSink(chunk.Words, chunk.Chars, chunk.WordIds, newIds);
                            TermExtractor.ExtractCharacters(word, options.Terms, ref recorder);
                            ids = [.. newIds];
                            charLookup[word] = ids;
                        }
                        chunk.CharIds.AddRange(ids);
                    }
                }
                chunk.WordStarts.Add(chunk.WordIds.Count);
                chunk.CharStarts.Add(chunk.CharIds.Count);
                if (embeddings is not null)
                {
                    foreach (var token in tokens)
                    {
                        chunk.SeenLookup.Add(token.In(normalized));
                    }
                    hasMean[i] = embeddings.WriteMeanVector(normalized, tokens, options.EmbeddingScale, 0, unused, means.AsSpan(i * dimensions, dimensions)) > 0;
                }
            }
        });
        var sinkWords = chunks[0].Words;
        var sinkChars = chunks[0].Chars;
        var seenWords = chunks[0].Seen;
        for (var c = 1; c < chunkCount; c++)
        {
            chunks[c].WordMap = sinkWords.Merge(chunks[c].Words);
            chunks[c].CharMap = sinkChars.Merge(chunks[c].Chars);
            seenWords.UnionWith(chunks[c].Seen);
        }

        var words = sinkWords.ToVocabulary(options.MinDocuments, options.MaxDocumentFraction, options.MaxWordTerms, out var wordColumns);
        Vocabulary? chars = null;
        TfIdfWeighting? charWeights = null;
        var charColumns = Array.Empty<int>();
        if (options.Terms.UsesCharNGrams)
        {
            chars = sinkChars.ToVocabulary(options.MinDocuments, options.MaxDocumentFraction, options.MaxCharTerms, out charColumns);
            charWeights = TfIdfWeighting.FromVocabulary(chars, plots.Count);
        }
        var vectorizer = new PlotVectorizer(options, words, TfIdfWeighting.FromVocabulary(words, plots.Count), chars, charWeights,
            embeddings?.Restrict(seenWords));

        var rows = new (int[] Indices, float[] Values)[plots.Count];
        Parallel.For(0, chunkCount, c =>
        {
            var chunk = chunks[c];
            var scratch = new VectorizerScratch();
            for (var i = chunk.Start; i < chunk.End; i++)
            {
                scratch.Reset();
                var local = i - chunk.Start;
                for (var k = chunk.WordStarts[local]; k < chunk.WordStarts[local + 1]; k++)
                {
                    var id = chunk.WordIds[k];
                    if (wordColumns[chunk.WordMap is null ? id : chunk.WordMap[id]] is var column and >= 0)
                    {
                        scratch.AddWord(column);
                    }
                }
                for (var k = chunk.CharStarts[local]; k < chunk.CharStarts[local + 1]; k++)
                {
                    var id = chunk.CharIds[k];
                    if (charColumns.Length > 0 && charColumns[chunk.CharMap is null ? id : chunk.CharMap[id]] is var column and >= 0)
                    {
                        scratch.AddChar(column);
                    }
                }
                var row = vectorizer.Weigh(scratch, hasMean[i] ? means.AsSpan(i * dimensions, dimensions) : default);
                rows[i] = (row.Indices.ToArray(), row.Values.ToArray());
            }
        });
        return (vectorizer, SparseMatrix.FromRows(vectorizer.Columns, rows));
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
    /// <remarks>
    /// Gives the same columns and values as extracting every term and looking each up, but a known word costs one
    /// lookup in the <see cref="WordTable"/> (its word column, word vector and character n-grams at once).
    /// </remarks>
    public SparseRow Vectorize(string plot, VectorizerScratch scratch)
    {
        scratch.Reset();
        var text = scratch.Normalized = TextNormalizer.Normalize(plot);
        Tokenizer.Tokenize(text, scratch.Tokens);
        var table = wordTable.Value;
        var terms = Options.Terms;
        var embeddings = Embeddings;
        var sum = Span<float>.Empty;
        var vectors = 0;
        if (embeddings is not null)
        {
            scratch.EnsureMean(embeddings.Dimensions);
            sum = scratch.Mean;
            sum.Clear();
        }

        var content = scratch.Content;
        var entries = scratch.ContentEntries;
        foreach (var token in scratch.Tokens)
        {
            var word = token.In(text);
            var isStopWord = StopWords.IsStopWord(word);
            var entry = table.Find(word);
            if (embeddings is not null && !isStopWord && entry >= 0 && table.EmbeddingRow(entry) is var row and >= 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(sum, embeddings.Row(row), sum);
                vectors++;
            }
            if (!terms.RemoveStopWords || !isStopWord)
            {
                content.Add(token);
                entries.Add(entry);
            }
        }

        // word n-grams: single words from the table, longer ones spelled out in a buffer
        Span<char> buffer = stackalloc char[(Tokenizer.MaxLength + 1) * Math.Max(terms.MaxWordNGram, 1) + 2];
        for (var i = 0; i < content.Count; i++)
        {
            if (entries[i] >= 0 && table.UnigramColumn(entries[i]) is var unigram and >= 0)
            {
                scratch.AddWord(unigram);
            }
            var length = content[i].Length;
            content[i].In(text).CopyTo(buffer);
            for (var n = 2; n <= terms.MaxWordNGram && i + n - 1 < content.Count; n++)
            {
                buffer[length++] = ' ';
                var next = content[i + n - 1].In(text);
                next.CopyTo(buffer[length..]);
                length += next.Length;
                if (Words.IndexOf(buffer[..length]) is var column and >= 0)
                {
                    scratch.AddWord(column);
                }
            }
        }

        if (Chars is { } chars && terms.UsesCharNGrams)
        {
            for (var i = 0; i < content.Count; i++)
            {
                if (entries[i] >= 0)
                {
                    foreach (var column in table.CharColumns(entries[i]))
                    {
                        scratch.AddChar(column);
                    }
                }
                else
                {
                    scratch.Unknown.Clear();
                    WordTable.AddCharColumns(content[i].In(text), terms, chars, scratch.Unknown);
                    foreach (var column in scratch.Unknown)
                    {
                        scratch.AddChar(column);
                    }
                }
            }
        }

        var mean = Span<float>.Empty;
        if (vectors > 0 && System.Numerics.Tensors.TensorPrimitives.Norm(sum) is var norm and > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(sum, Options.EmbeddingScale / norm, sum);
            mean = sum;
        }
        return Weigh(scratch, mean);
    }

    /// <summary>
    /// Turns the term columns gathered in the scratch (with repeats) and the plot's scaled mean word vector (empty when
    /// none of its words has one) into the row: word TF-IDF, then character TF-IDF, then the vector.
    /// </summary>
    private SparseRow Weigh(VectorizerScratch scratch, ReadOnlySpan<float> mean)
    {
        var wordColumns = scratch.WordColumns.AsSpan(0, scratch.WordCount);
        var charColumns = scratch.CharColumns.AsSpan(0, scratch.CharCount);
        wordColumns.Sort();
        charColumns.Sort();
        scratch.EnsureOutput(wordColumns.Length + charColumns.Length + mean.Length);

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
        for (var d = 0; d < mean.Length; d++)
        {
            scratch.Indices[count] = EmbeddingOffset + d;
            scratch.Values[count++] = mean[d];
        }
        return new SparseRow(scratch.Indices.AsSpan(0, count), scratch.Values.AsSpan(0, count));
    }

    /// <summary>One thread's share of the plots while fitting: its counters, the term ids of each plot, and how its ids map to the merged counters.</summary>
    private sealed class PlotChunk
    {
        public PlotChunk(int start, int end)
        {
            Start = start;
            End = end;
            SeenLookup = Seen.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public int Start { get; }
        public int End { get; }
        public DocumentFrequencyCounter Words { get; } = new();
        public DocumentFrequencyCounter Chars { get; } = new();
        public List<int> WordIds { get; } = [];
        public List<int> CharIds { get; } = [];
        public List<int> WordStarts { get; } = [0];
        public List<int> CharStarts { get; } = [0];
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SeenLookup { get; }
        public int[]? WordMap { get; set; }
        public int[]? CharMap { get; set; }
    }

    private struct RecordingSink(DocumentFrequencyCounter words, DocumentFrequencyCounter chars, List<int> wordIds, List<int> charIds) : ITermSink
    {
        public readonly DocumentFrequencyCounter Words => words;
        public readonly DocumentFrequencyCounter Chars => chars;
        public readonly List<int> WordIds => wordIds;
        public readonly List<int> CharIds => charIds;

        public readonly void Add(scoped ReadOnlySpan<char> term, TermKind kind)
        {
            if (kind == TermKind.Word)
            {
                wordIds.Add(words.Add(term));
            }
            else
            {
                charIds.Add(chars.Add(term));
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

    internal List<Token> Content { get; } = [];
    internal List<int> ContentEntries { get; } = [];
    internal List<int> Unknown { get; } = [];

    internal void Reset()
    {
        Tokens.Clear();
        Content.Clear();
        ContentEntries.Clear();
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

    internal float[] Mean = [];
    internal int[] MeanIndices = [];

    internal void EnsureMean(int dimensions)
    {
        if (Mean.Length != dimensions)
        {
            Mean = new float[dimensions];
            MeanIndices = new int[dimensions];
        }
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
