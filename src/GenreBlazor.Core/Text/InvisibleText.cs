using System.Globalization;
using System.Text;

namespace GenreBlazor.Core.Text;

/// <summary>
/// Removes the characters a reader cannot see but a machine reads: Unicode format characters (category Cf — bidi
/// overrides and isolates that reorder what is shown, zero-width spaces and joiners, the byte-order mark, word joiners,
/// the tag characters U+E0000–U+E007F that can spell hidden instructions to a language model) and control characters
/// other than line breaks and tabs. What remains is what a person sees; nothing visible is changed.
/// </summary>
public static class InvisibleText
{
    /// <summary>The text without invisible characters (the same instance when it has none).</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EnumerateRunes().Any(IsInvisible))
        {
            return text;
        }
        var visible = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                visible.Append(rune.ToString());
            }
        }
        return visible.ToString();
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
        // A lone surrogate enumerates as U+FFFD; it is kept as the visible replacement mark.
        || rune.Value is >= 0xE0000 and <= 0xE007F;
}
