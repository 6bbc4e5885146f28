using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Explanations;

/// <summary>
/// Splits the text model's logits for a plot into the pushes of its words and phrases. Word n-gram columns belong to
/// their word or phrase; a character n-gram's push is shared equally among its occurrences and credited to the words
/// they sit in; the mean word vector's push is split word by word (it is linear in each word's vector once the plot's
/// normaliser is fixed). Nothing is estimated: the parts add up to the model's logits.
/// </summary>
public static class EvidenceExtractor
{
    public static PlotEvidence Extract(TextGenreModel model, string plot)
    {
        var vectorizer = model.Vectorizer;
        var scorer = model.Scorer;
        var labels = GenreCatalog.Count;
        var row = vectorizer.Vectorize(plot, new VectorizerScratch());
        var normalized = TextNormalizer.Normalize(plot);
        var tokens = new List<Token>();
        Tokenizer.Tokenize(normalized, tokens);
        var terms = vectorizer.Options.Terms;
        var content = tokens.Where(t => !terms.RemoveStopWords || !StopWords.IsStopWord(t.In(normalized)))
            .Select(t => t.In(normalized).ToString()).ToList();

        var words = new Dictionary<string, (int Count, float TfIdf, float[] Word, float[] Pieces, float[] Meaning)>(StringComparer.Ordinal);
        foreach (var word in content)
        {
            words[word] = words.TryGetValue(word, out var w) ? w with { Count = w.Count + 1 } : (1, 0f, new float[labels], new float[labels], new float[labels]);
        }
        var phrases = new List<PhraseEvidence>();
        var charShares = CharacterOccurrences(vectorizer, content);

        for (var k = 0; k < row.Count; k++)
        {
            var column = row.Indices[k];
            var value = row.Values[k];
            if (column < vectorizer.CharOffset)
            {
                var term = vectorizer.Words.Terms[column];
                var push = Push(scorer, column, value, labels);
                if (term.Contains(' '))
                {
                    phrases.Add(new PhraseEvidence(term, value, push));
                }
                else if (words.TryGetValue(term, out var w))
                {
                    words[term] = w with { TfIdf = value };
                    Add(w.Word, push, 1f);
                }
            }
            else if (column < vectorizer.EmbeddingOffset)
            {
                // shared equally among the n-gram's occurrences, each credited to its word
                if (charShares.TryGetValue(column, out var owners))
                {
                    var push = Push(scorer, column, value, labels);
                    foreach (var owner in owners)
                    {
                        Add(words[owner].Pieces, push, 1f / owners.Count);
                    }
                }
            }
        }

        if (vectorizer.Embeddings is { } embeddings)
        {
            // mean block = scale × S / ‖S‖ with S = Σ vectors of the content words that have one.
            var sum = new float[embeddings.Dimensions];
            var withVector = content.Where(w => !embeddings[w].IsEmpty).ToList();
            foreach (var word in withVector)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(sum, embeddings[word], sum);
            }
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(sum);
            if (norm > 0)
            {
                var factor = vectorizer.Options.EmbeddingScale / norm;
                foreach (var word in withVector)
                {
                    var vector = embeddings[word];
                    var push = new float[labels];
                    for (var d = 0; d < vector.Length; d++)
                    {
                        var column = vectorizer.EmbeddingOffset + d;
                        for (var g = 0; g < labels; g++)
                        {
                            push[g] += factor * vector[d] * scorer.Weight(column, g);
                        }
                    }
                    Add(words[word].Meaning, push, 1f);
                }
            }
        }

        var logits = new float[scorer.Stride];
        scorer.Logits(row, logits);
        return new PlotEvidence(plot, Segments(plot, terms),
            words.Select(p => new WordEvidence(p.Key, p.Value.Count, p.Value.TfIdf, p.Value.Word, p.Value.Pieces, p.Value.Meaning)).ToList(),
            phrases, scorer.Biases.ToArray(), logits[..labels]);
    }

    private static float[] Push(Learning.LinearModel scorer, int column, float value, int labels)
    {
        var push = new float[labels];
        for (var g = 0; g < labels; g++)
        {
            push[g] = value * scorer.Weight(column, g);
        }
        return push;
    }

    private static void Add(float[] target, float[] push, float share)
    {
        for (var g = 0; g < target.Length; g++)
        {
            target[g] += push[g] * share;
        }
    }

    /// <summary>For each character n-gram column of the plot, the word of each of its occurrences.</summary>
    private static Dictionary<int, List<string>> CharacterOccurrences(PlotVectorizer vectorizer, IReadOnlyList<string> content)
    {
        var owners = new Dictionary<int, List<string>>();
        if (vectorizer.Chars is not { } chars)
        {
            return owners;
        }
        var options = vectorizer.Options.Terms;
        foreach (var word in content)
        {
            var padded = " " + word + " ";
            for (var n = options.MinCharNGram; n <= options.MaxCharNGram && n <= padded.Length; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    var column = chars.IndexOf(padded.AsSpan(start, n));
                    if (column >= 0)
                    {
                        var key = vectorizer.CharOffset + column;
                        if (!owners.TryGetValue(key, out var list))
                        {
                            owners[key] = list = [];
                        }
                        list.Add(word);
                    }
                }
            }
        }
        return owners;
    }

    /// <summary>
    /// Cuts the original plot into words (runs of letters, digits, apostrophes and accents) and the text between them,
    /// marking each word with its normalised form when that form is a content word — so a page can highlight the
    /// plot as written.
    /// </summary>
    public static IReadOnlyList<PlotSegment> Segments(string plot, TermOptions options)
    {
        var segments = new List<PlotSegment>();
        var i = 0;
        while (i < plot.Length)
        {
            var start = i;
            var isWord = IsWordChar(plot, i);
            while (i < plot.Length && IsWordChar(plot, i) == isWord)
            {
                i += char.IsSurrogatePair(plot, i) ? 2 : 1;
            }
            string? word = null;
            if (isWord)
            {
                var words = Tokenizer.Words(plot[start..i]);
                if (words.Count == 1 && (!options.RemoveStopWords || !StopWords.IsStopWord(words[0])))
                {
                    word = words[0];
                }
            }
            segments.Add(new PlotSegment(start, i - start, word));
        }
        return segments;
    }

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(text, i))
        {
            return true;
        }
        // an apostrophe inside a word ("don't", "wife's") belongs to it
        return c is '\'' or '\u2019' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark;
    }
}
