namespace GenreBlazor.Core.Text;

/// <summary>A token: a range of a normalised text.</summary>
public readonly record struct Token(int Start, int Length)
{
    /// <summary>The token's characters within the text it was cut from.</summary>
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);
}

/// <summary>
/// Cuts normalised text into words: maximal runs of letters and digits, at least <see cref="MinLength"/> long
/// (single characters carry no genre signal and match sklearn's default token pattern).
/// </summary>
public static class Tokenizer
{
    public const int MinLength = 2;

    /// <summary>Longest token kept; longer runs are junk (URLs, binary, hashes) and are dropped.</summary>
    public const int MaxLength = 40;

    public static void Tokenize(string normalized, List<Token> tokens)
    {
        var span = normalized.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && span[i] == ' ')
            {
                i++;
            }
            var start = i;
            while (i < span.Length && span[i] != ' ')
            {
                i++;
            }
            var length = i - start;
            if (length >= MinLength && length <= MaxLength)
            {
                tokens.Add(new Token(start, length));
            }
        }
    }

    /// <summary>The tokens of a text as strings (for tests and explanations; the hot path uses spans).</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var tokens = new List<Token>();
        Tokenize(normalized, tokens);
        return tokens.Select(t => t.In(normalized).ToString()).ToList();
    }
}
