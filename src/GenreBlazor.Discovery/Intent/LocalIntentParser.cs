using System.Globalization;
using System.Text.RegularExpressions;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Discovery.Intent;

/// <summary>
/// Reads a request without a language model: genre words (and their common forms: "thrillers", "sci-fi", "scary"),
/// "not/no/without &lt;genre&gt;", decades ("90s", "1990s", "the nineties"), years ("from 1994", "before 2000",
/// "between 1990 and 1995"), and "like &lt;title&gt;" — the longest run of words after "like" that is a catalog title
/// when <paramref name="isTitle"/> is given, else the words up to the next clause ("from", "but", ",").
/// </summary>
public sealed partial class LocalIntentParser(Func<string, bool>? isTitle = null)
{
    private const int MaxTitleWords = 10;

    private static readonly Dictionary<string, string> GenreWords = BuildGenreWords();

    private static readonly Dictionary<string, int> DecadeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenties"] = 1920, ["thirties"] = 1930, ["forties"] = 1940, ["fifties"] = 1950, ["sixties"] = 1960,
        ["seventies"] = 1970, ["eighties"] = 1980, ["nineties"] = 1990, ["noughties"] = 2000,
    };

    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "but", "in", "with", "without", "not", "set", "and", "or", "that", "which", "before", "after", "between", "during", "made", "released",
    };

    private static readonly HashSet<string> FillerWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "some", "movie", "movies", "film", "films", "something", "show", "me", "find", "i", "want", "please", "like", "similar", "to",
        "from", "in", "of", "s", "any", "good", "great",
    };

    public DiscoveryIntent Parse(string request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Trim();
        var (yearFrom, yearTo, withoutYears) = Years(text);
        var seeds = new List<string>();
        var rest = Seeds(withoutYears, seeds);
        var genres = new List<string>();
        var excluded = new List<string>();
        var leftover = new List<string>();
        var words = Words(rest);
        for (var i = 0; i < words.Count; i++)
        {
            var negated = i > 0 && words[i - 1].ToLowerInvariant() is "not" or "no" or "without" or "except" || i > 1 && words[i - 2].Equals("no", StringComparison.OrdinalIgnoreCase) && words[i - 1].Equals("more", StringComparison.OrdinalIgnoreCase);
            var (genre, length) = GenreAt(words, i);
            if (genre is not null)
            {
                var list = negated ? excluded : genres;
                if (!list.Contains(genre))
                {
                    list.Add(genre);
                }
                i += length - 1;
                continue;
            }
            if (words[i].ToLowerInvariant() is not ("not" or "no" or "without" or "except" or "but" or "and" or "or") && !FillerWords.Contains(words[i]))
            {
                leftover.Add(words[i]);
            }
        }
        genres.RemoveAll(excluded.Contains);
        return new DiscoveryIntent(seeds, genres, excluded, yearFrom, yearTo, [], string.Join(' ', leftover));
    }

    private static (int? From, int? To, string Remainder) Years(string text)
    {
        int? from = null, to = null;
        var between = BetweenYears().Match(text);
        if (between.Success)
        {
            var a = int.Parse(between.Groups[1].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(between.Groups[2].Value, CultureInfo.InvariantCulture);
            return (Math.Min(a, b), Math.Max(a, b), text.Remove(between.Index, between.Length));
        }
        var decade = Decade().Match(text);
        if (decade.Success)
        {
            var start = DecadeStart(decade.Groups["century"].Value, decade.Groups["decade"].Value);
            text = text.Remove(decade.Index, decade.Length);
            from = start;
            to = start + 9;
        }
        else
        {
            foreach (var (word, start) in DecadeWords)
            {
                var match = Regex.Match(text, $@"\b(?:the\s+)?{word}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                if (match.Success)
                {
                    text = text.Remove(match.Index, match.Length);
                    (from, to) = (start, start + 9);
                    break;
                }
            }
        }
        var bound = YearBound().Match(text);
        if (bound.Success)
        {
            var year = int.Parse(bound.Groups["year"].Value, CultureInfo.InvariantCulture);
            switch (bound.Groups["word"].Value.ToLowerInvariant())
            {
                case "before" or "until" or "pre":
                    to = year - 1;
                    break;
                case "after" or "since" or "post":
                    from = bound.Groups["word"].Value.Equals("since", StringComparison.OrdinalIgnoreCase) ? year : year + 1;
                    break;
                default:
                    (from, to) = (year, year);
                    break;
            }
            text = text.Remove(bound.Index, bound.Length);
        }
        return (from, to, text);
    }

    private static int DecadeStart(string century, string decade)
    {
        var tens = int.Parse(decade, CultureInfo.InvariantCulture);
        if (century.Length > 0)
        {
            return int.Parse(century, CultureInfo.InvariantCulture) * 100 + tens;
        }
        return tens >= 20 ? 1900 + tens : 2000 + tens;
    }

    /// <summary>Takes "like &lt;title&gt;" phrases out of the text into <paramref name="seeds"/>.</summary>
    private string Seeds(string text, List<string> seeds)
    {
        var words = Words(text, keepPunctuation: true);
        var kept = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var isLike = words[i].Equals("like", StringComparison.OrdinalIgnoreCase)
                || (words[i].Equals("to", StringComparison.OrdinalIgnoreCase) && i > 0 && words[i - 1].Equals("similar", StringComparison.OrdinalIgnoreCase));
            if (!isLike || i + 1 >= words.Count)
            {
                kept.Add(words[i]);
                continue;
            }
            var start = i + 1;
            if (start < words.Count && words[start].ToLowerInvariant() is "the" && words.Count > start + 1 && words[start + 1].ToLowerInvariant() is "movie" or "film")
            {
                start += 2;
            }
            var length = TitleLength(words, start);
            if (length == 0)
            {
                kept.Add(words[i]);
                continue;
            }
            seeds.Add(string.Join(' ', words.Skip(start).Take(length)).Trim(',', '.', ';', '!', '?', '"', '\''));
            i = start + length - 1;
        }
        return string.Join(' ', kept);
    }

    private int TitleLength(List<string> words, int start)
    {
        if (isTitle is not null)
        {
            for (var length = Math.Min(MaxTitleWords, words.Count - start); length >= 1; length--)
            {
                if (isTitle(string.Join(' ', words.Skip(start).Take(length))))
                {
                    return length;
                }
            }
        }
        var count = 0;
        while (start + count < words.Count && (count == 0 || !ClauseWords.Contains(words[start + count])))
        {
            var word = words[start + count];
            count++;
            if (word.EndsWith(',') || word.EndsWith('.') || word.EndsWith(';'))
            {
                break;
            }
        }
        return count;
    }

    private static (string? Genre, int Length) GenreAt(List<string> words, int i)
    {
        if (i + 1 < words.Count && GenreWords.TryGetValue($"{words[i]} {words[i + 1]}", out var two))
        {
            return (two, 2);
        }
        return GenreWords.TryGetValue(words[i], out var one) ? (one, 1) : (null, 0);
    }

    private static List<string> Words(string text, bool keepPunctuation = false) =>
        [.. text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => keepPunctuation ? word : word.Trim(',', '.', ';', ':', '!', '?', '"', '(', ')'))
            .Where(word => word.Length > 0)];

    private static Dictionary<string, string> BuildGenreWords()
    {
        var words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var genre in GenreCatalog.All)
        {
            words[genre] = genre;
            words[genre + "s"] = genre;
        }
        void Add(string genre, params string[] forms)
        {
            foreach (var form in forms)
            {
                words[form] = genre;
            }
        }
        Add("Comedy", "comedies", "funny", "comic", "comedic");
        Add("Horror", "scary", "horrors", "slasher");
        Add("Romance", "romantic", "romcom", "rom-com", "love story");
        Add("Science Fiction", "sci-fi", "scifi", "sf", "science-fiction");
        Add("Animation", "animated", "cartoon", "cartoons", "anime");
        Add("Documentary", "documentaries", "docs");
        Add("Family", "kids", "children's", "family-friendly");
        Add("History", "historical", "period");
        Add("Music", "musical", "musicals");
        Add("Mystery", "mysteries", "whodunit", "detective");
        Add("Thriller", "thrillers", "suspense", "suspenseful");
        Add("War", "wars", "wartime");
        Add("Western", "westerns", "cowboy");
        Add("Fantasy", "fantasies", "magical");
        Add("TV Movie", "tv movie", "tv film");
        return words;
    }

    [GeneratedRegex(@"\bbetween\s+(\d{4})\s+(?:and|to|-)\s+(\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BetweenYears();

    [GeneratedRegex(@"(?:\b(?:from|in)\s+)?(?:the\s+)?(?:\b(?<century>1[89]|20)|')?(?<decade>[0-9]0)'?s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Decade();

    [GeneratedRegex(@"\b(?<word>from|in|before|after|since|until|pre|post)\s+(?<year>(?:18|19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearBound();
}
