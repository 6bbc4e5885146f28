using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Tests.Text;

public class VocabularyTests
{
    private static readonly IReadOnlyList<string>[] Documents =
    [
        ["war", "soldier", "war"],
        ["war", "love"],
        ["love", "paris"],
        ["war", "love", "soldier"],
    ];

    [Fact]
    public void Counts_documents_not_occurrences_and_orders_columns_ordinally()
    {
        var vocabulary = Vocabulary.Build(Documents, minDocuments: 1);
        Assert.Equal(["love", "paris", "soldier", "war"], vocabulary.Terms);
        Assert.Equal([3, 1, 2, 3], vocabulary.DocumentFrequencies);
        Assert.Equal(3, vocabulary.IndexOf("war".AsSpan()));
        Assert.Equal(-1, vocabulary.IndexOf("peace".AsSpan()));
    }

    [Fact]
    public void Applies_minimum_and_maximum_document_frequency()
    {
        // max 0.5 × 4 documents = 2: "war" and "love" (3 documents) go; "paris" (1) is below the minimum of 2.
        Assert.Equal(["soldier"], Vocabulary.Build(Documents, minDocuments: 2, maxDocumentFraction: 0.5).Terms);
    }

    [Fact]
    public void Keeps_the_most_frequent_terms_when_capped()
    {
        Assert.Equal(["love", "war"], Vocabulary.Build(Documents, minDocuments: 1, maxTerms: 2).Terms);
    }

    [Fact]
    public void Refuses_duplicate_terms() =>
        Assert.Throws<ArgumentException>(() => new Vocabulary(["a", "a"], [1, 1]));
}

public class TfIdfWeightingTests
{
    [Fact]
    public void Idf_is_smoothed_as_in_scikit_learn()
    {
        var vocabulary = new Vocabulary(["common", "rare"], [3, 1]);
        var weighting = TfIdfWeighting.FromVocabulary(vocabulary, documents: 4);
        // ln((1 + 4) / (1 + 3)) + 1 = 1.22314; ln(5 / 2) + 1 = 1.91629
        Assert.Equal(1.22314f, weighting.Idf[0], 4);
        Assert.Equal(1.91629f, weighting.Idf[1], 4);
    }

    [Fact]
    public void Sublinear_tf_times_idf_scaled_to_unit_length()
    {
        var weighting = new TfIdfWeighting([1.5f, 2.0f, 3.0f]);
        Span<int> indices = stackalloc int[3];
        Span<float> values = stackalloc float[3];
        // column 0 three times, column 2 once: raw weights (1 + ln 3) × 1.5 = 3.14792 and 1 × 3 = 3
        var count = weighting.Weigh([0, 0, 0, 2], indices, values);
        Assert.Equal(2, count);
        Assert.Equal([0, 2], indices[..2].ToArray());
        var norm = MathF.Sqrt(3.14792f * 3.14792f + 9f);
        Assert.Equal(3.14792f / norm, values[0], 4);
        Assert.Equal(3f / norm, values[1], 4);
    }

    [Fact]
    public void Empty_document_stays_empty()
    {
        var weighting = new TfIdfWeighting([1f]);
        Assert.Equal(0, weighting.Weigh([], new int[1], new float[1]));
    }
}

public class PlotVectorizerTests
{
    private static readonly string[] Plots =
    [
        "A soldier fights in the war.",
        "Two lovers meet in Paris.",
        "The soldier returns from war to his lover.",
    ];

    [Fact]
    public void Rows_hold_tf_idf_of_known_terms_with_unit_length()
    {
        var vectorizer = PlotVectorizer.Fit(Plots, new VectorizerOptions(new TermOptions(MaxWordNGram: 1), MinDocuments: 1, MaxDocumentFraction: 1.0));
        Assert.Equal(["fights", "lover", "lovers", "meet", "paris", "returns", "soldier", "two", "war"], vectorizer.Words.Terms);
        var row = vectorizer.Vectorize("War! War and a soldier.", new VectorizerScratch());
        Assert.Equal([vectorizer.Words.IndexOf("soldier"), vectorizer.Words.IndexOf("war")], row.Indices.ToArray());
        // both occur in 2 of 3 plots: same idf; "war" twice: (1 + ln 2) vs 1
        var expectedRatio = 1 + MathF.Log(2);
        Assert.Equal(expectedRatio, row.Values[1] / row.Values[0], 4);
        Assert.Equal(1f, MathF.Sqrt(row.SquaredNorm()), 5);
    }

