using System.Globalization;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Web.Explanations;

/// <summary>A content word of the plot and how it pushed the chosen genre.</summary>
/// <param name="Word">The normalised word.</param>
/// <param name="Push">Its whole push on the genre's logit (every occurrence together).</param>
/// <param name="Strength">0 (not highlighted) to 3, relative to the plot's strongest push on this genre.</param>
/// <param name="Tip">The numbers behind the push, for hover and focus.</param>
public sealed record WordMark(string Word, float Push, int Strength, string Tip);

/// <summary>Where a run sits in a highlighted two-word phrase.</summary>
public enum PhrasePart
{
    /// <summary>The run opens the phrase.</summary>
    Start,
    /// <summary>The run lies between the phrase's two words.</summary>
    Middle,
    /// <summary>The run closes the phrase.</summary>
    End,
}

/// <summary>A run's part in a two-word phrase the model has a column for.</summary>
/// <param name="Phrase">The phrase, normalised.</param>
/// <param name="Push">Its push on the genre's logit.</param>
/// <param name="Part">Where the run sits in it.</param>
/// <param name="Tip">The numbers behind the push.</param>
public sealed record PhraseMark(string Phrase, float Push, PhrasePart Part, string Tip);

/// <summary>A stretch of the original plot with its marks for one genre (none for spaces, punctuation and stop words).</summary>
/// <param name="Text">The text exactly as written in the plot.</param>
/// <param name="Word">The word's mark, when it is a content word.</param>
/// <param name="Phrase">The phrase mark, when the run belongs to a highlighted phrase.</param>
public sealed record PlotRun(string Text, WordMark? Word, PhraseMark? Phrase);

/// <summary>
/// Cuts a plot into runs marked with their push on one genre, for the page to highlight. Concatenating the runs'
/// text gives the plot back unchanged; the page renders it as text, never as markup.
/// </summary>
public static class PlotHighlighter
{
    /// <summary>The runs of <paramref name="evidence"/>'s plot, marked for genre <paramref name="genre"/> (label index).</summary>
    public static IReadOnlyList<PlotRun> Runs(PlotEvidence evidence, int genre)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var name = GenreCatalog.All[genre];
        var words = evidence.Words.ToDictionary(w => w.Word, StringComparer.Ordinal);
        var phrases = evidence.Phrases.ToDictionary(p => p.Phrase, StringComparer.Ordinal);
        var strongest = evidence.Words.Select(w => MathF.Abs(w.Total(genre)))
            .Concat(evidence.Phrases.Select(p => MathF.Abs(p.Contribution[genre]))).DefaultIfEmpty(0f).Max();

        var segments = evidence.Segments;
        var marks = new WordMark?[segments.Count];
        var content = new List<int>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Word is { } word && words.TryGetValue(word, out var w))
            {
                marks[i] = new WordMark(word, w.Total(genre), Strength(w.Total(genre), strongest), WordTip(w, genre, name));
                content.Add(i);
            }
        }

        var phraseOf = new PhraseMark?[segments.Count];
        // Strongest phrases first; a word belongs to one highlighted phrase at most.
        var candidates = Enumerable.Range(0, Math.Max(0, content.Count - 1))
            .Select(k => (First: content[k], Last: content[k + 1], Text: $"{segments[content[k]].Word} {segments[content[k + 1]].Word}"))
            .Where(c => phrases.TryGetValue(c.Text, out var p) && MathF.Abs(p.Contribution[genre]) >= ExplanationCase.CitablePush)
            .OrderByDescending(c => MathF.Abs(phrases[c.Text].Contribution[genre])).ThenBy(c => c.First);
        foreach (var (first, last, text) in candidates)
        {
            if (phraseOf[first] is not null || phraseOf[last] is not null)
            {
                continue;
            }
            var phrase = phrases[text];
            var push = phrase.Contribution[genre];
            var tip = $"\"{text}\" {ExplanationFormat.Push(push)} for {name}: a two-word phrase, TF-IDF {F(phrase.TfIdf)} × weight {F(push / phrase.TfIdf)}";
            for (var i = first; i <= last; i++)
            {
                phraseOf[i] = new PhraseMark(text, push, i == first ? PhrasePart.Start : i == last ? PhrasePart.End : PhrasePart.Middle, tip);
            }
        }

        var plot = evidence.Plot;
        return segments.Select((s, i) => new PlotRun(plot.Substring(s.Start, s.Length), marks[i], phraseOf[i])).ToList();
    }

    /// <summary>"up", "down" or "" for a push, as CSS classes and tests name it.</summary>
    public static string Direction(float push, int strength) => strength == 0 ? "" : push > 0 ? "up" : "down";

    private static int Strength(float push, float strongest)
    {
        var size = MathF.Abs(push);
        if (strongest <= 0 || size < ExplanationCase.CitablePush)
        {
            return 0;
        }
        var share = size / strongest;
        return share >= 0.5f ? 3 : share >= 0.2f ? 2 : share >= 0.05f ? 1 : 0;
    }

    private static string WordTip(WordEvidence w, int genre, string name)
    {
        var parts = new List<string>();
        if (w.TfIdf > 0)
        {
            parts.Add($"as a word TF-IDF {F(w.TfIdf)} × weight {F(w.AsWord[genre] / w.TfIdf)} = {ExplanationFormat.Push(w.AsWord[genre])}");
        }
        if (w.AsPieces[genre] != 0)
        {
            parts.Add($"its letter pieces {ExplanationFormat.Push(w.AsPieces[genre])}");
        }
        if (w.AsMeaning[genre] != 0)
        {
            parts.Add($"its meaning (word vector) {ExplanationFormat.Push(w.AsMeaning[genre])}");
        }
        var occurrences = w.Occurrences > 1 ? $" ({w.Occurrences} occurrences together)" : "";
        return parts.Count == 0
            ? $"\"{w.Word}\": the model has learned nothing about this word"
            : $"\"{w.Word}\" {ExplanationFormat.Push(w.Total(genre))} for {name}{occurrences}: {string.Join("; ", parts)}";
    }

    private static string F(float value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
