using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Bundles;

/// <summary>The text model's file: vectorizer settings, vocabularies with idf, word vectors, and the folded linear scorer.</summary>
public static class TextModelFile
{
    private const string Magic = "GBTX";
    private const int Version = 1;

    public static void Write(Stream stream, TextGenreModel model)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        BinaryModelFormat.WriteHeader(writer, Magic, Version);
        var vectorizer = model.Vectorizer;
        var options = vectorizer.Options;
        writer.Write(options.Terms.MaxWordNGram);
        writer.Write(options.Terms.RemoveStopWords);
        writer.Write(options.Terms.MinCharNGram);
        writer.Write(options.Terms.MaxCharNGram);
        writer.Write(options.MinDocuments);
        writer.Write(options.MaxDocumentFraction);
        writer.Write(options.MaxWordTerms);
        writer.Write(options.MaxCharTerms);
        writer.Write(options.CharScale);
        writer.Write(options.EmbeddingScale);

        BinaryModelFormat.WriteVocabulary(writer, vectorizer.Words, vectorizer.WordWeights);
        writer.Write(vectorizer.Chars is not null);
        if (vectorizer.Chars is not null)
        {
            BinaryModelFormat.WriteVocabulary(writer, vectorizer.Chars, vectorizer.CharWeights!);
        }
        writer.Write(vectorizer.Embeddings is not null);
        if (vectorizer.Embeddings is { } embeddings)
        {
            writer.Write(embeddings.Dimensions);
            BinaryModelFormat.WriteStrings(writer, embeddings.Words);
            BinaryModelFormat.WriteHalves(writer, embeddings.Vectors);
        }
        BinaryModelFormat.WriteLinearModel(writer, model.Scorer);
    }

    /// <summary>Reads a model; <paramref name="file"/> names it in error messages.</summary>
    public static TextGenreModel Read(Stream stream, string file)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            BinaryModelFormat.ReadHeader(reader, Magic, Version, file);
            var terms = new TermOptions(reader.ReadInt32(), reader.ReadBoolean(), reader.ReadInt32(), reader.ReadInt32());
            var options = new VectorizerOptions(terms, reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(),
                reader.ReadSingle(), reader.ReadSingle());
            var (words, wordWeights) = BinaryModelFormat.ReadVocabulary(reader);
            Vocabulary? chars = null;
            TfIdfWeighting? charWeights = null;
            if (reader.ReadBoolean())
            {
                (chars, charWeights) = BinaryModelFormat.ReadVocabulary(reader);
            }
            WordEmbeddings? embeddings = null;
            if (reader.ReadBoolean())
            {
                var dimensions = BinaryModelFormat.ReadCount(reader, 4096);
                var embeddingWords = BinaryModelFormat.ReadStrings(reader);
                embeddings = new WordEmbeddings(embeddingWords, BinaryModelFormat.ReadHalves(reader), dimensions);
            }
            var vectorizer = new PlotVectorizer(options, words, wordWeights, chars, charWeights, embeddings);
            var scorer = BinaryModelFormat.ReadLinearModel(reader);
            if (scorer.Columns != vectorizer.Columns)
            {
                throw new InvalidDataException($"the scorer has {scorer.Columns} columns but the features have {vectorizer.Columns}");
            }
            return new TextGenreModel(vectorizer, scorer);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or IOException)
        {
            throw new ModelBundleException($"{file} cannot be read ({e.Message}). Retrain the bundle or restore the file.", e);
        }
    }
}
