using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Explanations;

/// <summary>How one content word of the plot pushed each genre's logit, in three exact parts that add up.</summary>
/// <param name="Word">The word, normalised (lower case, no accents).</param>
/// <param name="Occurrences">How often it occurs among the plot's content words.</param>
/// <param name="TfIdf">Its TF-IDF value in the plot (0 when the model has no column for it).</param>
/// <param name="AsWord">Per genre: TF-IDF value × the word's weight.</param>
/// <param name="AsPieces">Per genre: its share of the character n-grams' TF-IDF value × weight.</param>
/// <param name="AsMeaning">Per genre: its share of the mean word vector's contribution.</param>
public sealed record WordEvidence(string Word, int Occurrences, float TfIdf, float[] AsWord, float[] AsPieces, float[] AsMeaning)
{
    /// <summary>The word's whole push on a genre's logit.</summary>
    public float Total(int genre) => AsWord[genre] + AsPieces[genre] + AsMeaning[genre];
}

/// <summary>A pair of consecutive content words the model has a column for, and how it pushed each genre.</summary>
/// <param name="Phrase">The two normalised words, space-separated.</param>
/// <param name="TfIdf">Its TF-IDF value in the plot.</param>
/// <param name="Contribution">Per genre: TF-IDF value × weight.</param>
public sealed record PhraseEvidence(string Phrase, float TfIdf, float[] Contribution);

/// <summary>A stretch of the original plot: a word (with its normalised form when it is a content word) or the text between words.</summary>
/// <param name="Start">Offset in the original plot.</param>
/// <param name="Length">Length in the original plot.</param>
/// <param name="Word">The normalised content word, or null for stop words, punctuation and spaces.</param>
public sealed record PlotSegment(int Start, int Length, string? Word);

/// <summary>A word or phrase with its push on one genre, as explanations list them.</summary>
/// <param name="Text">The word or phrase (normalised).</param>
/// <param name="Contribution">Push on the genre's logit: positive raises the probability.</param>
/// <param name="TfIdf">Its TF-IDF value in the plot.</param>
/// <param name="IsPhrase">Whether it is a two-word phrase.</param>
public sealed record EvidenceItem(string Text, float Contribution, float TfIdf, bool IsPhrase);

/// <summary>
/// The model's own evidence for a plot: every genre's logit split exactly into a bias plus the pushes of the plot's
/// words and phrases (the text model is linear, so the split is exact: <see cref="Logits"/> = <see cref="Biases"/> + Σ
/// word totals + Σ phrase contributions). Explanations may only cite what is here.
/// </summary>
public sealed class PlotEvidence(string plot, IReadOnlyList<PlotSegment> segments, IReadOnlyList<WordEvidence> words,
    IReadOnlyList<PhraseEvidence> phrases, float[] biases, float[] logits)
{
    public string Plot { get; } = plot;

    /// <summary>The plot cut into words and the text between them, in order; concatenated they give the plot back.</summary>
    public IReadOnlyList<PlotSegment> Segments { get; } = segments;

    /// <summary>Every content word's evidence.</summary>
    public IReadOnlyList<WordEvidence> Words { get; } = words;

    /// <summary>Every known phrase's evidence.</summary>
    public IReadOnlyList<PhraseEvidence> Phrases { get; } = phrases;

    /// <summary>Each genre's logit with no evidence at all.</summary>
    public float[] Biases { get; } = biases;

    public float[] Logits { get; } = logits;

    /// <summary>Each genre's probability (sigmoid of its logit).</summary>
    public float Probability(int genre) => 1f / (1f + MathF.Exp(-Logits[genre]));

    /// <summary>The evidence of one word, or null when it is not a content word of the plot.</summary>
    public WordEvidence? Word(string word) => Words.FirstOrDefault(w => w.Word == word);

    /// <summary>Words and phrases ordered by how strongly they pushed the genre up (<paramref name="up"/>) or down.</summary>
    public IReadOnlyList<EvidenceItem> Strongest(int genre, int count, bool up = true)
    {
        var items = Words.Select(w => new EvidenceItem(w.Word, w.Total(genre), w.TfIdf, false))
            .Concat(Phrases.Select(p => new EvidenceItem(p.Phrase, p.Contribution[genre], p.TfIdf, true)))
            .Where(i => up ? i.Contribution > 0 : i.Contribution < 0);
        return (up ? items.OrderByDescending(i => i.Contribution) : items.OrderBy(i => i.Contribution))
            .ThenBy(i => i.Text, StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>The genre name of a label, for callers that format evidence.</summary>
    public static string GenreName(int genre) => GenreCatalog.All[genre];
}
