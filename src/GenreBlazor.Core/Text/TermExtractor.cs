namespace GenreBlazor.Core.Text;

/// <summary>Where a term comes from; each kind has its own vocabulary.</summary>
public enum TermKind
{
    /// <summary>A word or a run of consecutive content words ("serial killer").</summary>
    Word,
    /// <summary>A run of characters inside a word padded with spaces (" kil", "ille").</summary>
    Character,
}

/// <summary>Receives the terms of a plot, one span at a time, without allocating.</summary>
public interface ITermSink
{
    /// <summary>Called once per occurrence of a term.</summary>
    void Add(scoped ReadOnlySpan<char> term, TermKind kind);
}

/// <summary>Which terms a plot yields.</summary>
/// <param name="MaxWordNGram">1 for single words, 2 to add pairs of consecutive content words, and so on.</param>
/// <param name="RemoveStopWords">Drop English stop words before forming n-grams (as scikit-learn does).</param>
/// <param name="MinCharNGram">Shortest character n-gram; 0 disables character n-grams.</param>
/// <param name="MaxCharNGram">Longest character n-gram.</param>
public sealed record TermOptions(int MaxWordNGram = 2, bool RemoveStopWords = true, int MinCharNGram = 0, int MaxCharNGram = 0)
{
    public bool UsesCharNGrams => MinCharNGram > 0 && MaxCharNGram >= MinCharNGram;
}

/// <summary>
/// Turns the tokens of a normalised plot into terms: word n-grams over the content words (stop words removed
/// first, so "the killer of the night" yields "killer night"), and optionally character n-grams of each content
/// word padded with spaces, which catch shared stems ("vampire", "vampires", "vampiric").
/// </summary>
public static class TermExtractor
{
    public static void Extract<TSink>(string normalized, List<Token> tokens, TermOptions options, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        Span<Token> content = tokens.Count <= 512 ? stackalloc Token[tokens.Count] : new Token[tokens.Count];
        var count = 0;
        foreach (var token in tokens)
        {
            if (!options.RemoveStopWords || !StopWords.IsStopWord(token.In(normalized)))
            {
                content[count++] = token;
            }
        }
        content = content[..count];

        Span<char> buffer = stackalloc char[(Tokenizer.MaxLength + 1) * Math.Max(options.MaxWordNGram, 1) + 2];
        for (var i = 0; i < content.Length; i++)
        {
            sink.Add(content[i].In(normalized), TermKind.Word);
            var length = content[i].Length;
            content[i].In(normalized).CopyTo(buffer);
            for (var n = 2; n <= options.MaxWordNGram && i + n - 1 < content.Length; n++)
            {
                buffer[length++] = ' ';
                var next = content[i + n - 1].In(normalized);
                next.CopyTo(buffer[length..]);
                length += next.Length;
                sink.Add(buffer[..length], TermKind.Word);
            }
        }

        foreach (var token in content)
        {
            ExtractCharacters(token.In(normalized), options, ref sink);
        }
    }

    /// <summary>Sends the character n-grams of one word (padded with spaces) to the sink.</summary>
    public static void ExtractCharacters<TSink>(ReadOnlySpan<char> word, TermOptions options, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        if (!options.UsesCharNGrams)
        {
            return;
        }
        Span<char> padded = stackalloc char[word.Length + 2];
        padded[0] = ' ';
        word.CopyTo(padded[1..]);
        padded[^1] = ' ';
        for (var n = options.MinCharNGram; n <= options.MaxCharNGram && n <= padded.Length; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                sink.Add(padded.Slice(start, n), TermKind.Character);
            }
        }
    }

    /// <summary>The terms of a raw plot as strings (for tests and explanations).</summary>
    public static IReadOnlyList<(string Term, TermKind Kind)> Terms(string text, TermOptions options)
    {
        var normalized = TextNormalizer.Normalize(text);
        var tokens = new List<Token>();
        Tokenizer.Tokenize(normalized, tokens);
        var sink = new ListSink([]);
        Extract(normalized, tokens, options, ref sink);
        return sink.Terms;
    }

    private readonly struct ListSink(List<(string, TermKind)> terms) : ITermSink
    {
        public List<(string Term, TermKind Kind)> Terms => terms;

        public void Add(scoped ReadOnlySpan<char> term, TermKind kind) => terms.Add((term.ToString(), kind));
    }
}
