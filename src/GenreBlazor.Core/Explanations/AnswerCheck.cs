using System.Text.RegularExpressions;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Explanations;

/// <summary>How long an explanation from a language model may be.</summary>
/// <param name="MinCharacters">Shortest answer accepted.</param>
/// <param name="MaxCharacters">Longest answer accepted.</param>
/// <param name="MaxSentences">Most sentences accepted (two or three are asked for).</param>
public sealed record AnswerLimits(int MinCharacters = 30, int MaxCharacters = 800, int MaxSentences = 4)
{
    /// <summary>The limits the app uses unless configured otherwise.</summary>
    public static AnswerLimits Default { get; } = new();
}

/// <param name="Accepted">Whether the answer may be shown.</param>
/// <param name="Text">The answer with its white space tidied (line breaks and runs of spaces become one space).</param>
/// <param name="Problem">Why it was refused, in words for a log line and the page; null when accepted.</param>
public sealed record AnswerVerdict(bool Accepted, string Text, string? Problem)
{
    internal static AnswerVerdict Refused(string text, string problem) => new(false, text, problem);
}

/// <summary>
/// Checks a language model's explanation before anyone sees it: plain prose of a sensible length, no markup, no echo
/// of the prompt, only the discussed genres named (at least one of them), and at least one evidence word cited.
/// Anything else is refused, and the caller shows the local explanation instead.
/// </summary>
public static partial class AnswerCheck
{
    // Lower-case spellings that can only mean a genre; capitalised catalog names are checked as well.
    private static readonly (string Genre, string Pattern)[] GenreWords =
    [
        ("Comedy", "comedy|comedies|comedic"),
        ("Horror", "horror"),
        ("Thriller", "thriller|thrillers"),
        ("Documentary", "documentary|documentaries"),
        ("Science Fiction", "science[- ]fiction|sci-?fi"),
        ("TV Movie", "tv[- ]movie|television movie|made-for-tv"),
        ("Animation", "animation|animated"),
        ("Romance", "romantic comedy|rom-?com"),
    ];

    public static AnswerVerdict Check(string? answer, ExplanationCase explanationCase, ExplanationPrompt prompt, AnswerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(explanationCase);
        ArgumentNullException.ThrowIfNull(prompt);
        limits ??= AnswerLimits.Default;
        var raw = answer ?? "";
        var text = Whitespace().Replace(raw, " ").Trim();

        if (text.Length == 0)
        {
            return AnswerVerdict.Refused(text, "the answer is empty");
        }
        if (text.Contains(prompt.Boundary, StringComparison.OrdinalIgnoreCase) || PlotMarker().IsMatch(text))
        {
            return AnswerVerdict.Refused(text, "the answer repeats the plot block's markers (a prompt leak)");
        }
        if (EchoesInstructions(text, prompt.System) is { } echoed)
        {
            return AnswerVerdict.Refused(text, $"the answer repeats the instructions (\"{echoed}\")");
        }
        if (Markup(raw) is { } markup)
        {
            return AnswerVerdict.Refused(text, $"the answer holds markup ({markup})");
        }
        if (text.Length < limits.MinCharacters)
        {
            return AnswerVerdict.Refused(text, $"the answer is too short ({text.Length} characters, at least {limits.MinCharacters})");
        }
        if (text.Length > limits.MaxCharacters)
        {
            return AnswerVerdict.Refused(text, $"the answer is too long ({text.Length} characters, at most {limits.MaxCharacters})");
        }
        var sentences = SentenceCount(text);
        if (sentences > limits.MaxSentences)
        {
            return AnswerVerdict.Refused(text, $"the answer has {sentences} sentences, at most {limits.MaxSentences}");
        }

        var allowed = explanationCase.Discussed.Select(g => g.Label).ToHashSet();
        var others = NamedGenres(text).Where(label => !allowed.Contains(label)).Select(label => GenreCatalog.All[label]).ToList();
        if (others.Count > 0)
        {
            return AnswerVerdict.Refused(text, $"the answer names {ExplanationFormat.List(others)}, which {(others.Count == 1 ? "was" : "were")} not predicted");
        }
        if (!explanationCase.Discussed.Any(g => Names(text, g.Genre)))
        {
            return AnswerVerdict.Refused(text, "the answer names none of the predicted genres");
        }
        var cited = explanationCase.Discussed.SelectMany(g => g.Up.Concat(g.Down)).Select(i => i.Text).Distinct().ToList();
        if (cited.Count > 0 && !cited.Any(word => Cites(text, word)))
        {
            return AnswerVerdict.Refused(text, "the answer cites none of the evidence words");
        }
        return new AnswerVerdict(true, text, null);
    }

