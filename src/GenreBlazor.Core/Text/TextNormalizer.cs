using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace GenreBlazor.Core.Text;

/// <summary>
/// Puts a plot into the one form every later step expects: HTML entities decoded, lower case, accents removed
/// ("fiancé" → "fiance"), possessive "'s" dropped ("wife's" → "wife"), other in-word apostrophes removed
/// ("don't" → "dont"), and every other punctuation mark or symbol turned into a space. Letters of any script
/// and digits are kept.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('&'))
        {
            text = WebUtility.HtmlDecode(text);
        }
        if (!Ascii.IsValid(text))
        {
            // Canonical decomposition splits "é" into "e" + a combining accent that the loop below drops.
            // It refuses unpaired surrogates and non-characters, which pasted binary junk may hold.
            text = ReplaceInvalidCodePoints(text).Normalize(NormalizationForm.FormD);
        }
        char[]? rented = null;
        var buffer = text.Length <= 2048 ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = Normalize(text, buffer);
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                destination[n++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
            }
            else if (IsApostrophe(c))
            {
                var inWord = n > 0 && char.IsLetter(destination[n - 1]);
                var possessive = i + 1 < source.Length && (source[i + 1] | 0x20) == 's'
                    && (i + 2 >= source.Length || !char.IsLetterOrDigit(source[i + 2]));
                if (!inWord)
                {
                    destination[n++] = ' ';
                }
                else if (possessive)
                {
                    destination[n++] = ' ';
                    i++;
                }
                // otherwise the apostrophe is dropped and the word continues: "don't" → "dont"
            }
            else if (c < 128)
            {
                destination[n++] = ' ';
            }
            else
            {
                switch (CharUnicodeInfo.GetUnicodeCategory(c))
                {
                    case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                        break; // an accent split off by FormD
                    case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                        or UnicodeCategory.SpacingCombiningMark:
                        destination[n++] = char.ToLowerInvariant(c);
                        break;
                    default:
                        destination[n++] = ' ';
                        break;
                }
            }
        }
        return n;
    }

    /// <summary>Unpaired surrogates and Unicode non-characters become spaces; everything else is kept.</summary>
    internal static string ReplaceInvalidCodePoints(string text)
    {
        StringBuilder? cleaned = null;
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var status = Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            var bad = status != OperationStatus.Done || IsNonCharacter(rune.Value);
            if (bad && cleaned is null)
            {
                cleaned = new StringBuilder(text.Length).Append(span[..i]);
            }
            if (bad)
            {
                cleaned!.Append(' ', consumed);
            }
            else
            {
                cleaned?.Append(span.Slice(i, consumed));
            }
            i += consumed;
        }
        return cleaned?.ToString() ?? text;
    }

    private static bool IsNonCharacter(int value) => (value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';
}