    [Fact]
    public void Blocks_are_laid_out_one_after_the_other()
    {
        var embeddings = new WordEmbeddings(["soldier", "paris"], [1, 0, 0, 1], dimensions: 2);
        var vectorizer = PlotVectorizer.Fit(Plots, new VectorizerOptions(new TermOptions(1, true, 4, 4), MinDocuments: 1, MaxDocumentFraction: 1.0, EmbeddingScale: 0.5f), embeddings);
        Assert.Equal(vectorizer.Words.Count, vectorizer.CharOffset);
        Assert.Equal(vectorizer.CharOffset + vectorizer.Chars!.Count, vectorizer.EmbeddingOffset);
        Assert.Equal(vectorizer.EmbeddingOffset + 2, vectorizer.Columns);
        var row = vectorizer.Vectorize("soldier", new VectorizerScratch());
        // the embedding block is the unit vector of "soldier" times 0.5
        Assert.Equal([vectorizer.EmbeddingOffset, vectorizer.EmbeddingOffset + 1], row.Indices[^2..].ToArray());
        Assert.Equal([0.5f, 0f], row.Values[^2..].ToArray());
    }

    [Fact]
    public void Fitting_and_vectorizing_in_one_pass_gives_the_rows_transform_gives()
    {
        var plots = Plots.Concat(["Aliens invade Paris; a soldier and his lover flee.", "", "Two soldiers, two wars, one love."]).ToList();
        var embeddings = new WordEmbeddings(["soldier", "paris", "love", "war"], [1, 0, 0, 1, 0.6f, 0.8f, -1, 0], dimensions: 2);
        var options = new VectorizerOptions(new TermOptions(2, true, 3, 5), MinDocuments: 1, MaxDocumentFraction: 0.9, CharScale: 0.7f, EmbeddingScale: 0.5f);
        var (vectorizer, features) = PlotVectorizer.FitTransform(plots, options, embeddings);
        var transformed = vectorizer.Transform(plots);
        Assert.Equal(transformed.RowStarts, features.RowStarts);
        Assert.Equal(transformed.Indices, features.Indices);
        Assert.Equal(transformed.Values, features.Values);
        Assert.Equal(["love", "paris", "soldier", "war"], vectorizer.Embeddings!.Words);
    }

    [Fact]
    public void Unknown_text_gives_an_empty_row()
    {
        var vectorizer = PlotVectorizer.Fit(Plots, new VectorizerOptions(new TermOptions(2), MinDocuments: 1, MaxDocumentFraction: 1.0));
        Assert.Equal(0, vectorizer.Vectorize("zzz qqq", new VectorizerScratch()).Count);
        Assert.Equal(0, vectorizer.Vectorize("", new VectorizerScratch()).Count);
    }
}

public class WordEmbeddingsTests
{
    [Fact]
    public void Mean_vector_skips_stop_words_and_unknown_words_and_has_the_given_length()
    {
        var embeddings = new WordEmbeddings(["cat", "dog", "the"], [3, 0, 0, 4, 100, 100], dimensions: 2);
        var text = "the cat and the dog and a zebra";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, tokens);
        var indices = new int[2];
        var values = new float[2];
        Assert.Equal(2, embeddings.WriteMeanVector(text, tokens, scale: 2f, offset: 10, indices, values));
        Assert.Equal([10, 11], indices);
        // (3, 0) + (0, 4) = (3, 4), unit length (0.6, 0.8), scaled by 2
        Assert.Equal(1.2f, values[0], 5);
        Assert.Equal(1.6f, values[1], 5);
    }

    [Fact]
    public void Binary_round_trip_and_restriction()
    {
        var embeddings = new WordEmbeddings(["alpha", "beta"], [1, 2, 3, 4], dimensions: 2);
        using var stream = new MemoryStream();
        embeddings.WriteBinary(stream);
        stream.Position = 0;
        var read = WordEmbeddings.ReadBinary(stream);
        Assert.Equal(embeddings.Words, read.Words);
        Assert.Equal(embeddings.Vectors, read.Vectors);
        var restricted = read.Restrict(["beta", "gamma"]);
        Assert.Equal(["beta"], restricted.Words);
        Assert.Equal([3f, 4f], restricted.Vectors);
    }

    [Fact]
    public void Reads_the_wink_json_layout()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"precision":8,"dimensions":2,"words":["the",",","Cat","dog"],"vectors":{"the":[1,1,1.4,0],",":[0,0,0,1],"Cat":[5,5,7,2],"dog":[0.5,-0.5,0.7,3]},"unkVector":[0,0,0,0]}""");
            var embeddings = WordEmbeddings.ReadWinkJson(path);
            Assert.Equal(["the", "dog"], embeddings.Words); // "," and "Cat" are not plain lower-case words
            Assert.Equal([1f, 1f, 0.5f, -0.5f], embeddings.Vectors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