    /// <summary>Label indices of the genres a text names: catalog names as written, or a spelling that can only mean a genre.</summary>
    public static IReadOnlyList<int> NamedGenres(string text)
    {
        var named = new SortedSet<int>();
        for (var label = 0; label < GenreCatalog.Count; label++)
        {
            if (Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(GenreCatalog.All[label])}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant))
            {
                named.Add(label);
            }
        }
        foreach (var (genre, pattern) in GenreWords)
        {
            if (Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}])(?:{pattern})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                named.Add(GenreCatalog.IndexOf(genre));
            }
        }
        return [.. named];
    }

    private static bool Names(string text, string genre) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(genre)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool Cites(string text, string evidence) =>
        Regex.IsMatch(Fold(text), $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(evidence)}", RegexOptions.CultureInvariant);

    /// <summary>Lower case without accents, as the evidence words are written.</summary>
    private static string Fold(string text) => Text.TextNormalizer.Normalize(text);

    /// <summary>What kind of markup the text holds, or null: HTML or XML tags, markdown, code, links, tables, JSON.</summary>
    private static string? Markup(string text)
    {
        if (text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal))
        {
            return "angle brackets or HTML";
        }
        if (HtmlEntity().IsMatch(text))
        {
            return "an HTML entity";
        }
        if (text.IndexOfAny(['{', '}', '[', ']', '|', '`', '*', '#', '\\']) is >= 0 and var at)
        {
            return $"the character '{text[at]}'";
        }
        if (text.Contains("__", StringComparison.Ordinal))
        {
            return "markdown emphasis";
        }
        if (ListOrHeading().IsMatch(text))
        {
            return "a list";
        }
        if (Link().IsMatch(text))
        {
            return "a link";
        }
        return null;
    }

    /// <summary>Eight words in a row taken from the instructions, or null.</summary>
    private static string? EchoesInstructions(string text, string instructions)
    {
        const int run = 8;
        var taught = WordsOf(instructions);
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + run <= taught.Count; i++)
        {
            shingles.Add(string.Join(' ', taught.Skip(i).Take(run)));
        }
        var said = WordsOf(text);
        for (var i = 0; i + run <= said.Count; i++)
        {
            var shingle = string.Join(' ', said.Skip(i).Take(run));
            if (shingles.Contains(shingle))
            {
                return shingle;
            }
        }
        return null;
    }

    private static List<string> WordsOf(string text) =>
        [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    private static int SentenceCount(string text) => SentenceEnd().Count(text.TrimEnd('.', '!', '?', '"', '\'', ')', ' ')) + 1;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"plot-[0-9a-f]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex PlotMarker();

    [GeneratedRegex(@"&(#\d+|#x[0-9a-f]+|[a-z]+);", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlEntity();

    [GeneratedRegex(@"(^|\n)\s*([-+•]|\d+[.)])\s", RegexOptions.Multiline)]
    private static partial Regex ListOrHeading();

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();

    // A sentence ends at . ! or ? (possibly closed by a quote or bracket) followed by a space.
    [GeneratedRegex(@"[.!?][""'”’)]*\s+")]
    private static partial Regex SentenceEnd();
}
